// The student record (学籍档案): every field of the national collection form with its code-table
// validation, guardians, and province-defined extra fields. Pure zod schemas and rules.
import { z } from 'zod';
import {
  ADMISSION_MODE, ATTENDANCE_MODE, BLOOD_TYPE, COMMUTE_MODE, DISABILITY, ETHNICITY, FLAG, GENDER, HEALTH,
  HOUSEHOLD_TYPE, ID_TYPE, LEFT_BEHIND, NATIONALITY, OVERSEAS_CHINESE, POLITICAL_STATUS, STUDENT_SOURCE, type CodeTable,
} from './code-tables.ts';
import { isDivisionCode, isRegionCode } from './region-code.ts';
import { isRealDate } from './id-number.ts';

export const code = (table: CodeTable, label: string) =>
  z.string().refine((value) => Object.hasOwn(table, value), { message: `${label}代码不在国家代码表中` });

/** Counts Unicode code points, so a rare character outside the BMP counts once. */
const codePoints = (value: string) => [...value].length;

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}不能为空`)
    .refine((value) => codePoints(value) <= max, { message: `${label}不能超过 ${max} 个字` });

// A person's name: CJK (any extension block), the middle dot of minority names, Latin letters and
// spaces for foreign names. Stored exactly as given: no normalisation, since look-alike
// characters are different names (淞 ≠ 凇).
const NAME_PATTERN = /^[\p{Script=Han}\p{Script=Latin}·•.\-' ]+$/u;
export const personName = z
  .string()
  .trim()
  .min(1, '姓名不能为空')
  .refine((value) => codePoints(value) <= 50, { message: '姓名不能超过 50 个字' })
  .refine((value) => NAME_PATTERN.test(value), { message: '姓名只能包含汉字、拉丁字母、间隔号和空格' });

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((value) => isRealDate(value.replaceAll('-', '')), { message: '日期不存在' });
export const yearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '年月格式应为 YYYY-MM');
const regionCode = z.string().refine(isRegionCode, { message: '应为6位行政区划代码' });
const divisionCode = z.string().refine(isDivisionCode, { message: '应为12位统计用区划代码' });
const phone = z.string().trim().regex(/^(\+?\d[\d-]{5,19})$/, '联系电话格式不正确');
const postcode = z.string().regex(/^\d{6}$/, '邮政编码应为6位数字');
const flag = (label: string) => code(FLAG, label);

export const GuardianSchema = z.object({
  name: personName,
  relation: text(20, '关系'),
  ethnicity: code(ETHNICITY, '民族').optional(),
  employer: text(100, '工作单位').optional(),
  address: text(200, '现住址').optional(),
  householdRegion: regionCode.optional(),
  phone: phone.optional(),
  isGuardian: flag('是否监护人'),
  idType: code(ID_TYPE, '身份证件类型').optional(),
  idNumber: z.string().trim().min(1).max(30).optional(),
  position: text(50, '职务').optional(),
});
export type Guardian = z.infer<typeof GuardianSchema>;

/** Fields a registrar may edit directly (key fields need a key-field change request). */
export const OrdinaryFieldsSchema = z.object({
  birthplace: divisionCode,
  nativePlace: regionCode,
  ethnicity: code(ETHNICITY, '民族'),
  nationality: code(NATIONALITY, '国籍/地区'),
  idType: code(ID_TYPE, '身份证件类型'),
  overseasChinese: code(OVERSEAS_CHINESE, '港澳台侨外'),
  politicalStatus: code(POLITICAL_STATUS, '政治面貌').optional(),
  health: code(HEALTH, '健康状况'),
  namePinyin: z.string().trim().regex(/^[A-Za-z üÜ]{1,100}$/, '姓名拼音只能包含字母和空格').optional(),
  formerName: personName.optional(),
  idValidUntil: z.union([isoDate, z.literal('长期')]).optional(),
  householdRegion: regionCode,
  householdType: code(HOUSEHOLD_TYPE, '户口性质'),
  specialty: text(100, '特长').optional(),
  bloodType: code(BLOOD_TYPE, '血型').optional(),
  classId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, '班级编号格式不正确'),
  enrolledOn: yearMonth,
  admissionMode: code(ADMISSION_MODE, '入学方式'),
  attendanceMode: code(ATTENDANCE_MODE, '就读方式'),
  source: code(STUDENT_SOURCE, '学生来源').optional(),
  provincialNo: z.string().trim().regex(/^[A-Za-z0-9-]{1,30}$/, '学籍辅号格式不正确').optional(),
  classSeatNo: z.string().regex(/^\d{1,3}$/, '班内学号应为1至3位数字').optional(),
  currentAddress: text(200, '现住址'),
  mailingAddress: text(200, '通信地址'),
  homeAddress: text(200, '家庭地址'),
  phone,
  postcode,
  email: z.email('电子信箱格式不正确').max(100).optional(),
  onlyChild: flag('是否独生子女'),
  preschool: flag('是否受过学前教育'),
  leftBehind: code(LEFT_BEHIND, '留守儿童').optional(),
  migrantChild: flag('是否进城务工人员随迁子女').optional(),
  orphan: flag('是否孤儿').optional(),
  martyrChild: flag('是否烈士或优抚子女').optional(),
  inclusiveEducation: flag('随班就读').optional(),
  disability: code(DISABILITY, '残疾类型').optional(),
  govFundedPlace: flag('是否由政府购买学位').optional(),
  needsAid: flag('是否需要申请资助').optional(),
  livingSubsidy: flag('是否享受一补').optional(),
  commuteKm: z.number().min(0).max(500).optional(),
  commuteMode: code(COMMUTE_MODE, '上下学交通方式').optional(),
  schoolBus: flag('是否需要乘坐校车').optional(),
  guardians: z.array(GuardianSchema).max(6).optional(),
  /** Registration without household registration (无户籍): which guardians' ID data stand in. */
  guardianBasis: z.enum(['both_parents', 'one_parent', 'legal_guardian']).optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Key fields (关键字段): changed only through an approved key-field change. The ID type goes with
 * the ID number, since together they decide the national student number.
 */
export const KEY_FIELDS = ['name', 'gender', 'birthDate', 'idNumber', 'idType'] as const;
export type KeyField = (typeof KEY_FIELDS)[number];

export const KeyFieldsSchema = z.object({
  name: personName,
  gender: code(GENDER, '性别'),
  birthDate: isoDate,
  idNumber: z.string().trim().min(1).max(30).optional(),
});

export const NewStudentSchema = OrdinaryFieldsSchema.extend(KeyFieldsSchema.shape).extend({
  guardians: z.array(GuardianSchema).max(6).default([]),
  extra: z.record(z.string(), z.unknown()).default({}),
});
export type NewStudent = z.infer<typeof NewStudentSchema>;

/** Read-only or system-kept fields that an update may not set. */
export const SYSTEM_FIELDS = ['studentId', 'nationalStudentNo', 'schoolId', 'gradeId', 'grade', 'version', 'deleted', 'confirmation', 'createdAt', 'updatedAt'] as const;
