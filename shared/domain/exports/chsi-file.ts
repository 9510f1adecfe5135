// The 学信网 registration files (学信网电子注册): one table, a row per student, the columns named
// by the codes 学信网 reads (KSH 考生号, XH 学号 …). The new-student and the annual file have the
// same columns; an adult-education school adds its code and name (YXDM, YXMC); the graduates'
// file adds the graduation date, conclusion and certificate number. Values as 学信网 expects them:
// dates yyyyMMdd, codes by their names (男/女, 汉族, 共青团员, 居民身份证, 本科). Pure.
import { ETHNICITY, GENDER, ID_TYPE, POLITICAL_STATUS } from '../code-tables.ts';
import type { StudentRecord } from '../student.ts';
import { LEVELS, type Programme, type RegistrationSettings } from './chsi-settings.ts';
import type { DataFile } from './data-file.ts';
import { fileNamePart } from './kinds.ts';

export const CHSI_COLUMNS = ['KSH', 'XH', 'XM', 'XB', 'CSRQ', 'ZJLX', 'ZJHM', 'ZZMM', 'MZ', 'ZYDM', 'ZYMC', 'FY', 'XSH', 'BH', 'CC', 'XXXS', 'XZ', 'RXRQ', 'YJBYRQ'] as const;
export const ADULT_COLUMNS = ['YXDM', 'YXMC'] as const;
export const GRADUATE_COLUMNS = ['BYRQ', 'BYJL', 'ZSBH'] as const;

export type ChsiFileKind = 'chsiNew' | 'chsiAnnual' | 'chsiGraduate';

/** 毕业结论. The records keep graduation only (status `graduated`): 结业 and 肄业 are not recorded yet. */
export const CONCLUSIONS = ['毕业', '结业', '肄业'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];

export interface Graduation {
  /** yyyyMMdd */
  date: string;
  conclusion: Conclusion;
  certificateNo: string;
}

export interface ChsiStudent {
  record: StudentRecord;
  /** The class's name: the file's 班号. */
  className: string;
  programme: Programme;
  /** For the graduates' file. */
  graduation?: Graduation | undefined;
}

export function chsiColumns(options: { adult: boolean; graduate: boolean }): string[] {
  return [...CHSI_COLUMNS, ...(options.adult ? ADULT_COLUMNS : []), ...(options.graduate ? GRADUATE_COLUMNS : [])];
}

/** yyyy-MM-dd → yyyyMMdd */
export const compactDate = (isoDate: string) => isoDate.replaceAll('-', '');

/** The China date (UTC+8) of an instant, yyyyMMdd: what a graduation at 17:00 UTC counts as. */
export function chinaDate(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** 入学日期: the first of the entry month (records keep the month). */
export const entryDate = (enrolledOn: string) => `${enrolledOn.replace('-', '')}01`;

/** 预计毕业日期: the July of the entry year plus the programme's years. */
export const expectedGraduation = (enrolledOn: string, years: number) => `${Number(enrolledOn.slice(0, 4)) + years}0701`;

/** 考生号: a province that keeps it has it in the record's province fields (`extra.examineeNo`). */
export function examineeNo(record: Pick<StudentRecord, 'extra'>): string {
  const value = record.extra['examineeNo'];
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** 学号: the school's number, or else the national student number. */
export const studentNoOf = (record: Pick<StudentRecord, 'schoolStudentNo' | 'nationalStudentNo'>) => record.schoolStudentNo ?? record.nationalStudentNo;

export function chsiRow(settings: Pick<RegistrationSettings, 'adultEducation' | 'institutionCode' | 'schoolName'>, student: ChsiStudent): string[] {
  const { record, programme } = student;
  const row = [
    examineeNo(record),
    studentNoOf(record),
    record.name,
    GENDER[record.gender] ?? '',
    compactDate(record.birthDate),
    ID_TYPE[record.idType] ?? '',
    record.idNumber ?? '',
    record.politicalStatus ? (POLITICAL_STATUS[record.politicalStatus] ?? '') : '',
    ETHNICITY[record.ethnicity] ?? '',
    programme.majorCode,
    programme.majorName,
    programme.department ?? '',
    programme.station ?? '',
    student.className,
    LEVELS[programme.level],
    programme.studyForm,
    String(programme.years),
    entryDate(record.enrolledOn),
    expectedGraduation(record.enrolledOn, programme.years),
  ];
  if (settings.adultEducation) row.push(settings.institutionCode, settings.schoolName);
  if (student.graduation) row.push(student.graduation.date, student.graduation.conclusion, student.graduation.certificateNo);
  return row;
}

export const CHSI_FILE_LABEL: Record<ChsiFileKind, string> = { chsiNew: '学信网新生注册', chsiAnnual: '学信网学年注册', chsiGraduate: '学信网毕业生注册' };

/** The file: one table of the students that passed the checks, in the order given. */
export function chsiFile(kind: ChsiFileKind, settings: RegistrationSettings, placeName: string, students: ChsiStudent[]): DataFile {
  const columns = chsiColumns({ adult: settings.adultEducation, graduate: kind === 'chsiGraduate' });
  return {
    fileName: `${CHSI_FILE_LABEL[kind]}_${fileNamePart(placeName)}`,
    tables: [{ name: CHSI_FILE_LABEL[kind], columns, rows: students.map((student) => chsiRow(settings, student)) }],
  };
}

/**
 * Who a new-student file is of: the newest intake among the records (its entry year, the grade's
 * code), as registration is due within three months of arrival, when the newest grade is the one
 * that arrived. A grade's own export is that grade.
 */
export function newestIntake<T extends Pick<StudentRecord, 'grade'>>(records: T[]): T[] {
  const newest = records.reduce((latest, record) => (record.grade > latest ? record.grade : latest), '');
  return records.filter((record) => record.grade === newest);
}

/** The date of the latest history entry that made the record graduated (the year-end's `change.graduation`), as an instant. */
export function graduatedAt(history: { at: string; changes: { field: string; new: unknown }[] }[]): string | undefined {
  const entries = history.filter((entry) => entry.changes.some((change) => change.field === 'status' && change.new === 'graduated'));
  return entries.map((entry) => entry.at).sort().at(-1);
}
