// A school's 学信网 registration settings (学信网注册设置): what the 学信网 files need that the
// records do not carry. The institution (院校代码, its registered name, its type, whether it is an
// adult-education institution) and, per grade, the programme its students study: colleges keep
// one major per grade, so the grade stands for the major (专业代码, 专业名称, 层次, 学习形式, 学制,
// 分院). The codes are checked here (a bad code is refused with 422, field by field); the shape
// and the text lengths by the route's schema. Pure.

/** 办学类型: the digit after the institution code in a certificate number. */
export const SCHOOL_TYPES = { '1': '普通高等教育', '5': '成人高等教育', '6': '高等教育自学考试', '7': '网络教育' } as const;
export type SchoolType = keyof typeof SCHOOL_TYPES;

/** 层次: two digits in a certificate number; the files show the name. */
export const LEVELS = { '01': '博士', '02': '硕士', '04': '第二学士', '05': '本科', '06': '专科' } as const;
export type Level = keyof typeof LEVELS;

/** The longest programme this system expects (学制, whole years): a doctorate with extensions. */
export const MAX_YEARS = 8;

export interface Programme {
  /** 专业代码: the 6 digits of the national catalogue. */
  majorCode: string;
  majorName: string;
  level: Level;
  /** 学习形式, as 学信网 names it: 普通全日制, 函授, 业余 … */
  studyForm: string;
  /** 学制 in years. */
  years: number;
  /** 分院 */
  department?: string | undefined;
  /** 系所函授站 (an adult-education school's study centre). */
  station?: string | undefined;
}

export interface RegistrationSettings {
  /** 院校代码: 5 digits. */
  institutionCode: string;
  /** The school's name as registered with 学信网 (院校名称). */
  schoolName: string;
  schoolType: SchoolType;
  /** An adult-education school's files add its code and name (YXDM, YXMC). */
  adultEducation: boolean;
  /** Each grade's programme, by the grade's org id. */
  grades: Record<string, Programme>;
}

/** What a registrar sends: the codes still unchecked. */
export type RegistrationInput = Omit<RegistrationSettings, 'schoolType' | 'grades'> & {
  schoolType: string;
  grades: Record<string, Omit<Programme, 'level'> & { level: string }>;
};

export interface SettingsProblem {
  path: string;
  code: string;
  message: string;
}

const isKey = <T extends object>(table: T, value: string): value is Extract<keyof T, string> => Object.hasOwn(table, value);

/** Every bad code of the settings, in Chinese, each at its field; none when they can be used. */
export function settingsProblems(input: RegistrationInput): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (!/^\d{5}$/.test(input.institutionCode)) problems.push({ path: 'institutionCode', code: 'invalid_code', message: '院校代码应为 5 位数字' });
  if (!isKey(SCHOOL_TYPES, input.schoolType)) problems.push({ path: 'schoolType', code: 'invalid_code', message: '办学类型应为 1 (普通)、5 (成人)、6 (自考) 或 7 (网络)' });
  for (const [gradeId, programme] of Object.entries(input.grades)) {
    const at = (field: string) => `grades.${gradeId}.${field}`;
    if (!/^\d{6}$/.test(programme.majorCode)) problems.push({ path: at('majorCode'), code: 'invalid_code', message: '专业代码应为 6 位数字' });
    if (!isKey(LEVELS, programme.level)) problems.push({ path: at('level'), code: 'invalid_code', message: '层次应为 01 博士、02 硕士、04 第二学士、05 本科 或 06 专科' });
    if (!Number.isInteger(programme.years) || programme.years < 1 || programme.years > MAX_YEARS) problems.push({ path: at('years'), code: 'invalid_code', message: `学制应为 1 至 ${MAX_YEARS} 的整数 (年)` });
  }
  return problems;
}

/** The settings once `settingsProblems` found nothing. */
export function checkedSettings(input: RegistrationInput): RegistrationSettings | undefined {
  return settingsProblems(input).length === 0 ? (input as RegistrationSettings) : undefined;
}
