// The demo vocational college (中职), where teaching and grades are kept: three entry years with a
// 计算机应用 and a 会计事务 class each, six courses, the current term's teaching plan per grade,
// its sections with teachers, rooms and a clash-free timetable, and grade sheets: the third-year
// classes' submitted (with some failed and absent students, so the make-up list has people on
// it), the second-year's drafts half entered, the first-year's not begun.
import { sheetItem, studentGradeItem, type SheetItem } from '#shared/data/grade-repo.ts';
import { bookingItem, courseItem, planItem, sectionItem } from '#shared/data/teaching-repo.ts';
import type { RegistrationSettings } from '#shared/domain/exports/chsi-settings.ts';
import type { Grade } from '#shared/domain/grades/sheet.ts';
import { childPath, type Org } from '#shared/domain/org.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { Role } from '#shared/domain/roles.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { courseIdOf, planIdOf, sectionIdOf, type Course, type Section } from '#shared/domain/teaching/course.ts';
import { bookingsOf, type Slot } from '#shared/domain/teaching/schedule.ts';
import { prng } from './demo-students.ts';

export const COLLEGE = { id: '4144010603', slug: 'th-zhiye', name: '广州市天河区职业技术学校', county: '440106' } as const;
/** The demo's current term (the demo school year is 2026–2027). */
export const DEMO_TERM = '2026-2027-1';
export const COLLEGE_STUDENTS = 240;

const ENTRY_YEARS = [2026, 2025, 2024];
const MAJORS = ['计算机应用', '会计事务'];
const COURSES: Omit<Course, 'courseId' | 'schoolId'>[] = [
  { code: 'JSJ01', name: '计算机应用基础', credits: 4, hours: 64, assessment: 'exam' },
  { code: 'SX01', name: '数学', credits: 4, hours: 64, assessment: 'exam' },
  { code: 'YW01', name: '语文', credits: 4, hours: 64, assessment: 'exam' },
  { code: 'YY01', name: '英语', credits: 4, hours: 64, assessment: 'exam' },
  { code: 'KJ01', name: '基础会计', credits: 3, hours: 48, assessment: 'exam' },
  { code: 'TY01', name: '体育与健康', credits: 2, hours: 32, assessment: 'check' },
];
/**
 * The college's 学信网 registration settings (学信网注册设置), so the 学信网 exports work on the demo
 * data. 学信网 registers higher education and this school is a 中职: the settings are made up, as
 * its identifiers are (institution code 90603). A college keeps one major per grade; each demo
 * grade has a computing and an accounting class, so its programme is the first, 计算机应用技术
 * (510201 of the higher-vocational catalogue), 专科, three years full-time.
 */
export function collegeRegistration(): RegistrationSettings {
  const programme = { majorCode: '510201', majorName: '计算机应用技术', level: '06', studyForm: '普通全日制', years: 3, department: '信息工程系' } as const;
  return {
    institutionCode: '90603',
    schoolName: COLLEGE.name,
    schoolType: '1',
    adultEducation: false,
    grades: Object.fromEntries(ENTRY_YEARS.map((year) => [`${COLLEGE.id}-G${year}`, { ...programme }])),
  };
}

/** Each teacher teaches two courses in every class. */
const TEACHERS = [
  { username: `teacher-${COLLEGE.slug}`, displayName: `${COLLEGE.name} 计算机、数学教师`, courses: ['JSJ01', 'SX01'] },
  { username: `teacher-${COLLEGE.slug}-2`, displayName: `${COLLEGE.name} 语文、英语教师`, courses: ['YW01', 'YY01'] },
  { username: `teacher-${COLLEGE.slug}-3`, displayName: `${COLLEGE.name} 会计、体育教师`, courses: ['KJ01', 'TY01'] },
];
const SLOTS_PER_SECTION = 2;

export function collegeDirectory(county: Org, subject: (username: string) => string): { orgs: Org[]; users: (Principal & { subject: string })[] } {
  const school: Org = { orgId: COLLEGE.id, kind: 'school', code: COLLEGE.id, name: COLLEGE.name, parentId: county.orgId, orgPath: childPath(county.orgPath, COLLEGE.id) };
  const orgs: Org[] = [school];
  const users: (Principal & { subject: string })[] = [];
  const addUser = (username: string, role: Role, org: Org, displayName: string, classIds?: string[]) =>
    users.push({ subject: subject(username), userId: subject(username), username, role, orgId: org.orgId, orgPath: org.orgPath, displayName, ...(classIds ? { classIds } : {}) });
  const classes: Org[] = [];
  ENTRY_YEARS.forEach((year, index) => {
    const grade: Org = { orgId: `${school.orgId}-G${year}`, kind: 'grade', code: String(year), name: `${year}级 (${['一', '二', '三'][index]}年级)`, parentId: school.orgId, orgPath: childPath(school.orgPath, `${school.orgId}-G${year}`) };
    orgs.push(grade);
    MAJORS.forEach((major, number) => {
      const classId = `${grade.orgId}-C0${number + 1}`;
      const klass: Org = { orgId: classId, kind: 'class', code: `0${number + 1}`, name: `${String(year).slice(2)}${major}1班`, parentId: grade.orgId, orgPath: childPath(grade.orgPath, classId) };
      orgs.push(klass);
      classes.push(klass);
    });
  });
  addUser(`registrar-${COLLEGE.slug}`, 'school_registrar', school, `${COLLEGE.name} 学籍管理员`);
  for (const teacher of TEACHERS) addUser(teacher.username, 'teacher', school, teacher.displayName, classes.map((klass) => klass.orgId));
  // The third-year computing class: its advisor and a student, whose grades are submitted.
  const third = classes.find((klass) => klass.orgId === `${school.orgId}-G2024-C01`)!;
  addUser(`advisor-${COLLEGE.slug}`, 'class_advisor', third, `${COLLEGE.name} ${third.name}班主任`);
  addUser(`student-${COLLEGE.slug}`, 'student', third, `${COLLEGE.name} ${third.name}学生`);
  return { orgs, users };
}

/** The college's teaching items (directory table) and grade items (records table). */
export function collegeTeaching(orgs: Org[], users: Principal[], records: StudentRecord[]): { directory: Record<string, unknown>[]; records: Record<string, unknown>[] } {
  const random = prng(20270115);
  const courses: Course[] = COURSES.map((course) => ({ ...course, courseId: courseIdOf(COLLEGE.id, course.code), schoolId: COLLEGE.id }));
  const teacherOf = new Map(TEACHERS.flatMap((teacher) => teacher.courses.map((code) => [code, users.find((user) => user.username === teacher.username)!] as const)));
  const classes = orgs.filter((org) => org.kind === 'class');
  const directory: Record<string, unknown>[] = courses.map(courseItem);
  const sections: Section[] = [];
  // A timetable with no teacher, room or class twice in one slot: each section takes the first free slots.
  const taken = new Set<string>();
  const free = (keys: string[]) => keys.every((key) => !taken.has(key));
  for (const grade of orgs.filter((org) => org.kind === 'grade')) {
    const planId = planIdOf(grade.orgId, DEMO_TERM);
    directory.push(planItem({ planId, schoolId: COLLEGE.id, gradeId: grade.orgId, term: DEMO_TERM, courses: courses.map((course) => ({ courseId: course.courseId, hoursPerWeek: course.hours / 16 })) }));
    for (const klass of classes.filter((org) => org.parentId === grade.orgId)) {
      const room = `实训楼${klass.orgId.slice(-5).replace('-C0', '')}`;
      for (const course of courses) {
        const teacher = teacherOf.get(course.code)!;
        const slots: Slot[] = [];
        for (let day = 1; day <= 5 && slots.length < SLOTS_PER_SECTION; day += 1) {
          for (let period = 1; period <= 8 && slots.length < SLOTS_PER_SECTION; period += 1) {
            const keys = [`t#${teacher.userId}#${day}#${period}`, `c#${klass.orgId}#${day}#${period}`, `r#${room}#${day}#${period}`];
            // Spread a section's periods over the week: one a day.
            if (!free(keys) || slots.some((slot) => slot.day === day)) continue;
            keys.forEach((key) => taken.add(key));
            slots.push({ day, period });
          }
        }
        sections.push({ sectionId: sectionIdOf(klass.orgId, DEMO_TERM, course.code), schoolId: COLLEGE.id, orgPath: klass.orgPath, courseId: course.courseId, courseName: course.name, credits: course.credits, term: DEMO_TERM, classId: klass.orgId, teacherId: teacher.userId, teacherName: teacher.displayName, room, slots, planId, version: 1 });
      }
    }
  }
  for (const section of sections) directory.push(sectionItem(section), ...bookingsOf(section).map((booking) => bookingItem(section, booking)));

  const gradeItems: Record<string, unknown>[] = [];
  const at = '2026-11-20T08:00:00.000Z';
  for (const section of sections) {
    const entry = Number(section.classId.split('-G')[1]!.slice(0, 4));
    if (entry === 2026) continue;
    const roster = records.filter((record) => record.classId === section.classId);
    const entered = entry === 2024 ? roster : roster.slice(0, Math.ceil(roster.length / 2));
    if (entry === 2025 && section.courseId.endsWith('TY01')) continue;
    const grades: Grade[] = entered.map((record) => {
      const roll = random();
      if (roll < 0.03) return { studentId: record.studentId, mark: 'absent' as const };
      return { studentId: record.studentId, score: Math.round((45 + random() * 55) * 2) / 2 };
    });
    const submitted = entry === 2024;
    const sheet: SheetItem = {
      sectionId: section.sectionId,
      status: submitted ? 'submitted' : 'draft',
      grades,
      version: submitted ? 2 : 1,
      updatedAt: at,
      ...(submitted ? { submittedAt: at } : {}),
      schoolId: section.schoolId,
      term: section.term,
      classId: section.classId,
      courseId: section.courseId,
      courseName: section.courseName,
      credits: section.credits,
      teacherId: section.teacherId!,
    };
    gradeItems.push(sheetItem(sheet));
    if (submitted) for (const grade of grades) gradeItems.push(studentGradeItem(sheet, { ...grade, name: roster.find((record) => record.studentId === grade.studentId)!.name }, at));
  }
  return { directory, records: gradeItems };
}
