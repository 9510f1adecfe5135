// The data exports' pure parts without the stack: a small school mapped to a OneRoster 1.2 bundle
// (headers as the 1.2 CSV binding has them, the manifest, every row of each file, references that
// resolve), rendered as a zip of plain UTF-8 CSVs and read back; the photo archive's names and
// folders and why a photo is missing; the capture list's columns and numbering.
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { captureListFile, CAPTURE_LIST_COLUMNS } from '#shared/domain/exports/capture-list.ts';
import { gradeLevelOf, ONE_ROSTER_HEADERS, oneRosterFile, schoolYearAt, splitName, type OneRosterInput } from '#shared/domain/exports/one-roster.ts';
import { missingReason, photoPath, uniquePaths, type ArchiveStudent } from '#shared/domain/exports/photo-archive.ts';
import type { Org } from '#shared/domain/org.ts';
import type { PhotoState } from '#shared/domain/photos/photo.ts';
import { renderDataFile } from '#shared/services/exports/render/data-file.ts';

const AT = '2026-11-30T02:00:00.000Z';
const county: Org = { orgId: '440106', kind: 'county', code: '440106', name: '天河区', parentId: '440100', orgPath: '/440000/440100/440106' };
const school: Org = { orgId: '2144019999', kind: 'school', code: '2144019999', name: '天河区测试小学', parentId: '440106', orgPath: `${county.orgPath}/2144019999` };
const grade: Org = { orgId: `${school.orgId}-G2026`, kind: 'grade', code: '2026', name: '2026级 (一年级)', parentId: school.orgId, orgPath: `${school.orgPath}/${school.orgId}-G2026` };
const klass = (code: string, name: string): Org => ({ orgId: `${grade.orgId}-C${code}`, kind: 'class', code, name, parentId: grade.orgId, orgPath: `${grade.orgPath}/${grade.orgId}-C${code}` });
const [one, two] = [klass('01', '一年级(1)班'), klass('02', '一年级(2)班')];

const tree: OneRosterInput = {
  school,
  county,
  grades: [grade],
  classes: [one, two],
  students: [
    { studentId: 's1', name: '欧阳娜娜', nationalStudentNo: 'G440106201903150023', classId: one.orgId, gradeId: grade.orgId },
    { studentId: 's2', name: '张三', nationalStudentNo: 'L44010620190315001X', classId: one.orgId, gradeId: grade.orgId, status: 'leave' },
    { studentId: 's3', name: '买买提·艾力', nationalStudentNo: 'J44010620190101003', classId: two.orgId, gradeId: grade.orgId },
  ],
  staff: [
    { userId: 'local|teacher-a', username: 'teacher-a', displayName: '王老师', role: 'teacher', orgId: school.orgId },
    { userId: 'local|advisor-a', username: 'advisor-a', displayName: '李班主任', role: 'class_advisor', orgId: one.orgId },
  ],
  courses: [{ courseId: `${school.orgId}-KYW01`, code: 'YW01', name: '语文' }],
  sections: [
    { sectionId: `${one.orgId}-T2026-2027-1-KYW01`, courseId: `${school.orgId}-KYW01`, courseName: '语文', classId: one.orgId, term: '2026-2027-1', teacherId: 'local|teacher-a', room: '101', slots: [{ day: 3, period: 2 }, { day: 1, period: 2 }, { day: 2, period: 1 }] },
    // Another year's section is not in this year's bundle.
    { sectionId: `${one.orgId}-T2025-2026-2-KYW01`, courseId: `${school.orgId}-KYW01`, courseName: '语文', classId: one.orgId, term: '2025-2026-2', teacherId: 'local|teacher-a', slots: [] },
  ],
  schoolYear: '2026-2027',
  full: true,
};

/** The bundle as a zip, read back: each file's rows as objects by header, and its raw text. */
async function bundle(input: OneRosterInput): Promise<Map<string, { text: string; header: string[]; rows: Record<string, string>[] }>> {
  const file = oneRosterFile(input);
  const entries = unzipSync(await renderDataFile(file, 'zip', { at: AT }));
  return new Map(
    Object.entries(entries).map(([name, bytes]) => {
      const text = strFromU8(bytes);
      const [header, ...rows] = parse(text) as string[][];
      return [name, { text, header: header!, rows: rows.map((row) => Object.fromEntries(header!.map((column, index) => [column, row[index]!]))) }];
    }),
  );
}

describe('a OneRoster 1.2 bundle', () => {
  it('has the manifest and the seven data files, each with the 1.2 binding’s header, plain UTF-8 without a byte-order mark', async () => {
    const files = await bundle(tree);
    expect([...files.keys()].sort()).toEqual(['academicSessions.csv', 'classes.csv', 'courses.csv', 'enrollments.csv', 'manifest.csv', 'orgs.csv', 'roles.csv', 'users.csv']);
    for (const [name, header] of Object.entries(ONE_ROSTER_HEADERS)) expect(files.get(name)!.text.split('\r\n')[0], name).toBe(header.join(','));
    expect(files.get('users.csv')!.text.split('\r\n')[0]).toBe(
      'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns',
    );
    for (const { text } of files.values()) expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const manifest = Object.fromEntries(files.get('manifest.csv')!.rows.map((row) => [row.propertyName, row.value]));
    expect(manifest).toMatchObject({
      'manifest.version': '1.0',
      'oneroster.version': '1.2',
      'file.academicSessions': 'bulk',
      'file.classes': 'bulk',
      'file.courses': 'bulk',
      'file.enrollments': 'bulk',
      'file.orgs': 'bulk',
      'file.roles': 'bulk',
      'file.users': 'bulk',
      'file.demographics': 'absent',
      'file.lineItems': 'absent',
      'file.results': 'absent',
      'file.userProfiles': 'absent',
    });
    // A bulk file: status and dateLastModified blank in every row.
    for (const [name, { rows }] of files) if (name !== 'manifest.csv') for (const row of rows) expect([row.status, row.dateLastModified], name).toEqual(['', '']);
  });

  it('maps the school, its year and terms, its courses and classes', async () => {
    const files = await bundle(tree);
    const pick = (name: string, columns: string[]) => files.get(name)!.rows.map((row) => columns.map((column) => row[column]));
    expect(pick('orgs.csv', ['sourcedId', 'name', 'type', 'identifier', 'parentSourcedId'])).toEqual([
      ['440106', '天河区', 'district', '440106', ''],
      [school.orgId, school.name, 'school', '2144019999', '440106'],
    ]);
    expect(pick('academicSessions.csv', ['sourcedId', 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'])).toEqual([
      [`${school.orgId}-Y2026-2027`, '2026-2027学年', 'schoolYear', '2026-09-01', '2027-08-31', '', '2027'],
      [`${school.orgId}-T2026-2027-1`, '2026-2027学年第一学期', 'term', '2026-09-01', '2027-01-31', `${school.orgId}-Y2026-2027`, '2027'],
      [`${school.orgId}-T2026-2027-2`, '2026-2027学年第二学期', 'term', '2027-02-01', '2027-08-31', `${school.orgId}-Y2026-2027`, '2027'],
    ]);
    expect(pick('courses.csv', ['sourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId'])).toEqual([
      [`${grade.orgId}-HR`, '2026级 (一年级) 行政班', '2026', '01', school.orgId],
      [`${school.orgId}-KYW01`, '语文', 'YW01', '', school.orgId],
    ]);
    expect(pick('classes.csv', ['sourcedId', 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location', 'schoolSourcedId', 'termSourcedIds', 'periods'])).toEqual([
      [one.orgId, '一年级(1)班', '01', `${grade.orgId}-HR`, '01', 'homeroom', '', school.orgId, `${school.orgId}-T2026-2027-1,${school.orgId}-T2026-2027-2`, ''],
      [two.orgId, '一年级(2)班', '01', `${grade.orgId}-HR`, '02', 'homeroom', '', school.orgId, `${school.orgId}-T2026-2027-1,${school.orgId}-T2026-2027-2`, ''],
      [`${one.orgId}-T2026-2027-1-KYW01`, '语文 一年级(1)班', '01', `${school.orgId}-KYW01`, 'YW01', 'scheduled', '101', school.orgId, `${school.orgId}-T2026-2027-1`, '1,2'],
    ]);
  });

  it('lists students by national student number (no ID number), teachers and advisors, their roles and enrollments, every reference resolving', async () => {
    const files = await bundle(tree);
    const users = files.get('users.csv')!.rows;
    expect(users.map((row) => [row.sourcedId, row.enabledUser, row.username, row.familyName, row.givenName, row.identifier, row.grades, row.primaryOrgSourcedId])).toEqual([
      ['s1', 'true', 's1', '欧阳', '娜娜', 'G440106201903150023', '01', school.orgId],
      ['s2', 'false', 's2', '张', '三', 'L44010620190315001X', '01', school.orgId],
      ['s3', 'true', 's3', '艾力', '买买提', 'J44010620190101003', '01', school.orgId],
      ['local|teacher-a', 'true', 'teacher-a', '王', '老师', '', '', school.orgId],
      ['local|advisor-a', 'true', 'advisor-a', '李', '班主任', '', '', school.orgId],
    ]);
    expect(files.get('roles.csv')!.rows.map((row) => [row.userSourcedId, row.roleType, row.role, row.orgSourcedId])).toEqual([
      ['s1', 'primary', 'student', school.orgId],
      ['s2', 'primary', 'student', school.orgId],
      ['s3', 'primary', 'student', school.orgId],
      ['local|teacher-a', 'primary', 'teacher', school.orgId],
      ['local|advisor-a', 'primary', 'teacher', school.orgId],
    ]);
    const section = `${one.orgId}-T2026-2027-1-KYW01`;
    expect(files.get('enrollments.csv')!.rows.map((row) => [row.userSourcedId, row.classSourcedId, row.role, row.primary])).toEqual([
      ['s1', one.orgId, 'student', 'false'],
      ['s1', section, 'student', 'false'],
      ['s2', one.orgId, 'student', 'false'],
      ['s2', section, 'student', 'false'],
      ['s3', two.orgId, 'student', 'false'],
      ['local|advisor-a', one.orgId, 'teacher', 'true'],
      ['local|teacher-a', section, 'teacher', 'true'],
    ]);
    // Every reference resolves within the bundle, and every sourcedId is unique in its file.
    const ids = (name: string) => new Set(files.get(name)!.rows.map((row) => row.sourcedId));
    for (const name of files.keys()) if (name !== 'manifest.csv') expect(ids(name).size, name).toBe(files.get(name)!.rows.length);
    for (const row of files.get('enrollments.csv')!.rows) {
      expect(ids('users.csv').has(row.userSourcedId!)).toBe(true);
      expect(ids('classes.csv').has(row.classSourcedId!)).toBe(true);
      expect(ids('orgs.csv').has(row.schoolSourcedId!)).toBe(true);
    }
    for (const row of files.get('classes.csv')!.rows) {
      expect(ids('courses.csv').has(row.courseSourcedId!)).toBe(true);
      for (const term of row.termSourcedIds!.split(',')) expect(ids('academicSessions.csv').has(term)).toBe(true);
    }
    for (const row of files.get('roles.csv')!.rows) expect(ids('users.csv').has(row.userSourcedId!)).toBe(true);
  });

  it('masks G numbers when the file may not show them whole; leaves out a file without rows and says it is absent', async () => {
    const files = await bundle({ ...tree, full: false, students: [], staff: [], sections: [] });
    expect(files.has('users.csv')).toBe(false);
    expect(files.has('roles.csv')).toBe(false);
    expect(files.has('enrollments.csv')).toBe(false);
    const manifest = Object.fromEntries(files.get('manifest.csv')!.rows.map((row) => [row.propertyName, row.value]));
    expect([manifest['file.users'], manifest['file.roles'], manifest['file.enrollments'], manifest['file.classes']]).toEqual(['absent', 'absent', 'absent', 'bulk']);
    const masked = await bundle({ ...tree, full: false });
    expect(masked.get('users.csv')!.rows[0]!.identifier).toBe('G440106********0023');
  });

  it('knows the school year by China time, grade levels by name, and Chinese names’ surnames', () => {
    expect(schoolYearAt('2026-08-31T15:59:59Z')).toBe('2025-2026');
    expect(schoolYearAt('2026-08-31T16:00:00Z')).toBe('2026-2027');
    expect(schoolYearAt('2027-02-01T00:00:00Z')).toBe('2026-2027');
    expect(['2026级 (一年级)', '九年级', '初二', '高三', '2026级'].map(gradeLevelOf)).toEqual(['01', '09', '08', '12', '']);
    expect([splitName('张三'), splitName('司马相如'), splitName('司马'), splitName('王')]).toEqual([
      { familyName: '张', givenName: '三' },
      { familyName: '司马', givenName: '相如' },
      { familyName: '司', givenName: '马' },
      { familyName: '王', givenName: '王' },
    ]);
  });
});

describe('a photo archive', () => {
  const student: ArchiveStudent = { studentId: 's1', name: '张三', idNumber: '440106201903150023', gradeName: '2026级 (一年级)', className: '一年级(1)班', schoolCode: '2144010601', classCode: '01' };

  it('names a photo by the ID number, or 学校标识码_班号_姓名 without one (or when the file may not show it), in the grade’s and the class’s folder', () => {
    expect(photoPath(student, true)).toBe('2026级 (一年级)/一年级(1)班/440106201903150023.jpg');
    expect(photoPath({ ...student, idNumber: undefined }, true)).toBe('2026级 (一年级)/一年级(1)班/2144010601_01_张三.jpg');
    expect(photoPath(student, false)).toBe('2026级 (一年级)/一年级(1)班/2144010601_01_张三.jpg');
    expect(photoPath({ ...student, className: '1/2 班', name: '李"四' }, false)).toBe('2026级 (一年级)/12 班/2144010601_01_李四.jpg');
    expect(uniquePaths(['a/b.jpg', 'a/c.jpg', 'a/b.jpg', 'a/b.jpg'])).toEqual(['a/b.jpg', 'a/c.jpg', 'a/b (2).jpg', 'a/b (3).jpg']);
  });

  it('says why a photo is missing', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    const state = (overrides: Partial<PhotoState>): PhotoState => ({ studentId: 's1', uploadId: 'u1', status: 'pending', reasons: [], size: 1, uploadedBy: { userId: 'u', displayName: 'u', orgId: 'o' }, uploadedAt: now.toISOString(), uploadBy: now.toISOString(), ...overrides });
    expect(missingReason(undefined, now)).toBe('未上传照片');
    expect(missingReason(state({}), now)).toBe('照片待核验');
    expect(missingReason(state({ status: 'rejected', reasons: ['太小', '比例不符'] }), now)).toBe('照片未通过核验：太小；比例不符');
    expect(missingReason(state({ uploadBy: '2026-11-01T00:00:00Z' }), now)).toMatch(/^照片未通过核验：未在上传期限内收到/);
    expect(missingReason(state({ status: 'rejected', current: { photoId: 'p', width: 200, height: 246, size: 1, acceptedAt: now.toISOString() } }), now)).toBeUndefined();
  });
});

describe('a graduate photo capture list', () => {
  it('numbers the students in order under 序号 学号 姓名 性别 身份证号 专业 学校代码 地区码', () => {
    const record = { studentId: 's1', name: '张三', gender: '1', idNumber: '440106200801010011', nationalStudentNo: 'G440106200801010011', gradeId: 'g', grade: '2024', schoolId: '4144010603', countyId: '440106' };
    const file = captureListFile({
      orgName: '2024级',
      records: [record, { ...record, studentId: 's2', name: '李四', gender: '2', idNumber: undefined, nationalStudentNo: 'L440106200802020022', schoolStudentNo: '2024001' }],
      gradeNames: new Map([['g', '计算机应用']]),
      codes: new Map([['4144010603', '4144010603'], ['440106', '440106']]),
      full: true,
    });
    expect(file.fileName).toBe('2024级毕业生图像采集名单');
    expect(file.tables[0]!.columns).toEqual(CAPTURE_LIST_COLUMNS);
    expect(file.tables[0]!.rows).toEqual([
      [1, 'G440106200801010011', '张三', '男', '440106200801010011', '计算机应用', '4144010603', '440106'],
      [2, '2024001', '李四', '女', '', '计算机应用', '4144010603', '440106'],
    ]);
    const masked = captureListFile({ orgName: 'x', records: [record], gradeNames: new Map(), codes: new Map(), full: false });
    expect(masked.tables[0]!.rows[0]!.slice(1, 5)).toEqual(['G440106********0011', '张三', '男', '440106********0011']);
  });
});
