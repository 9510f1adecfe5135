// What a case asks for, in words: the class a student moves to, the dates of a leave, the date of
// a departure, the key fields from their value now to the one asked for. Used on the case page
// and in the confirmation before filing.
import { Descriptions, Table, Typography } from 'antd';
import type { ChangeType } from '#shared/domain/changes/kinds.ts';
import { MARK_LABEL, type Mark } from '#shared/domain/grades/sheet.ts';
import { termLabel } from '#shared/domain/teaching/term.ts';
import { GENDER, ID_TYPE } from '#shared/domain/code-tables.ts';
import { codeLabel } from '../../students/fields.ts';
import { useClassName } from '../../students/RecordView.tsx';

export const KEY_FIELD_LABELS: Record<string, string> = { name: '姓名', gender: '性别', birthDate: '出生日期', idType: '身份证件类型', idNumber: '身份证件号' };
const KEY_FIELD_TABLES: Record<string, typeof GENDER | undefined> = { gender: GENDER, idType: ID_TYPE };
export const showKeyField = (field: string, value: unknown): string => (value === undefined || value === null || value === '' ? '（空）' : codeLabel(KEY_FIELD_TABLES[field], value));

/** The date a departure happened on, named for its kind. */
export const ON_LABEL: Partial<Record<ChangeType, string>> = { dropout: '辍学日期', abroad: '出境日期', death: '死亡日期', withdraw: '退学日期' };
export const CLASS_LABEL: Partial<Record<ChangeType, string>> = { transfer: '转入班级', return: '复学班级', repeat: '留级到班级', skip: '跳级到班级', majorChange: '转入专业 (班级)' };

function ClassName({ classId, fallback }: { classId: string; fallback: string }) {
  const klass = useClassName(classId);
  if (klass.isPending) return <Typography.Text type="secondary">…</Typography.Text>;
  // A class of another school (the sending school reads a transfer's target): named by its school.
  return <span data-testid="target-class">{klass.data?.name ?? fallback}</span>;
}

interface Props {
  type: ChangeType;
  request: Record<string, unknown>;
  /** For a transfer: the school the student joins (the applicant). */
  toSchoolName?: string | undefined;
  /** For a key-field change: the values the record has (or had) before it. */
  before?: Record<string, unknown> | undefined;
  /** One column in a dialog; two on a page wide enough. */
  column?: 1;
}

export function RequestDetails({ type, request, toSchoolName, before, column }: Props) {
  const text = (key: string) => (typeof request[key] === 'string' ? (request[key] as string) : undefined);
  const items: { key: string; label: string; children: React.ReactNode; span?: 'filled' }[] = [];
  if (type === 'transfer' && toSchoolName) items.push({ key: 'toSchool', label: '转入学校', children: toSchoolName });
  const toClassId = text('toClassId');
  if (toClassId) items.push({ key: 'toClassId', label: CLASS_LABEL[type] ?? '转入班级', children: text('toClassName') ?? <ClassName classId={toClassId} fallback={toSchoolName ? `${toSchoolName}的班级` : toClassId} /> });
  if (text('from') && text('until')) items.push({ key: 'period', label: '休学时间', children: `${text('from')} 至 ${text('until')}` });
  if (text('on')) items.push({ key: 'on', label: ON_LABEL[type] ?? '发生日期', children: text('on') });
  if (type === 'gradeCorrection') {
    // 成绩更正: the course and term, and the grade before and after.
    const grade = (value: unknown) => {
      const entry = (value ?? {}) as { score?: number; mark?: Mark };
      return entry.mark ? MARK_LABEL[entry.mark] : String(entry.score ?? '—');
    };
    items.push({ key: 'course', label: '课程', children: `${text('courseName') ?? ''} (${termLabel(text('term') ?? '')})` });
    items.push({ key: 'grade', label: '成绩', children: <span data-testid="grade-correction">{grade(request.old)} → <Typography.Text strong>{grade(request)}</Typography.Text></span> });
  }
  items.push({ key: 'reason', label: type === 'return' ? '说明' : '原因', children: text('reason') ?? <Typography.Text type="secondary">未填写</Typography.Text>, span: 'filled' });
  const changes = type === 'keyFieldChange' && request.changes && typeof request.changes === 'object' ? Object.entries(request.changes as Record<string, unknown>) : [];
  const table = changes.length > 0 && (
    <Table
      size="small"
      pagination={false}
      rowKey="field"
      style={{ marginBottom: 8 }}
      data-testid="key-field-changes"
      dataSource={changes.map(([field, value]) => ({ field, label: KEY_FIELD_LABELS[field] ?? field, old: before ? showKeyField(field, before[field]) : '—', now: showKeyField(field, value) }))}
      columns={[
        { title: '关键信息', dataIndex: 'label' },
        { title: '原值', dataIndex: 'old', render: (value: string) => <Typography.Text type="secondary">{value}</Typography.Text> },
        { title: '变更为', dataIndex: 'now', render: (value: string) => <Typography.Text strong>{value}</Typography.Text> },
      ]}
    />
  );
  // What changes first (the key fields, old → new), then why.
  return (
    <>
      {table}
      <Descriptions size="small" column={column ?? { xs: 1, sm: 2 }} items={items} data-testid="request-details" />
    </>
  );
}
