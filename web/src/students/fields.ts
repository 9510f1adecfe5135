// The student record as the national collection form (学籍信息采集表) lays it out: its sections,
// each field's label, and what kind of value it holds (free text, a code of a national table, a
// date ...). The record page shows it in this order, and the enrolment and edit forms ask for it
// in this order, so a registrar finds every field where the paper form has it.
import {
  ADMISSION_MODE, ATTENDANCE_MODE, BLOOD_TYPE, COMMUTE_MODE, DISABILITY, ETHNICITY, FLAG, GENDER, HEALTH, HOUSEHOLD_TYPE, ID_TYPE, LEFT_BEHIND,
  OVERSEAS_CHINESE, POLITICAL_STATUS, STUDENT_SOURCE, type CodeTable,
} from '#shared/domain/code-tables.ts';
import { NATIONALITY } from '#shared/domain/nationality.ts';
import { GUARDIAN_BASIS, KEY_FIELDS } from '#shared/domain/student-record.ts';

export type FieldKind = 'text' | 'code' | 'date' | 'month' | 'region' | 'division' | 'number' | 'class' | 'computed';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  table?: CodeTable;
  required?: boolean;
  /** Shown, never entered (kept by the system). */
  readOnly?: boolean;
  /** Longer inputs take the whole row of a form. */
  wide?: boolean;
  hint?: string;
}

export interface Section {
  key: string;
  title: string;
  fields: FieldSpec[];
}

const code = (key: string, label: string, table: CodeTable, required = false): FieldSpec => ({ key, label, kind: 'code', table, required });
const flag = (key: string, label: string, required = false): FieldSpec => code(key, label, FLAG, required);

export const SECTIONS: Section[] = [
  {
    key: 'basic',
    title: '基本信息',
    fields: [
      { key: 'name', label: '姓名', kind: 'text', required: true },
      code('gender', '性别', GENDER, true),
      { key: 'birthDate', label: '出生日期', kind: 'date', required: true },
      { key: 'birthplace', label: '出生地', kind: 'division', required: true, hint: '12位统计用区划代码' },
      { key: 'nativePlace', label: '籍贯', kind: 'region', required: true, hint: '6位行政区划代码' },
      code('ethnicity', '民族', ETHNICITY, true),
      code('nationality', '国籍/地区', NATIONALITY, true),
      code('idType', '身份证件类型', ID_TYPE, true),
      { key: 'idNumber', label: '身份证件号', kind: 'text' },
      code('overseasChinese', '港澳台侨外', OVERSEAS_CHINESE, true),
      code('politicalStatus', '政治面貌', POLITICAL_STATUS),
      code('health', '健康状况', HEALTH, true),
      { key: 'namePinyin', label: '姓名拼音', kind: 'text' },
      { key: 'formerName', label: '曾用名', kind: 'text' },
      { key: 'idValidUntil', label: '身份证件有效期', kind: 'text', hint: 'YYYY-MM-DD 或 长期' },
      { key: 'householdRegion', label: '户口所在地', kind: 'region', required: true, hint: '6位行政区划代码' },
      code('householdType', '户口性质', HOUSEHOLD_TYPE, true),
      { key: 'specialty', label: '特长', kind: 'text' },
      code('bloodType', '血型', BLOOD_TYPE),
    ],
  },
  {
    key: 'study',
    title: '学籍信息',
    fields: [
      { key: 'nationalStudentNo', label: '全国学籍号', kind: 'computed', readOnly: true },
      { key: 'provincialNo', label: '学籍辅号', kind: 'text' },
      { key: 'classId', label: '班级', kind: 'class', required: true },
      { key: 'classSeatNo', label: '班内学号', kind: 'text' },
      { key: 'enrolledOn', label: '入学年月', kind: 'month', required: true },
      code('admissionMode', '入学方式', ADMISSION_MODE, true),
      code('attendanceMode', '就读方式', ATTENDANCE_MODE, true),
      code('source', '学生来源', STUDENT_SOURCE),
    ],
  },
  {
    key: 'contact',
    title: '联系方式',
    fields: [
      { key: 'currentAddress', label: '现住址', kind: 'text', required: true, wide: true },
      { key: 'mailingAddress', label: '通信地址', kind: 'text', required: true, wide: true },
      { key: 'homeAddress', label: '家庭地址', kind: 'text', required: true, wide: true },
      { key: 'phone', label: '联系电话', kind: 'text', required: true },
      { key: 'postcode', label: '邮政编码', kind: 'text', required: true },
      { key: 'email', label: '电子信箱', kind: 'text' },
    ],
  },
  {
    key: 'groups',
    title: '扩展信息 (特殊群体)',
    fields: [
      flag('onlyChild', '是否独生子女', true),
      flag('preschool', '是否受过学前教育', true),
      code('leftBehind', '是否留守儿童', LEFT_BEHIND),
      flag('migrantChild', '是否进城务工人员随迁子女'),
      flag('orphan', '是否孤儿'),
      flag('martyrChild', '是否烈士或优抚子女'),
      flag('inclusiveEducation', '随班就读'),
      code('disability', '残疾类型', DISABILITY),
      flag('govFundedPlace', '是否由政府购买学位'),
      flag('needsAid', '是否需要申请资助'),
      flag('livingSubsidy', '是否享受一补'),
    ],
  },
  {
    key: 'transport',
    title: '上下学交通',
    fields: [{ key: 'commuteKm', label: '上下学距离 (公里)', kind: 'number' }, code('commuteMode', '上下学交通方式', COMMUTE_MODE), flag('schoolBus', '是否需要乘坐校车')],
  },
];

export const GUARDIAN_FIELDS: FieldSpec[] = [
  { key: 'name', label: '姓名', kind: 'text', required: true },
  { key: 'relation', label: '关系', kind: 'text', required: true, hint: '如 父亲、母亲' },
  flag('isGuardian', '是否监护人', true),
  code('idType', '身份证件类型', ID_TYPE),
  { key: 'idNumber', label: '身份证件号', kind: 'text' },
  code('ethnicity', '民族', ETHNICITY),
  { key: 'phone', label: '联系电话', kind: 'text' },
  { key: 'employer', label: '工作单位', kind: 'text' },
  { key: 'position', label: '职务', kind: 'text' },
  { key: 'address', label: '现住址', kind: 'text', wide: true },
  { key: 'householdRegion', label: '户口所在地', kind: 'region' },
];

export const GUARDIAN_BASIS_FIELD = code('guardianBasis', '无户籍登记依据', GUARDIAN_BASIS);

export const isKeyField = (key: string) => (KEY_FIELDS as readonly string[]).includes(key);

/** Every field's label by key, for history entries and error messages. */
export const FIELD_LABELS: Record<string, string> = Object.fromEntries([
  ...SECTIONS.flatMap((section) => section.fields.map((field) => [field.key, field.label])),
  ['guardians', '家庭成员'],
  ['guardianBasis', GUARDIAN_BASIS_FIELD.label],
  ['extra', '省级扩展字段'],
  ['deleted', '删除'],
]);

/** The label of a code, or the value itself when it has none. */
export function codeLabel(table: CodeTable | undefined, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  const text = String(value);
  return table?.[text] ?? text;
}
