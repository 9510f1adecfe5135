// The demo data obeys the same rules as real enrolments: every record passes the record schema
// and the identity rules, ID and national numbers are unique, and each student sits in a class.
import { describe, expect, it } from 'vitest';
import { COLLEGE, COLLEGE_STUDENTS, collegeDirectory, collegeTeaching } from '#local/seed/demo-college.ts';
import { demoDirectory, devSubject } from '#local/seed/demo-directory.ts';
import { demoStudents, DEMO_STUDENT_COUNT } from '#local/seed/demo-students.ts';
import type { Org } from '#shared/domain/org.ts';
import { checkIdentity } from '#shared/domain/student-identity.ts';
import { NewStudentSchema } from '#shared/domain/student-record.ts';
import { ROLES } from '#shared/domain/roles.ts';

const directory = demoDirectory();
const classes = directory.orgs.filter((org) => org.kind === 'class');
const grades = new Map<string, Org>(directory.orgs.filter((org) => org.kind === 'grade').map((org) => [org.orgId, org]));
const { records } = demoStudents(classes, grades);

describe('demo directory', () => {
  it('has a province, 2 cities, 3 counties, 6 schools with grades and classes, and every role', () => {
    const count = (kind: string) => directory.orgs.filter((org) => org.kind === kind).length;
    expect([count('province'), count('city'), count('county'), count('school')]).toEqual([1, 2, 3, 6]);
    expect(count('class')).toBe(36);
    expect(new Set(directory.users.map((u) => u.role))).toEqual(new Set(ROLES));
    const byId = new Map(directory.orgs.map((org) => [org.orgId, org]));
    for (const org of directory.orgs) {
      if (org.parentId) expect(org.orgPath).toBe(`${byId.get(org.parentId)!.orgPath}/${org.orgId}`);
    }
  });
});

describe('demo students', () => {
  it(`has ${DEMO_STUDENT_COUNT} records, all valid and consistent`, () => {
    expect(records).toHaveLength(DEMO_STUDENT_COUNT);
    for (const record of records) {
      const parsed = NewStudentSchema().safeParse(record);
      expect(parsed.success, `${record.studentId}: ${parsed.error?.message}`).toBe(true);
      const identity = checkIdentity(record);
      expect(identity.problems, record.studentId).toEqual([]);
      if (identity.plan.kind === 'G') expect(record.nationalStudentNo).toBe(`G${record.idNumber}`);
      else expect(record.nationalStudentNo[0]).toBe(identity.plan.kind);
      expect(record.orgPath.endsWith(`/${record.classId}`)).toBe(true);
    }
  });

  it('never repeats an ID number or a national student number', () => {
    const ids = records.filter((r) => r.idNumber).map((r) => `${r.idType}#${r.idNumber}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(records.map((r) => r.nationalStudentNo)).size).toBe(records.length);
  });

  it('includes rare-character names, J numbers and L numbers', () => {
    expect(records.some((r) => [...r.name].some((c) => c.codePointAt(0)! > 0xffff))).toBe(true);
    expect(records.some((r) => r.nationalStudentNo.startsWith('J'))).toBe(true);
    expect(records.some((r) => r.nationalStudentNo.startsWith('L'))).toBe(true);
  });
});

describe('demo teachers', () => {
  it('teach existing classes of their own school', () => {
    const byId = new Map(directory.orgs.map((org) => [org.orgId, org]));
    for (const teacher of directory.users.filter((u) => u.role === 'teacher')) {
      expect(teacher.classIds?.length).toBeGreaterThan(0);
      for (const classId of teacher.classIds ?? []) expect(byId.get(classId)?.orgPath.startsWith(`${teacher.orgPath}/`)).toBe(true);
    }
  });
});

describe('demo college', () => {
  const county = directory.orgs.find((org) => org.orgId === COLLEGE.county)!;
  const college = collegeDirectory(county, devSubject);
  const collegeClasses = college.orgs.filter((org) => org.kind === 'class');
  const collegeGrades = new Map<string, Org>(college.orgs.filter((org) => org.kind === 'grade').map((org) => [org.orgId, org]));
  const students = demoStudents(collegeClasses, collegeGrades, COLLEGE_STUDENTS, { seed: 20260902, idPrefix: 'demo-zy-', entryAge: 15 }).records;
  const teaching = collegeTeaching(college.orgs, college.users, students);
  const items = (type: string, from = teaching.directory) => from.filter((item) => item.itemType === type);

  it('has its own students, none sharing an ID or a national number with the schools’', () => {
    expect(students).toHaveLength(COLLEGE_STUDENTS);
    const all = [...records, ...students];
    expect(new Set(all.map((record) => record.studentId)).size).toBe(all.length);
    expect(new Set(all.map((record) => record.nationalStudentNo)).size).toBe(all.length);
    for (const record of students) expect(checkIdentity(record).problems, record.studentId).toEqual([]);
  });

  it('teaches each class every course in a timetable where no teacher, room or class is booked twice', () => {
    const sections = items('section');
    expect(sections).toHaveLength(collegeClasses.length * items('course').length);
    const bookings = items('booking').map((item) => `${String(item.PK)}|${String(item.SK)}`);
    expect(new Set(bookings).size).toBe(bookings.length);
    expect(bookings).toHaveLength(sections.length * 2 * 3);
    for (const section of sections) expect(college.users.find((user) => user.userId === section.teacherId)?.role).toBe('teacher');
  });

  it('has submitted sheets with each grade in its student’s grades, drafts, and students for the make-up list', () => {
    const sheets = items('sheet', teaching.records);
    const submitted = sheets.filter((sheet) => sheet.status === 'submitted');
    expect(submitted.length).toBeGreaterThan(0);
    expect(sheets.some((sheet) => sheet.status === 'draft')).toBe(true);
    const grades = items('grade', teaching.records);
    expect(grades).toHaveLength(submitted.reduce((sum, sheet) => sum + (sheet.grades as unknown[]).length, 0));
    expect(grades.some((grade) => grade.GSI1PK)).toBe(true);
    const onRoster = new Set(students.map((record) => `${record.classId}#${record.studentId}`));
    for (const grade of grades) expect(onRoster.has(`${String(grade.classId)}#${String(grade.studentId)}`)).toBe(true);
  });
});
