// A school's 学信网 registration settings (学信网注册设置): the institution and, per grade, the
// programme its students are registered under (the records carry neither). The 学信网 exports
// (chsiNew, chsiAnnual, chsiGraduate) read them. The shape and text lengths are checked here (400);
// the codes by shared/domain/exports/chsi-settings.ts (422).
import * as z from 'zod/mini';
import { id } from '#shared/domain/field-schemas.ts';
import { LEVELS, MAX_YEARS, SCHOOL_TYPES } from '#shared/domain/exports/chsi-settings.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';

const SchoolIdParams = once(() => z.object({ schoolId: id('学校') }));

const text = (max: number, label: string) => z.string().check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过 ${max} 个字符`), z.meta({ title: label }));
const codeText = (label: string, description: string) => z.string().check(z.trim(), z.maxLength(10, `${label}不能超过 10 个字符`), z.meta({ title: label, description }));

export const ProgrammeSchema = once(() =>
  z.strictObject({
    majorCode: codeText('专业代码', '6 位数字'),
    majorName: text(60, '专业名称'),
    level: codeText('层次', Object.entries(LEVELS).map(([code, label]) => `${code} ${label}`).join('、')),
    studyForm: text(20, '学习形式').check(z.meta({ description: '如 普通全日制、函授、业余' })),
    years: z.number().check(z.meta({ title: '学制', description: `年，1 至 ${MAX_YEARS} 的整数` })),
    department: z.optional(text(60, '分院')),
    station: z.optional(text(60, '系所函授站')),
  }),
);

export const RegistrationSchema = once(() =>
  z.strictObject({
    institutionCode: codeText('院校代码', '5 位数字'),
    schoolName: text(60, '院校名称').check(z.meta({ description: '在学信网登记的名称' })),
    schoolType: codeText('办学类型', Object.entries(SCHOOL_TYPES).map(([code, label]) => `${code} ${label}`).join('、')),
    adultEducation: z.boolean().check(z.meta({ title: '成人教育', description: 'true：文件加院校代码、院校名称两列 (YXDM、YXMC)' })),
    grades: z.record(z.string().check(z.maxLength(60)), ProgrammeSchema()).check(z.meta({ title: '各年级的专业', description: '{"年级编号": 专业}：每个年级一个专业；未设置的年级不导出' })),
  }),
);

const StoredRegistrationSchema = once(() => z.strictObject({ ...RegistrationSchema().shape, updatedAt: z.string(), updatedBy: z.string() }).check(z.meta({ id: 'ChsiRegistration' })));

export const getRegistrationRoute = defineRoute({
  operationId: 'getRegistration',
  method: 'GET',
  path: '/v1/schools/{schoolId}/registration',
  summary: '学信网注册设置 (null until the school sets it)',
  tags: ['imports'],
  auth: true,
  params: SchoolIdParams,
  response: once(() => z.strictObject({ settings: z.nullable(StoredRegistrationSchema()) })),
  successStatus: 200,
  errors: [403, 404],
});

export const putRegistrationRoute = defineRoute({
  operationId: 'putRegistration',
  method: 'PUT',
  path: '/v1/schools/{schoolId}/registration',
  summary: '设置学信网注册信息 (院校代码、办学类型、各年级的专业与层次; replaces the settings)',
  tags: ['imports'],
  auth: true,
  params: SchoolIdParams,
  body: RegistrationSchema,
  response: once(() => z.strictObject({ settings: StoredRegistrationSchema() })),
  successStatus: 200,
  errors: [403, 404, 413, 415, 422],
});
