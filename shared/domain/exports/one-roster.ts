// A school as a OneRoster 1.2 CSV bundle (OneRoster 数据包), for the learning platforms that roster
// from one: manifest.csv and one CSV per entity, the headers exactly as the 1EdTech OneRoster 1.2
// CSV binding lists them, in its order. Pure: the service reads the school and hands it here.
//
// How the records map:
// - orgs: the school (type `school`, identifier its 学校标识码) under its county bureau (`district`).
//   Grades are not orgs: OneRoster has no grade org, and its consumers place every class and user
//   in a school and read the year group from `grades`, so a grade is a CEDS grade level there
//   (一年级 01 … 九年级 09, 初一 07, 高一 10 …; blank for a grade name without a level).
// - academicSessions: the school year the bundle is made in and its two terms (学期, as teaching
//   names them: `2026-2027-1`), with nominal dates (1 September, 1 February, 31 August).
// - courses: the school's courses, and one homeroom course per grade (每个年级的行政班课程), which
//   every homeroom class needs (a class's course is required).
// - classes: each class (班级) as a `homeroom` class of the two terms, and each teaching section
//   (教学班) of the year's terms as a `scheduled` class of its term, with its room and periods.
// - users: the students on roll (identifier: the national student number; no ID numbers, birth
//   dates, contacts or guardians: the least a roster needs) and the school's teachers and class
//   advisors from the directory. Chinese names are split into family and given name.
// - roles: 1.2 keeps a user's role and school in roles.csv (users.csv has no role any more): one
//   primary role per user, `student` or `teacher` (an advisor is a teacher).
// - enrollments: students in their class and in its sections; advisors in their class and teachers
//   in their sections (`primary` true).
// sourcedIds are the records' own ids (stable from one bundle to the next); rows made here have ids
// made of those (`<userId>@<classId>`). The bundle is `bulk`: the binding has `status` and
// `dateLastModified` blank in a bulk file (they carry the change in a delta), and consumers refuse
// them filled. A file without rows is not allowed: it is left out and `absent` in the manifest.
import { maskNationalStudentNo } from '../masking.ts';
import { statusOf, type StudentRecord } from '../student.ts';
import type { Org } from '../org.ts';
import type { Principal } from '../principal.ts';
import { courseCodeOf, type Course, type Section } from '../teaching/course.ts';
import { termLabel } from '../teaching/term.ts';
import type { Cell } from './document.ts';
import type { DataFile, DataTable } from './data-file.ts';
import { fileNamePart } from './kinds.ts';

/** The data files of the bundle with their headers (1EdTech OneRoster 1.2 CSV binding). */
export const ONE_ROSTER_HEADERS = {
  'academicSessions.csv': ['sourcedId', 'status', 'dateLastModified', 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'],
  'classes.csv': ['sourcedId', 'status', 'dateLastModified', 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location', 'schoolSourcedId', 'termSourcedIds', 'subjects', 'subjectCodes', 'periods'],
  'courses.csv': ['sourcedId', 'status', 'dateLastModified', 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects', 'subjectCodes'],
  'enrollments.csv': ['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate'],
  'orgs.csv': ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'],
  'roles.csv': ['sourcedId', 'status', 'dateLastModified', 'userSourcedId', 'roleType', 'role', 'beginDate', 'endDate', 'orgSourcedId', 'userProfileSourcedId'],
  'users.csv': [
    'sourcedId', 'status', 'dateLastModified', 'enabledUser', 'username', 'userIds', 'givenName', 'familyName', 'middleName', 'identifier', 'email', 'sms', 'phone',
    'agentSourcedIds', 'grades', 'password', 'userMasterIdentifier', 'resourceSourcedIds', 'preferredGivenName', 'preferredMiddleName', 'preferredFamilyName', 'primaryOrgSourcedId', 'pronouns',
  ],
} as const;
export type OneRosterFileName = keyof typeof ONE_ROSTER_HEADERS;

/** Every file a 1.2 manifest declares (`file.<name>`), in the binding's order; those not made here are `absent`. */
const MANIFEST_FILES = [
  'academicSessions', 'categories', 'classes', 'classResources', 'courses', 'courseResources', 'demographics', 'enrollments', 'lineItemLearningObjectiveIds', 'lineItems',
  'lineItemScoreScales', 'orgs', 'resources', 'resultLearningObjectiveIds', 'results', 'resultScoreScales', 'roles', 'scoreScales', 'userProfiles', 'userResources', 'users',
];

export interface OneRosterInput {
  school: Org;
  /** The county bureau the school is under (its parent org in the bundle). */
  county?: Org | undefined;
  grades: Org[];
  classes: Org[];
  /** The students on roll, in print order. */
  students: Pick<StudentRecord, 'studentId' | 'name' | 'nationalStudentNo' | 'classId' | 'gradeId' | 'status'>[];
  /** The school's teachers (at the school) and class advisors (at their class). */
  staff: Pick<Principal, 'userId' | 'username' | 'displayName' | 'role' | 'orgId'>[];
  courses: Pick<Course, 'courseId' | 'code' | 'name'>[];
  /** The sections of the school year's terms. */
  sections: Pick<Section, 'sectionId' | 'courseId' | 'courseName' | 'classId' | 'term' | 'teacherId' | 'room' | 'slots'>[];
  /** `2026-2027` */
  schoolYear: string;
  /** Whether the file may show national student numbers whole (a G number holds the ID number). */
  full: boolean;
}

/** The school year an instant is in, in China time: a year runs from 1 September (`2026-2027`). */
export function schoolYearAt(instant: string): string {
  const china = new Date(Date.parse(instant) + 8 * 3_600_000);
  const first = china.getUTCMonth() >= 8 ? china.getUTCFullYear() : china.getUTCFullYear() - 1;
  return `${first}-${first + 1}`;
}

const NUMERALS = '一二三四五六七八九';

/** The CEDS grade level (what OneRoster's `grades` hold) a grade's name says, or '' when it says none. */
export function gradeLevelOf(name: string): string {
  const senior = /([初高])([一二三])/.exec(name);
  const year = /([一二三四五六七八九])年级/.exec(name);
  const level = senior ? (senior[1] === '初' ? 7 : 10) + NUMERALS.indexOf(senior[2]!) : year ? 1 + NUMERALS.indexOf(year[1]!) : 0;
  return level > 0 ? String(level).padStart(2, '0') : '';
}

/** Two-character surnames (复姓) common enough to meet; any other name's surname is its first character. */
const COMPOUND_SURNAMES = new Set(
  '欧阳 太史 端木 上官 司马 东方 独孤 南宫 万俟 闻人 夏侯 诸葛 尉迟 公羊 赫连 澹台 皇甫 宗政 濮阳 公冶 太叔 申屠 公孙 慕容 仲孙 钟离 长孙 宇文 司徒 鲜于 司空 闾丘 子车 亓官 司寇 巫马 公西 颛孙 壤驷 公良 漆雕 乐正 宰父 谷梁 拓跋 夹谷 轩辕 令狐 段干 百里 呼延 东郭 南门 羊舌 微生 梁丘 左丘 西门 第五 南荣 东里 即墨 达奚 褚师'.split(' '),
);

/**
 * A name as OneRoster's family and given name. A name with a separating dot (a transliterated
 * name, 买买提·艾力) has its first part as the given name and its last as the family name.
 */
export function splitName(name: string): { familyName: string; givenName: string } {
  const parts = name.split(/[·•・‧]/u).map((part) => part.trim()).filter(Boolean);
  if (parts.length > 1) return { givenName: parts[0]!, familyName: parts.at(-1)! };
  const chars = [...name.trim()];
  if (chars.length < 2) return { familyName: name, givenName: name };
  const surname = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return { familyName: chars.slice(0, surname).join(''), givenName: chars.slice(surname).join('') };
}

const list = (values: readonly string[]) => values.join(',');
/** The status and dateLastModified of a row of a bulk file: blank. */
const BULK: Cell[] = ['', ''];

export const yearSessionId = (schoolId: string, schoolYear: string) => `${schoolId}-Y${schoolYear}`;
export const termSessionId = (schoolId: string, term: string) => `${schoolId}-T${term}`;
export const homeroomCourseId = (gradeId: string) => `${gradeId}-HR`;
const membershipId = (userId: string, targetId: string) => `${userId}@${targetId}`;

export function oneRosterFile(input: OneRosterInput): DataFile {
  const { school, schoolYear } = input;
  const schoolId = school.orgId;
  const [first, last] = schoolYear.split('-') as [string, string];
  const terms = [`${schoolYear}-1`, `${schoolYear}-2`];
  const yearId = yearSessionId(schoolId, schoolYear);
  const termIds = terms.map((term) => termSessionId(schoolId, term));
  const levels = new Map(input.grades.map((grade) => [grade.orgId, gradeLevelOf(grade.name)]));
  const classes = new Map(input.classes.map((klass) => [klass.orgId, klass]));
  const courses = new Map(input.courses.map((course) => [course.courseId, course]));
  // Sections of the bundle's terms, of its classes and courses (a class's course is required).
  const sections = input.sections.filter((section) => terms.includes(section.term) && classes.has(section.classId) && courses.has(section.courseId));
  const staff = input.staff.filter((user) => user.role === 'teacher' || (user.role === 'class_advisor' && classes.has(user.orgId)));
  const students = input.students.filter((student) => classes.has(student.classId));
  const staffIds = new Set(staff.map((user) => user.userId));

  const orgs: Cell[][] = [
    ...(input.county ? [[input.county.orgId, ...BULK, input.county.name, 'district', input.county.code, '']] : []),
    [schoolId, ...BULK, school.name, 'school', school.code, input.county?.orgId ?? ''],
  ];
  const academicSessions: Cell[][] = [
    [yearId, ...BULK, `${schoolYear}学年`, 'schoolYear', `${first}-09-01`, `${last}-08-31`, '', last],
    [termIds[0]!, ...BULK, termLabel(terms[0]!), 'term', `${first}-09-01`, `${last}-01-31`, yearId, last],
    [termIds[1]!, ...BULK, termLabel(terms[1]!), 'term', `${last}-02-01`, `${last}-08-31`, yearId, last],
  ];
  const courseRows: Cell[][] = [
    ...input.grades.map((grade) => [homeroomCourseId(grade.orgId), ...BULK, '', `${grade.name} 行政班`, grade.code, levels.get(grade.orgId) ?? '', schoolId, '', '']),
    ...input.courses.map((course) => [course.courseId, ...BULK, '', course.name, course.code, '', schoolId, '', '']),
  ];
  const levelOfClass = (classId: string) => levels.get(classes.get(classId)?.parentId ?? '') ?? '';
  const classRows: Cell[][] = [
    ...input.classes.map((klass) => [klass.orgId, ...BULK, klass.name, levelOfClass(klass.orgId), homeroomCourseId(klass.parentId ?? ''), klass.code, 'homeroom', '', schoolId, list(termIds), '', '', '']),
    ...sections.map((section) => {
      const periods = [...new Set(section.slots.map((slot) => slot.period))].sort((a, b) => a - b).map(String);
      const title = `${section.courseName} ${classes.get(section.classId)!.name}`;
      return [section.sectionId, ...BULK, title, levelOfClass(section.classId), section.courseId, courseCodeOf(section.courseId), 'scheduled', section.room ?? '', schoolId, termSessionId(schoolId, section.term), '', '', list(periods)];
    }),
  ];
  const userRow = (sourcedId: string, enabled: boolean, username: string, name: string, identifier: string, grades: string): Cell[] => {
    const { givenName, familyName } = splitName(name);
    return [sourcedId, ...BULK, String(enabled), username, '', givenName, familyName, '', identifier, '', '', '', '', grades, '', '', '', '', '', '', schoolId, ''];
  };
  const users: Cell[][] = [
    ...students.map((student) => userRow(student.studentId, statusOf(student) === 'enrolled', student.studentId, student.name, input.full ? student.nationalStudentNo : maskNationalStudentNo(student.nationalStudentNo), levels.get(student.gradeId) ?? '')),
    ...staff.map((user) => userRow(user.userId, true, user.username, user.displayName, '', '')),
  ];
  const roleRow = (userId: string, role: 'student' | 'teacher'): Cell[] => [membershipId(userId, schoolId), ...BULK, userId, 'primary', role, '', '', schoolId, ''];
  const roles: Cell[][] = [...students.map((student) => roleRow(student.studentId, 'student')), ...staff.map((user) => roleRow(user.userId, 'teacher'))];
  const enrollment = (userId: string, classId: string, role: 'student' | 'teacher'): Cell[] => [membershipId(userId, classId), ...BULK, classId, schoolId, userId, role, String(role === 'teacher'), '', ''];
  const sectionsOf = new Map<string, string[]>();
  for (const section of sections) sectionsOf.set(section.classId, [...(sectionsOf.get(section.classId) ?? []), section.sectionId]);
  const enrollments: Cell[][] = [
    ...students.flatMap((student) => [student.classId, ...(sectionsOf.get(student.classId) ?? [])].map((classId) => enrollment(student.studentId, classId, 'student'))),
    ...staff.filter((user) => user.role === 'class_advisor').map((user) => enrollment(user.userId, user.orgId, 'teacher')),
    ...sections.filter((section) => section.teacherId && staffIds.has(section.teacherId)).map((section) => enrollment(section.teacherId!, section.sectionId, 'teacher')),
  ];

  const rows: Record<OneRosterFileName, Cell[][]> = {
    'academicSessions.csv': academicSessions,
    'classes.csv': classRows,
    'courses.csv': courseRows,
    'enrollments.csv': enrollments,
    'orgs.csv': orgs,
    'roles.csv': roles,
    'users.csv': users,
  };
  const made = (Object.keys(ONE_ROSTER_HEADERS) as OneRosterFileName[]).filter((name) => rows[name].length > 0);
  const manifest: DataTable = {
    name: 'manifest.csv',
    columns: ['propertyName', 'value'],
    rows: [
      ['manifest.version', '1.0'],
      ['oneroster.version', '1.2'],
      ...MANIFEST_FILES.map((file) => [`file.${file}`, made.includes(`${file}.csv` as OneRosterFileName) ? 'bulk' : 'absent']),
      ['source.systemName', '学籍管理系统'],
    ],
  };
  return {
    tables: [manifest, ...made.map((name) => ({ name, columns: [...ONE_ROSTER_HEADERS[name]], rows: rows[name] }))],
    fileName: fileNamePart(`${school.name}OneRoster数据包_${schoolYear}`),
  };
}
