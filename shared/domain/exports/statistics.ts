// An organisation's statistics (统计表) as a document: its students by grade, sex, ethnicity and
// the special groups, open problems and pending cases, and its children side by side. The counts
// are the maintained counters GET /v1/stats answers (shared/services/stats/present.ts). Pure.
import { CHANGE_TYPE_LABEL, RECORD_STATUS_LABEL, type ChangeType, type RecordStatus } from '../changes/kinds.ts';
import { ETHNICITY, GENDER } from '../code-tables.ts';
import { PROBLEM_KIND_LABEL, type ProblemKind } from '../problems/kinds.ts';
import type { SpecialGroup } from '../stats/contribution.ts';
import { chinaMinute, sheetNameOf, type ExportDocument, type Table } from './document.ts';
import { fileNamePart } from './kinds.ts';

export interface StatisticsCounts {
  students: number;
  byStatus: Record<string, number>;
  byGrade: Record<string, number>;
  byGender: Record<string, number>;
  byEthnicity: Record<string, number>;
  special: Record<SpecialGroup, number>;
  openProblems: { total: number; byKind: Record<string, number> };
  pendingCases: { total: number; byType: Record<string, number> };
}

const SPECIAL_LABEL: Record<SpecialGroup, string> = { migrant: '进城务工人员随迁子女', leftBehind: '留守儿童', orphan: '孤儿', disability: '残疾学生' };

const byCount = (counts: Record<string, number>, label: (code: string) => string, heading: string, sort: 'code' | 'count' = 'code'): Table => {
  const entries = Object.entries(counts).sort(([a, x], [b, y]) => (sort === 'count' ? y - x : 0) || a.localeCompare(b));
  return {
    heading,
    columns: [{ header: '项目', width: 3 }, { header: '人数', width: 1, align: 'right' }],
    rows: entries.length > 0 ? entries.map(([code, count]) => [label(code), count]) : [['(无)', 0]],
  };
};

export function statisticsDocument(input: { orgName: string; counts: StatisticsCounts; children: { name: string; counts: StatisticsCounts }[]; at: string }): ExportDocument {
  const { counts } = input;
  const tables: Table[] = [
    byCount(counts.byGrade, (grade) => `${grade}级`, '各年级在籍人数'),
    byCount(counts.byGender, (code) => GENDER[code] ?? code, '性别'),
    byCount(counts.byEthnicity, (code) => ETHNICITY[code] ?? code, '民族', 'count'),
    byCount(counts.special, (group) => SPECIAL_LABEL[group as SpecialGroup] ?? group, '特殊群体'),
    byCount(counts.byStatus, (status) => RECORD_STATUS_LABEL[status as RecordStatus] ?? status, '学籍状态'),
    byCount(counts.openProblems.byKind, (kind) => PROBLEM_KIND_LABEL[kind as ProblemKind] ?? kind, `待处理问题学籍 (共 ${counts.openProblems.total})`),
    byCount(counts.pendingCases.byType, (type) => CHANGE_TYPE_LABEL[type as ChangeType] ?? type, `待审批异动 (共 ${counts.pendingCases.total})`),
  ];
  if (input.children.length > 0) {
    tables.push({
      heading: '下级单位',
      columns: [
        { header: '单位', width: 4 },
        { header: '在籍人数', width: 1, align: 'right' },
        { header: '男', width: 1, align: 'right' },
        { header: '女', width: 1, align: 'right' },
        { header: '待处理问题', width: 1, align: 'right' },
        { header: '待审批异动', width: 1, align: 'right' },
      ],
      rows: input.children.map((child) => [child.name, child.counts.students, child.counts.byGender['1'] ?? 0, child.counts.byGender['2'] ?? 0, child.counts.openProblems.total, child.counts.pendingCases.total]),
    });
  }
  return {
    title: `${input.orgName}学籍统计表`,
    facts: [
      ['单位', input.orgName],
      ['在籍学生', String(counts.students)],
      ['统计时间', chinaMinute(input.at)],
    ],
    tables,
    closing: ['人数取自学籍记录的实时计数，与学籍记录一致。'],
    fileName: fileNamePart(`${input.orgName}学籍统计表`),
    sheetName: sheetNameOf('学籍统计'),
  };
}
