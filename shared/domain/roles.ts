// Roles of the people who use the system (see DOMAIN.md "Who uses it") and the org level each
// one is attached to.
import type { OrgKind } from './org.ts';

export const ROLES = [
  'province_admin',
  'city_admin',
  'county_admin',
  'school_registrar',
  'teacher',
  'class_advisor',
  'student',
] as const;
export type Role = (typeof ROLES)[number];

/** The organisation kind a user of each role belongs to. */
export const ROLE_ORG_KIND: Record<Role, OrgKind> = {
  province_admin: 'province',
  city_admin: 'city',
  county_admin: 'county',
  school_registrar: 'school',
  teacher: 'school',
  class_advisor: 'class',
  student: 'class',
};

export const ROLE_LABEL: Record<Role, string> = {
  province_admin: '省级管理员',
  city_admin: '市级教育局',
  county_admin: '县级教育局',
  school_registrar: '学校学籍管理员',
  teacher: '任课教师',
  class_advisor: '班主任',
  student: '学生',
};
