// The graduate photo capture list (毕业生图像采集名单): who the photographers are to take, one row
// per student on roll in print order, numbered from 1, in the columns the capture stations read.
// 学号 is the school's own number, or the national student number without one; 专业 is the grade's
// name (a college keeps one major per grade); 学校代码 the 学校标识码; 地区码 the county's 6-digit
// code. ID numbers, and G numbers built from them, are masked unless the file may show them. Pure.
import { GENDER } from '../code-tables.ts';
import { maskIdNumber, maskNationalStudentNo } from '../masking.ts';
import type { StudentRecord } from '../student.ts';
import type { DataFile } from './data-file.ts';
import { fileNamePart } from './kinds.ts';

export const CAPTURE_LIST_COLUMNS = ['序号', '学号', '姓名', '性别', '身份证号', '专业', '学校代码', '地区码'];

export interface CaptureListInput {
  orgName: string;
  /** In print order. */
  records: Pick<StudentRecord, 'studentId' | 'name' | 'gender' | 'idNumber' | 'nationalStudentNo' | 'schoolStudentNo' | 'gradeId' | 'grade' | 'schoolId' | 'countyId'>[];
  /** Grades' names by id. */
  gradeNames: Map<string, string>;
  /** The 学校标识码 of the schools and the region codes of the counties, by id. */
  codes: Map<string, string>;
  full: boolean;
}

export function captureListFile({ orgName, records, gradeNames, codes, full }: CaptureListInput): DataFile {
  const title = '毕业生图像采集名单';
  return {
    tables: [
      {
        name: title,
        columns: CAPTURE_LIST_COLUMNS,
        rows: records.map((record, index) => [
          index + 1,
          record.schoolStudentNo ?? (full ? record.nationalStudentNo : maskNationalStudentNo(record.nationalStudentNo)),
          record.name,
          GENDER[record.gender] ?? record.gender,
          record.idNumber ? (full ? record.idNumber : (maskIdNumber(record.idNumber) ?? '')) : '',
          gradeNames.get(record.gradeId) ?? record.grade,
          codes.get(record.schoolId) ?? record.schoolId,
          codes.get(record.countyId) ?? record.countyId,
        ]),
      },
    ],
    fileName: fileNamePart(`${orgName}${title}`),
  };
}
