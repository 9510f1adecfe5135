// 学信网注册设置, the browser's side: the form's values (texts trimmed, empty optional ones left
// out, only the grades given a programme) as the API takes them, the stored settings as the form
// starts from, and the choices the fields offer, in the words of shared/domain/exports/chsi-settings.ts.
import type { putRegistrationRoute } from '#shared/api/registration.ts';
import { LEVELS, SCHOOL_TYPES } from '#shared/domain/exports/chsi-settings.ts';
import type { BodyOf } from '../../api/client.ts';

export type RegistrationBody = BodyOf<typeof putRegistrationRoute>;
type ProgrammeBody = RegistrationBody['grades'][string];

export interface ProgrammeForm {
  majorCode?: string;
  majorName?: string;
  level?: string;
  studyForm?: string;
  years?: number | null;
  department?: string;
  station?: string;
}

export interface RegistrationForm {
  institutionCode?: string;
  schoolName?: string;
  schoolType?: string;
  adultEducation?: boolean;
  grades?: Record<string, ProgrammeForm | undefined>;
}

export const SCHOOL_TYPE_OPTIONS = Object.entries(SCHOOL_TYPES).map(([value, label]) => ({ value, label: `${value} ${label}` }));
export const LEVEL_OPTIONS = Object.entries(LEVELS).map(([value, label]) => ({ value, label: `${value} ${label}` }));
/** 学习形式 as 学信网 names them; another may be typed. */
export const STUDY_FORMS = ['普通全日制', '非全日制', '函授', '业余', '脱产', '网络教育'].map((value) => ({ value }));

/** A new programme: the one of the grade set last (a college often keeps the same major), else the usual 普通全日制. */
export function startingProgramme(form: RegistrationForm, chosen: readonly string[]): ProgrammeForm {
  const last = chosen.at(-1);
  const copy = last ? form.grades?.[last] : undefined;
  return copy ? { ...copy } : { studyForm: '普通全日制' };
}

const text = (value: string | undefined) => value?.trim() ?? '';

function programmeOf(values: ProgrammeForm): ProgrammeBody {
  const department = text(values.department);
  const station = text(values.station);
  return {
    majorCode: text(values.majorCode),
    majorName: text(values.majorName),
    level: values.level ?? '',
    studyForm: text(values.studyForm),
    years: values.years ?? Number.NaN,
    ...(department ? { department } : {}),
    ...(station ? { station } : {}),
  };
}

/** The form's values as the API takes them, with a programme for each chosen grade (in `chosen`'s order). */
export function bodyOf(values: RegistrationForm, chosen: readonly string[]): RegistrationBody {
  return {
    institutionCode: text(values.institutionCode),
    schoolName: text(values.schoolName),
    schoolType: values.schoolType ?? '',
    adultEducation: values.adultEducation ?? false,
    grades: Object.fromEntries(chosen.map((gradeId) => [gradeId, programmeOf(values.grades?.[gradeId] ?? {})])),
  };
}

/** The form's first values: the stored settings, or (none yet) the school's name and 普通高等教育. */
export function formOf(stored: RegistrationBody | null, schoolName: string | undefined): RegistrationForm {
  if (!stored) return { institutionCode: '', schoolName: schoolName ?? '', schoolType: '1', adultEducation: false, grades: {} };
  return { institutionCode: stored.institutionCode, schoolName: stored.schoolName, schoolType: stored.schoolType, adultEducation: stored.adultEducation, grades: structuredClone(stored.grades) };
}
