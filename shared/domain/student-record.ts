// The student record (学籍档案): every field of the national collection form with its code-table
// validation, guardians, and province-defined extra fields. Pure zod schemas and rules.
import * as z from 'zod/mini';
import {
  ADMISSION_MODE, ATTENDANCE_MODE, BLOOD_TYPE, COMMUTE_MODE, DISABILITY, ETHNICITY, FLAG, GENDER, HEALTH,
  HOUSEHOLD_TYPE, ID_TYPE, LEFT_BEHIND, OVERSEAS_CHINESE, POLITICAL_STATUS, STUDENT_SOURCE,
} from './code-tables.ts';
import { code, divisionCode, email, id, isoDate, personName, phone, postcode, regionCode, text, yearMonth } from './field-schemas.ts';
import { NATIONALITY } from './nationality.ts';
import { once } from './schema-once.ts';

const flag = (label: string) => code(FLAG, label);
const idNumber = () => z.string().check(z.trim(), z.minLength(1, '请填写身份证件号'), z.maxLength(30, '身份证件号不能超过 30 个字符'), z.meta({ title: '身份证件号' }));

export const GuardianSchema = once(() => z.object({
  name: personName('姓名'),
  relation: text(20, '关系'),
  ethnicity: z.optional(code(ETHNICITY, '民族')),
  employer: z.optional(text(100, '工作单位')),
  address: z.optional(text(200, '现住址')),
  householdRegion: z.optional(regionCode('户口所在地')),
  phone: z.optional(phone('联系电话')),
  isGuardian: flag('是否监护人'),
  idType: z.optional(code(ID_TYPE, '身份证件类型')),
  idNumber: z.optional(idNumber()),
  position: z.optional(text(50, '职务')),
}));
export type Guardian = z.infer<ReturnType<typeof GuardianSchema>>;

const guardians = () => z.array(GuardianSchema()).check(z.maxLength(6, '家庭成员最多登记 6 人'));

/** Registration without household registration (无户籍): which guardians' ID data stand in. */
export const GUARDIAN_BASIS = { both_parents: '父母双方', one_parent: '父亲或母亲一方', legal_guardian: '法定监护人' } as const;

/** Fields a registrar may edit directly (key fields need a key-field change request). */
export const OrdinaryFieldsSchema = once(() => z.object({
  birthplace: divisionCode('出生地'),
  nativePlace: regionCode('籍贯'),
  ethnicity: code(ETHNICITY, '民族'),
  nationality: code(NATIONALITY, '国籍/地区'),
  idType: code(ID_TYPE, '身份证件类型'),
  overseasChinese: code(OVERSEAS_CHINESE, '港澳台侨外'),
  politicalStatus: z.optional(code(POLITICAL_STATUS, '政治面貌')),
  health: code(HEALTH, '健康状况'),
  namePinyin: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z üÜ]{1,100}$/, '姓名拼音只能包含字母和空格'), z.meta({ title: '姓名拼音' }))),
  formerName: z.optional(personName('曾用名')),
  idValidUntil: z.optional(z.union([isoDate('证件有效期'), z.literal('长期')])),
  householdRegion: regionCode('户口所在地'),
  householdType: code(HOUSEHOLD_TYPE, '户口性质'),
  specialty: z.optional(text(100, '特长')),
  bloodType: z.optional(code(BLOOD_TYPE, '血型')),
  classId: id('班级'),
  enrolledOn: yearMonth('入学年月'),
  admissionMode: code(ADMISSION_MODE, '入学方式'),
  attendanceMode: code(ATTENDANCE_MODE, '就读方式'),
  source: z.optional(code(STUDENT_SOURCE, '学生来源')),
  provincialNo: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{1,30}$/, '学籍辅号只能包含字母、数字和短横线，最多 30 位'), z.meta({ title: '学籍辅号' }))),
  classSeatNo: z.optional(z.string().check(z.regex(/^\d{1,3}$/, '班内学号应为1至3位数字'), z.meta({ title: '班内学号' }))),
  currentAddress: text(200, '现住址'),
  mailingAddress: text(200, '通信地址'),
  homeAddress: text(200, '家庭地址'),
  phone: phone('联系电话'),
  postcode: postcode(),
  email: z.optional(email()),
  onlyChild: flag('是否独生子女'),
  preschool: flag('是否受过学前教育'),
  leftBehind: z.optional(code(LEFT_BEHIND, '留守儿童')),
  migrantChild: z.optional(flag('是否进城务工人员随迁子女')),
  orphan: z.optional(flag('是否孤儿')),
  martyrChild: z.optional(flag('是否烈士或优抚子女')),
  inclusiveEducation: z.optional(flag('随班就读')),
  disability: z.optional(code(DISABILITY, '残疾类型')),
  govFundedPlace: z.optional(flag('是否由政府购买学位')),
  needsAid: z.optional(flag('是否需要申请资助')),
  livingSubsidy: z.optional(flag('是否享受一补')),
  commuteKm: z.optional(z.number().check(z.gte(0, '上下学距离不能为负数'), z.lte(500, '上下学距离不能超过 500 公里'), z.meta({ title: '上下学距离 (公里)' }))),
  commuteMode: z.optional(code(COMMUTE_MODE, '上下学交通方式')),
  schoolBus: z.optional(flag('是否需要乘坐校车')),
  guardians: z.optional(guardians()),
  guardianBasis: z.optional(code(GUARDIAN_BASIS, '监护人依据')),
  extra: z.optional(z.record(z.string(), z.unknown())),
}));

/**
 * Key fields (关键字段): changed only through an approved key-field change. The ID type goes with
 * the ID number, since together they decide the national student number.
 */
export const KEY_FIELDS = ['name', 'gender', 'birthDate', 'idNumber', 'idType'] as const;
export type KeyField = (typeof KEY_FIELDS)[number];

export const KeyFieldsSchema = once(() =>
  z.object({
    name: personName('姓名'),
    gender: code(GENDER, '性别'),
    birthDate: isoDate('出生日期'),
    idNumber: z.optional(idNumber()),
  }),
);

export const NewStudentSchema = once(() =>
  z.extend(OrdinaryFieldsSchema(), {
    ...KeyFieldsSchema().shape,
    guardians: z._default(guardians(), []),
    extra: z._default(z.record(z.string(), z.unknown()), {}),
  }),
);
export type NewStudent = z.infer<ReturnType<typeof NewStudentSchema>>;

/** Read-only or system-kept fields that an update may not set. */
export const SYSTEM_FIELDS = ['studentId', 'nationalStudentNo', 'schoolStudentNo', 'schoolId', 'gradeId', 'grade', 'version', 'deleted', 'confirmation', 'createdAt', 'updatedAt'] as const;
