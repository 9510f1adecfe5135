// A roster (学生名册) as a document: the organisation, when it was made, and one table of the
// students on roll in print order, numbered. ID numbers, and G national numbers built from them,
// are masked unless the file may show them whole. Pure.
import { RECORD_STATUS_LABEL } from '../changes/kinds.ts';
import { ETHNICITY, GENDER, ID_TYPE } from '../code-tables.ts';
import { maskIdNumber, maskNationalStudentNo } from '../masking.ts';
import { statusOf, type StudentRecord } from '../student.ts';
import { chinaMinute, sheetNameOf, type ExportDocument } from './document.ts';
import { fileNamePart } from './kinds.ts';

export interface RosterInput {
  orgName: string;
  records: StudentRecord[];
  /** Names of the records' grades and classes by id. */
  classNames: Map<string, string>;
  full: boolean;
  at: string;
}

export function rosterDocument({ orgName, records, classNames, full, at }: RosterInput): ExportDocument {
  const idOf = (record: StudentRecord) => (record.idNumber ? (full ? record.idNumber : (maskIdNumber(record.idNumber) ?? '')) : '');
  return {
    title: `${orgName}学生名册`,
    facts: [
      ['单位', orgName],
      ['人数', String(records.length)],
      ['制表时间', chinaMinute(at)],
    ],
    tables: [
      {
        columns: [
          { header: '序号', width: 4, align: 'right' },
          { header: '年级', width: 8 },
          { header: '班级', width: 8 },
          { header: '班内学号', width: 5, align: 'center' },
          { header: '姓名', width: 8 },
          { header: '性别', width: 4, align: 'center' },
          { header: '出生日期', width: 9 },
          { header: '民族', width: 6 },
          { header: '证件类型', width: 8 },
          { header: '身份证件号', width: 16 },
          { header: '全国学籍号', width: 16 },
          { header: '学籍状态', width: 6 },
        ],
        rows: records.map((record, index) => [
          index + 1,
          classNames.get(record.gradeId) ?? record.grade,
          classNames.get(record.classId) ?? record.classId,
          record.classSeatNo ?? '',
          record.name,
          GENDER[record.gender] ?? record.gender,
          record.birthDate,
          ETHNICITY[record.ethnicity] ?? record.ethnicity,
          ID_TYPE[record.idType] ?? record.idType,
          idOf(record),
          full ? record.nationalStudentNo : maskNationalStudentNo(record.nationalStudentNo),
          RECORD_STATUS_LABEL[statusOf(record)],
        ]),
      },
    ],
    fileName: fileNamePart(`${orgName}学生名册`),
    sheetName: sheetNameOf('学生名册'),
  };
}
