// An example exchange per operation for the OpenAPI document, kept out of the route contracts so
// handler bundles never carry them. One made-up student of a demo school, consistent with the
// record rules (a valid ID number agreeing with birth date and sex), in a full and a masked view;
// the linter in the tests checks every example against its schema.
import { EXCHANGE_EXAMPLES } from './exchange-examples.ts';

export const EXAMPLE_SCHOOL = { orgId: '2144010601', kind: 'school', code: '2144010601', name: '广州市天河区第一实验小学', parentId: '440106' } as const;
export const EXAMPLE_CLASS = { orgId: '2144010601-G2026-C01', kind: 'class', code: '01', name: '一年级(1)班', parentId: '2144010601-G2026' } as const;

const entered = {
  name: '李𠮷祥',
  gender: '2',
  birthDate: '2019-03-15',
  birthplace: '440106001000',
  nativePlace: '440100',
  ethnicity: '01',
  nationality: 'CHN',
  idType: '1',
  idNumber: '440106201903150023',
  overseasChinese: '00',
  health: '10',
  householdRegion: '440106',
  householdType: '2',
  classId: EXAMPLE_CLASS.orgId,
  classSeatNo: '12',
  enrolledOn: '2026-09',
  admissionMode: '11',
  attendanceMode: '1',
  currentAddress: '广东省广州市天河区华景路1号',
  mailingAddress: '广东省广州市天河区华景路1号',
  homeAddress: '广东省广州市天河区华景路1号',
  phone: '13800138000',
  postcode: '510000',
  onlyChild: '1',
  preschool: '1',
  guardians: [{ name: '李建国', relation: '父亲', isGuardian: '1', idType: '1', idNumber: '44010619850303001X', phone: '13900139000' }],
  extra: {},
} as const;

export const EXAMPLE_NEW_STUDENT = entered;

const system = {
  studentId: '6f1c2a9e-4b7d-4a51-9c3e-2d8f0b1a7e44',
  nationalStudentNo: 'G440106201903150023',
  schoolId: '2144010601',
  gradeId: '2144010601-G2026',
  grade: '2026',
  countyId: '440106',
  version: 1,
  createdAt: '2026-09-01T08:00:00.000Z',
  updatedAt: '2026-09-01T08:00:00.000Z',
  status: 'enrolled',
  confirmed: false,
} as const;

export const EXAMPLE_STUDENT = { ...entered, ...system, masked: false } as const;

export const EXAMPLE_STUDENT_MASKED = {
  ...EXAMPLE_STUDENT,
  idNumber: '440106********0023',
  nationalStudentNo: 'G440106********0023',
  phone: '138****8000',
  currentAddress: '广东省广州市****',
  mailingAddress: '广东省广州市****',
  homeAddress: '广东省广州市****',
  guardians: [{ ...entered.guardians[0], idNumber: '440106********001X', phone: '139****9000' }],
  masked: true,
} as const;

export const EXAMPLE_SUMMARY = {
  studentId: system.studentId,
  nationalStudentNo: EXAMPLE_STUDENT_MASKED.nationalStudentNo,
  name: entered.name,
  gender: entered.gender,
  birthDate: entered.birthDate,
  idNumber: EXAMPLE_STUDENT_MASKED.idNumber,
  phone: EXAMPLE_STUDENT_MASKED.phone,
  schoolId: system.schoolId,
  gradeId: system.gradeId,
  classId: entered.classId,
  classSeatNo: entered.classSeatNo,
  deleted: false,
  status: 'enrolled',
  confirmed: false,
} as const;

export const EXAMPLE_HISTORY_ENTRY = {
  at: '2026-09-03T02:15:00.000Z',
  actor: { userId: 'local|registrar-th-shiyan', displayName: '广州市天河区第一实验小学 学籍管理员', role: 'school_registrar' },
  action: 'update',
  changes: [{ field: 'phone', old: '13800138000', new: '13800138001' }],
} as const;

export const EXAMPLE_CORRECTION = {
  correctionId: '0mhx2k3b9a1b2c3d4',
  studentId: system.studentId,
  schoolId: system.schoolId,
  changes: [{ field: 'specialty', old: null, new: '钢琴' }],
  note: '补充特长',
  status: 'pending',
  baseVersion: 1,
  proposedBy: { userId: 'local|student-th-shiyan', displayName: '广州市天河区第一实验小学 一年级(1)班学生' },
  proposedAt: '2026-09-05T09:00:00.000Z',
} as const;

const registrar = (school: string, org: string) => ({ userId: `local|registrar-${school}`, displayName: `${org} 学籍管理员` });

/** A transfer from a Tianhe school to a Yuexiu one: the receiving county has approved, the sending school decides now. */
export const EXAMPLE_CHANGE = {
  changeId: '0mhy7q2c4e5f6a7b8',
  type: 'transfer',
  studentId: system.studentId,
  studentName: entered.name,
  status: 'pending',
  applicant: { ...registrar('yx-dongfeng', '广州市越秀区东风路小学'), orgId: '2144010401', orgName: '广州市越秀区东风路小学' },
  steps: [
    { role: 'county_admin', orgId: '440104', orgName: '越秀区', status: 'approved', by: { userId: 'local|yuexiu-admin', displayName: '越秀区教育局' }, at: '2026-10-09T02:00:00.000Z', startedAt: '2026-10-08T01:00:00.000Z', dueBy: '2026-10-22' },
    { role: 'school_registrar', orgId: '2144010601', orgName: '广州市天河区第一实验小学', status: 'current', startedAt: '2026-10-09T02:00:05.000Z', dueBy: '2026-10-23' },
    { role: 'county_admin', orgId: '440106', orgName: '天河区', status: 'waiting' },
  ],
  currentStep: 1,
  request: { toClassId: '2144010401-G2026-C02', toClassName: '一年级(2)班', reason: '随父母工作调动' },
  createdAt: '2026-10-08T01:00:00.000Z',
  version: 3,
} as const;

/** A graduation job of the example school's 2024 grade, half way through. */
export const EXAMPLE_JOB = {
  jobId: '0mi3k2x7c1d2e3f4a',
  kind: 'graduation',
  status: 'running',
  total: 96,
  done: 50,
  errors: 1,
  errorSamples: [{ item: '王小明 (5b2e8c1a-7d3f-4e6a-9b0c-1f2d3e4a5b6c)', message: '有未办结的学籍异动申请，未毕业' }],
  resultUrl: null,
  orgId: system.schoolId,
  request: { schoolId: system.schoolId, gradeId: '2144010601-G2024' },
  createdAt: '2027-07-05T02:00:00.000Z',
  updatedAt: '2027-07-05T02:00:04.000Z',
} as const;

const reviewed = { ...EXAMPLE_CORRECTION, reviewedBy: { userId: 'local|registrar-th-shiyan', displayName: '广州市天河区第一实验小学 学籍管理员' }, reviewedAt: '2026-09-06T01:00:00.000Z' };
const exampleUser = { userId: 'local|teacher-th-new', username: 'teacher-th-new', role: 'teacher', orgId: '2144010601', displayName: '王老师', classIds: [EXAMPLE_CLASS.orgId] } as const;

const EXAMPLE_COURSE = { courseId: '2144010601-KMATH01', schoolId: '2144010601', code: 'MATH01', name: '高等数学', credits: 4, hours: 64, assessment: 'exam' } as const;
const EXAMPLE_PLAN = { planId: '2144010601-G2026-T2026-2027-1', schoolId: '2144010601', gradeId: '2144010601-G2026', term: '2026-2027-1', courses: [{ courseId: EXAMPLE_COURSE.courseId, hoursPerWeek: 4 }] } as const;
const EXAMPLE_SECTION = {
  sectionId: `${EXAMPLE_CLASS.orgId}-T2026-2027-1-KMATH01`,
  schoolId: '2144010601',
  courseId: EXAMPLE_COURSE.courseId,
  courseName: EXAMPLE_COURSE.name,
  credits: 4,
  term: '2026-2027-1',
  classId: EXAMPLE_CLASS.orgId,
  teacherId: exampleUser.userId,
  teacherName: exampleUser.displayName,
  room: 'A101',
  slots: [{ day: 1, period: 1 }, { day: 3, period: 2 }],
  planId: EXAMPLE_PLAN.planId,
  version: 2,
};

const EXAMPLE_SITTING = {
  makeupId: `${EXAMPLE_COURSE.courseId}-T2026-2027-1`,
  schoolId: '2144010601',
  courseId: EXAMPLE_COURSE.courseId,
  courseName: EXAMPLE_COURSE.name,
  term: '2026-2027-1',
  date: '2027-02-27',
  room: 'B201',
  students: [{ studentId: system.studentId, name: entered.name, classId: EXAMPLE_CLASS.orgId, reason: 'absent' }],
  grades: [] as { studentId: string; score: number }[],
  version: 1,
};

/** A duplicate ID number across two counties (问题学籍), as each county's queue lists it. */
const EXAMPLE_PROBLEM = {
  problemId: '3f9c2a7e51b04d8c9e6a1b2c3d4e5f60',
  kind: 'duplicateId',
  status: 'open',
  studentIds: [system.studentId, '9d2e4f6a-1b3c-4d5e-8f7a-0b1c2d3e4f5a'],
  students: [
    { studentId: system.studentId, name: entered.name, gender: entered.gender, birthDate: entered.birthDate, idNumber: '440106********0023', schoolId: system.schoolId, schoolName: EXAMPLE_SCHOOL.name, countyId: '440106', countyName: '天河区' },
    { studentId: '9d2e4f6a-1b3c-4d5e-8f7a-0b1c2d3e4f5a', name: entered.name, gender: entered.gender, birthDate: entered.birthDate, idNumber: '440106********0023', schoolId: '2144010401', schoolName: '广州市越秀区东风路小学', countyId: '440104', countyName: '越秀区' },
  ],
  description: '两条学籍的身份证件号相同 (一人只能有一条学籍)',
  detectedAt: '2026-10-12T18:31:07.000Z',
  since: '2026-10-12T18:31:07.000Z',
  resolution: null,
};

/** By operationId. */
const EXAMPLE_IMPORT = {
  importId: '0mi5b2c3d4e5f6a7b',
  schoolId: system.schoolId,
  fileName: '2026级新生.xlsx',
  format: 'xlsx' as const,
  size: 1048576,
  createdBy: { userId: 'a1b2c3d4-0000-4000-8000-000000000001', displayName: '东风路小学学籍管理员' },
  createdAt: '2026-08-25T01:00:00.000Z',
};

const EXAMPLE_IMPORT_JOB = {
  ...EXAMPLE_JOB,
  jobId: '0mi5b2c9f8e7d6c5b',
  kind: 'import' as const,
  status: 'succeeded' as const,
  total: 1200,
  done: 1197,
  errors: 3,
  errorSamples: [{ item: '第 17 行', message: '身份证件号：身份证件号校验位不正确' }],
  orgId: system.schoolId,
  request: { importId: EXAMPLE_IMPORT.importId, dryRun: false },
  createdAt: '2026-08-25T01:05:00.000Z',
  updatedAt: '2026-08-25T01:07:12.000Z',
  completedAt: '2026-08-25T01:07:12.000Z',
};

const EXAMPLE_PHOTO_BATCH = {
  batchId: '0mi8a1b2c3d4e5f6a',
  orgId: EXAMPLE_CLASS.orgId,
  orgKind: 'class' as const,
  orgName: EXAMPLE_CLASS.name,
  size: 1520435,
  createdBy: { userId: 'local|registrar-th-shiyan', displayName: '广州市天河区第一实验小学 学籍管理员' },
  createdAt: '2026-09-10T02:00:00.000Z',
};

const EXAMPLE_PHOTO_BATCH_JOB = {
  ...EXAMPLE_JOB,
  jobId: '0mi8a1c9f8e7d6c5b',
  kind: 'photoBatch' as const,
  status: 'succeeded' as const,
  total: 4,
  done: 1,
  errors: 3,
  errorSamples: [{ item: '2026级/1班/2144010601_01_张小明.jpg', message: '图像为 100 × 123 像素，至少须 154 × 189 像素' }],
  orgId: EXAMPLE_CLASS.orgId,
  request: { batchId: EXAMPLE_PHOTO_BATCH.batchId },
  createdAt: '2026-09-10T02:01:00.000Z',
  updatedAt: '2026-09-10T02:01:05.000Z',
  completedAt: '2026-09-10T02:01:05.000Z',
};

const EXAMPLE_NUMBERING = { pattern: '{year}{site}{seq:4}', site: '01' };
const EXAMPLE_REGISTRATION = {
  institutionCode: '14106',
  schoolName: '广州市天河区职业技术学院',
  schoolType: '1',
  adultEducation: false,
  grades: { '4144010603-G2024': { majorCode: '510201', majorName: '计算机应用技术', level: '06', studyForm: '普通全日制', years: 3, department: '信息工程学院' } },
};

export const EXAMPLES: Record<string, { request?: unknown; response: unknown }> = {
  ...EXCHANGE_EXAMPLES,
  getMe: {
    response: { userId: 'local|registrar-th-shiyan', role: 'school_registrar', orgId: EXAMPLE_SCHOOL.orgId, orgPath: '/440000/440100/440106/2144010601', displayName: '广州市天河区第一实验小学 学籍管理员' },
  },
  getOrg: { response: { ...EXAMPLE_SCHOOL, studentCount: 326 } },
  listOrgChildren: { response: { items: [{ ...EXAMPLE_CLASS, studentCount: 45 }], nextCursor: null } },
  listDevUsers: { response: [{ username: 'registrar-th-shiyan', role: 'school_registrar', orgId: '2144010601', orgName: '广州市天河区第一实验小学', displayName: '广州市天河区第一实验小学 学籍管理员' }] },
  devLogin: { request: { username: 'registrar-th-shiyan' }, response: { token: 'eyJhbGciOiJFUzI1NiIsImtpZCI6ImxvY2FsLWRldi0xIn0.…' } },
  getHealth: { response: { status: 'ok', version: '0.1.0' } },
  getAuthConfig: { response: { mode: 'oidc', issuer: 'https://login.example.edu.cn/realms/guangdong', clientId: 'xueji-web', scope: 'openid profile' } },
  listProvinceFields: { response: { items: [{ key: 'dormitory', label: '宿舍号', type: 'text', required: false, maxLength: 20 }] } },
  getOpenApi: { response: { openapi: '3.1.0', info: { title: '学籍管理系统 API', version: '0.1.0' } } },
  enrolStudent: { request: EXAMPLE_NEW_STUDENT, response: EXAMPLE_STUDENT },
  getStudent: { response: EXAMPLE_STUDENT_MASKED },
  updateStudent: { request: { phone: '13800138001' }, response: { ...EXAMPLE_STUDENT, phone: '13800138001', version: 2 } },
  deleteStudent: {
    request: { reason: '重复注册' },
    response: { ...EXAMPLE_STUDENT, version: 2, deleted: { at: '2026-09-10T03:00:00.000Z', by: '广州市天河区第一实验小学 学籍管理员', reason: '重复注册' } },
  },
  listStudents: { response: { items: [EXAMPLE_SUMMARY], nextCursor: null } },
  getStudentHistory: { response: { items: [EXAMPLE_HISTORY_ENTRY], nextCursor: null } },
  proposeCorrection: { request: { changes: { specialty: '钢琴' }, note: '补充特长' }, response: EXAMPLE_CORRECTION },
  listStudentCorrections: { response: { items: [EXAMPLE_CORRECTION], nextCursor: null } },
  acceptCorrection: { request: {}, response: { correction: { ...reviewed, status: 'accepted' }, student: { ...EXAMPLE_STUDENT, specialty: '钢琴', version: 2 } } },
  rejectCorrection: { request: { comment: '特长请填写具体项目' }, response: { ...reviewed, status: 'rejected', comment: '特长请填写具体项目' } },
  listCorrections: { response: { items: [EXAMPLE_CORRECTION], nextCursor: null, total: 1 } },
  confirmRecord: { response: { ...EXAMPLE_STUDENT, confirmed: true, confirmedAt: '2025-09-05T10:12:00.000Z' } },
  createChildOrg: { request: { code: '1', name: '一年级(1)班' }, response: EXAMPLE_CLASS },
  createUser: { request: { username: exampleUser.username, role: 'teacher', orgId: '2144010601', displayName: '王老师', classIds: [EXAMPLE_CLASS.orgId] }, response: exampleUser },
  listOrgUsers: { response: { items: [exampleUser], nextCursor: null } },
  createCourse: { request: { schoolId: EXAMPLE_COURSE.schoolId, code: EXAMPLE_COURSE.code, name: EXAMPLE_COURSE.name, credits: 4, hours: 64, assessment: 'exam' }, response: EXAMPLE_COURSE },
  listCourses: { response: { items: [EXAMPLE_COURSE], nextCursor: null } },
  listTeachingPlans: { response: { items: [EXAMPLE_PLAN] } },
  createTeachingPlan: { request: { schoolId: EXAMPLE_PLAN.schoolId, gradeId: EXAMPLE_PLAN.gradeId, term: EXAMPLE_PLAN.term, courses: EXAMPLE_PLAN.courses }, response: EXAMPLE_PLAN },
  generateSections: { response: { items: [{ ...EXAMPLE_SECTION, teacherId: undefined, teacherName: undefined, room: undefined, slots: [], version: 1 }].map((section) => JSON.parse(JSON.stringify(section)) as unknown) } },
  createSection: { request: { courseId: EXAMPLE_COURSE.courseId, term: '2026-2027-1', classId: EXAMPLE_CLASS.orgId, teacherId: exampleUser.userId, room: 'A101', slots: EXAMPLE_SECTION.slots }, response: { ...EXAMPLE_SECTION, version: 1 } },
  arrangeSection: { request: { room: 'A101', slots: EXAMPLE_SECTION.slots }, response: EXAMPLE_SECTION },
  listSections: { response: { items: [EXAMPLE_SECTION], nextCursor: null } },
  saveGrades: { request: { grades: [{ studentId: EXAMPLE_STUDENT.studentId, score: 87.5 }] }, response: { sectionId: EXAMPLE_SECTION.sectionId, status: 'draft', version: 3, grades: [{ studentId: EXAMPLE_STUDENT.studentId, name: EXAMPLE_STUDENT.name, score: 87.5, passed: true }] } },
  submitGrades: { response: { sectionId: EXAMPLE_SECTION.sectionId, status: 'submitted', version: 4, submittedAt: '2027-01-15T08:00:00.000Z', grades: [{ studentId: EXAMPLE_STUDENT.studentId, name: EXAMPLE_STUDENT.name, score: 87.5, passed: true }] } },
  getGrades: { response: { sectionId: EXAMPLE_SECTION.sectionId, status: 'submitted', version: 4, submittedAt: '2027-01-15T08:00:00.000Z', grades: [{ studentId: EXAMPLE_STUDENT.studentId, name: EXAMPLE_STUDENT.name, mark: 'absent', passed: false }] } },
  getStudentGrades: { response: { items: [{ sectionId: EXAMPLE_SECTION.sectionId, courseId: EXAMPLE_COURSE.courseId, courseName: EXAMPLE_COURSE.name, credits: 4, term: '2026-2027-1', score: 87.5, passed: true, makeup: null }] } },
  listMakeupExams: { response: { items: [{ courseId: EXAMPLE_COURSE.courseId, courseName: EXAMPLE_COURSE.name, students: [{ studentId: EXAMPLE_STUDENT.studentId, name: EXAMPLE_STUDENT.name, classId: EXAMPLE_CLASS.orgId, reason: 'absent' }], sitting: null }] } },
  scheduleMakeupExam: { request: { courseId: EXAMPLE_COURSE.courseId, term: '2026-2027-1', date: '2027-02-27', room: 'B201' }, response: EXAMPLE_SITTING },
  getMakeupExam: { response: { ...EXAMPLE_SITTING, grades: [{ studentId: EXAMPLE_STUDENT.studentId, score: 72 }], version: 2 } },
  saveMakeupGrades: { request: { grades: [{ studentId: EXAMPLE_STUDENT.studentId, score: 72 }] }, response: { ...EXAMPLE_SITTING, grades: [{ studentId: EXAMPLE_STUDENT.studentId, score: 72 }], version: 2 } },
  listGradeSubmissions: { response: { items: [{ sectionId: EXAMPLE_SECTION.sectionId, courseName: EXAMPLE_COURSE.name, classId: EXAMPLE_CLASS.orgId, teacherId: exampleUser.userId, teacherName: exampleUser.displayName, status: 'draft', graded: 30 }], nextCursor: null } },
  getSection: { response: { ...EXAMPLE_SECTION, roster: [{ studentId: EXAMPLE_STUDENT.studentId, name: EXAMPLE_STUDENT.name, gender: EXAMPLE_STUDENT.gender, classSeatNo: '12' }] } },
  fileChange: {
    request: { type: 'transfer', nationalStudentNo: system.nationalStudentNo, name: entered.name, toClassId: '2144010401-G2026-C02', reason: '随父母工作调动' },
    response: {
      ...EXAMPLE_CHANGE,
      steps: [
        { role: 'county_admin', orgId: '440104', orgName: '越秀区', status: 'current', startedAt: '2026-10-08T01:00:00.000Z', dueBy: '2026-10-22' },
        { role: 'school_registrar', orgId: '2144010601', orgName: '广州市天河区第一实验小学', status: 'waiting' },
        EXAMPLE_CHANGE.steps[2],
      ],
      currentStep: 0,
      version: 1,
    },
  },
  getChange: { response: EXAMPLE_CHANGE },
  listChanges: { response: { items: [EXAMPLE_CHANGE], nextCursor: null } },
  approveChange: { request: { comment: '同意' }, response: { ...EXAMPLE_CHANGE, steps: [EXAMPLE_CHANGE.steps[0], { ...EXAMPLE_CHANGE.steps[1], status: 'approved', by: registrar('th-shiyan', '广州市天河区第一实验小学'), at: '2026-10-10T03:00:00.000Z', comment: '同意' }, EXAMPLE_CHANGE.steps[2]], version: 4 } },
  rejectChange: {
    request: { comment: '转入学校学位已满' },
    response: { ...EXAMPLE_CHANGE, status: 'rejected', steps: [{ ...EXAMPLE_CHANGE.steps[0], status: 'rejected', comment: '转入学校学位已满' }, { ...EXAMPLE_CHANGE.steps[1], status: 'skipped' }, { ...EXAMPLE_CHANGE.steps[2], status: 'skipped' }], currentStep: 0, completedAt: '2026-10-09T02:00:00.000Z', version: 2 },
  },
  cancelChange: { request: {}, response: { ...EXAMPLE_CHANGE, status: 'cancelled', steps: [EXAMPLE_CHANGE.steps[0], { ...EXAMPLE_CHANGE.steps[1], status: 'skipped' }, { ...EXAMPLE_CHANGE.steps[2], status: 'skipped' }], completedAt: '2026-10-09T05:00:00.000Z', version: 4 } },
  addEvidence: {
    request: { fileName: '转学申请表.pdf', contentType: 'application/pdf', size: 183204 },
    response: {
      evidenceId: '0mhz1x2y3a1b2c3d4',
      upload: {
        url: 'https://xueji-files-1a2b3c4d.s3.cn-northwest-1.amazonaws.com.cn/',
        fields: {
          'Content-Type': 'application/pdf',
          bucket: 'xueji-files-1a2b3c4d',
          'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
          'X-Amz-Credential': 'ASIAEXAMPLE/20261009/cn-northwest-1/s3/aws4_request',
          'X-Amz-Date': '20261009T020304Z',
          'X-Amz-Security-Token': 'IQoJb3JpZ2luX2VjE…',
          key: `incoming/evidence/${EXAMPLE_CHANGE.changeId}/0mhz1x2y3a1b2c3d4`,
          Policy: 'eyJleHBpcmF0aW9uIjoiMjAyNi0xMC0wOVQwMjoxMzowNFoiLCJjb25kaXRpb25zIjpbWyJjb250ZW50LWxlbmd0aC1yYW5nZSIsMTgzMjA0LDE4MzIwNF0s…',
          'X-Amz-Signature': '64cb3a8d75617c6517c9045a81293aae9d094b295d7f2843d8b191877a3231ea',
        },
      },
    },
  },
  listEvidence: {
    response: {
      items: [
        {
          evidenceId: '0mhz1x2y3a1b2c3d4',
          fileName: '转学申请表.pdf',
          contentType: 'application/pdf',
          size: 183204,
          status: 'accepted',
          url: `https://xueji-files-1a2b3c4d.s3.cn-northwest-1.amazonaws.com.cn/evidence/${EXAMPLE_CHANGE.changeId}/0mhz1x2y3a1b2c3d4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&…`,
        },
        { evidenceId: '0mhz1x9k2e5f6a7b8', fileName: '户口本.png', contentType: 'image/png', size: 20480, status: 'rejected', reason: '文件内容不是 JPG、PNG 或 PDF 格式 (申报为 PNG)' },
        { evidenceId: '0mhz1xa01c9d8e7f6', fileName: '居住证明.jpg', contentType: 'image/jpeg', size: 524288, status: 'pending' },
      ],
    },
  },
  promoteSchool: { response: { ...EXAMPLE_JOB, jobId: '0mi3k1a2b3c4d5e6f', kind: 'promotion', status: 'queued', total: 0, done: 0, errors: 0, errorSamples: [], request: { schoolId: system.schoolId }, updatedAt: EXAMPLE_JOB.createdAt } },
  graduateGrade: { request: { gradeId: '2144010601-G2024' }, response: { ...EXAMPLE_JOB, status: 'queued', total: 0, done: 0, errors: 0, errorSamples: [], updatedAt: EXAMPLE_JOB.createdAt } },
  getJob: { response: EXAMPLE_JOB },
  createExport: {
    request: { kind: 'gradeSheet', sectionId: EXAMPLE_SECTION.sectionId, format: 'pdf' },
    response: {
      ...EXAMPLE_JOB,
      jobId: '0mi4a7c2e9f1b3d5c',
      kind: 'export',
      status: 'queued',
      total: 0,
      done: 0,
      errors: 0,
      errorSamples: [],
      request: { kind: 'gradeSheet', sectionId: EXAMPLE_SECTION.sectionId, format: 'pdf' },
      createdAt: '2027-01-15T02:00:00.000Z',
      updatedAt: '2027-01-15T02:00:00.000Z',
    },
  },
  getImportTemplate: { response: { fileName: '学生信息导入模板.xlsx', content: new Uint8Array() } },
  createImport: {
    request: { schoolId: system.schoolId, fileName: '2026级新生.xlsx', format: 'xlsx', size: 1048576 },
    response: {
      ...EXAMPLE_IMPORT,
      upload: {
        url: 'https://xueji-files-1a2b3c4d.s3.cn-northwest-1.amazonaws.com.cn/',
        fields: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', key: `imports/${EXAMPLE_IMPORT.importId}/source`, Policy: 'eyJleHBpcmF0aW9uIjoi…', 'X-Amz-Signature': '5f0e…' },
      },
    },
  },
  listImports: { response: { items: [{ ...EXAMPLE_IMPORT, jobId: EXAMPLE_IMPORT_JOB.jobId, runJobId: EXAMPLE_IMPORT_JOB.jobId }], nextCursor: null } },
  startImport: {
    request: { dryRun: true, mapping: { 身份证号码: 'idNumber' } },
    response: { ...EXAMPLE_IMPORT_JOB, status: 'queued', total: 0, done: 0, errors: 0, errorSamples: [], resultUrl: null, request: { importId: EXAMPLE_IMPORT.importId, dryRun: true, mapping: { 身份证号码: 'idNumber' } }, updatedAt: EXAMPLE_IMPORT_JOB.createdAt },
  },
  getImport: {
    response: {
      ...EXAMPLE_IMPORT,
      jobId: EXAMPLE_IMPORT_JOB.jobId,
      runJobId: EXAMPLE_IMPORT_JOB.jobId,
      job: EXAMPLE_IMPORT_JOB,
      dryRun: false,
      rowsRead: 1200,
      created: 1196,
      skipped: 1,
      failed: 3,
      ready: 1196,
      rowErrors: [
        { row: 17, column: '身份证件号', code: 'id_checksum', message: '身份证件号校验位不正确' },
        { row: 233, column: '民族', code: 'invalid_code', message: '民族代码不正确' },
        { row: 560, column: '身份证件号', code: 'duplicate_in_file', message: '与第 12 行的身份证件号相同，一人只能有一个学籍' },
        { row: 901, column: '身份证件号', code: 'duplicate_id_number', message: '该身份证件号已在其他学校注册学籍，未重复导入' },
      ],
      rowErrorCount: 4,
      reportUrl: `https://xueji-files-1a2b3c4d.s3.cn-northwest-1.amazonaws.com.cn/imports/${EXAMPLE_IMPORT.importId}/${EXAMPLE_IMPORT_JOB.jobId}/report.xlsx?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&…`,
    },
  },
  getNumbering: { response: { scheme: { ...EXAMPLE_NUMBERING, updatedAt: '2026-08-20T02:00:00.000Z', updatedBy: '东风路小学学籍管理员' } } },
  putNumbering: { request: EXAMPLE_NUMBERING, response: { scheme: { ...EXAMPLE_NUMBERING, updatedAt: '2026-08-20T02:00:00.000Z', updatedBy: '东风路小学学籍管理员' } } },
  listExports: {
    response: {
      items: [
        {
          exportId: '0mi8b2c3d4e5f6a7b',
          kind: 'roster',
          format: 'xlsx',
          orgId: EXAMPLE_CLASS.orgId,
          createdAt: '2026-11-30T23:00:00.000Z',
          createdBy: '广州市天河区第一实验小学 学籍管理员',
          scheduleId: '0mi7a1b2c3d4e5f6a',
          status: 'succeeded',
          errors: 0,
          errorSamples: [],
          completedAt: '2026-11-30T23:00:02.000Z',
          size: 9214,
          url: 'https://files.example.cn/exports/0mi8b2c3d4e5f6a7b.xlsx?X-Amz-Expires=300&X-Amz-Signature=…',
        },
      ],
      nextCursor: null,
    },
  },
  createExportSchedule: {
    request: { kind: 'roster', orgId: EXAMPLE_CLASS.orgId, format: 'xlsx', cron: '0 7 * * 1' },
    response: { scheduleId: '0mi7a1b2c3d4e5f6a', kind: 'roster', orgId: EXAMPLE_CLASS.orgId, format: 'xlsx', cron: '0 7 * * 1', createdBy: '广州市天河区第一实验小学 学籍管理员', createdAt: '2026-11-29T08:00:00.000Z', nextRunAt: '2026-11-29T23:00:00.000Z' },
  },
  listExportSchedules: {
    response: {
      items: [
        {
          scheduleId: '0mi7a1b2c3d4e5f6a',
          kind: 'roster',
          orgId: EXAMPLE_CLASS.orgId,
          format: 'xlsx',
          cron: '0 7 * * 1',
          createdBy: '广州市天河区第一实验小学 学籍管理员',
          createdAt: '2026-11-29T08:00:00.000Z',
          nextRunAt: '2026-12-06T23:00:00.000Z',
          lastRun: { at: '2026-11-29T23:00:00.000Z', jobId: '0mi8b2c3d4e5f6a7b' },
        },
      ],
      nextCursor: null,
    },
  },
  deleteExportSchedule: { response: { scheduleId: '0mi7a1b2c3d4e5f6a', deleted: true } },
  getRegistration: { response: { settings: { ...EXAMPLE_REGISTRATION, updatedAt: '2026-09-20T02:00:00.000Z', updatedBy: '职业技术学院学籍管理员' } } },
  putRegistration: { request: EXAMPLE_REGISTRATION, response: { settings: { ...EXAMPLE_REGISTRATION, updatedAt: '2026-09-20T02:00:00.000Z', updatedBy: '职业技术学院学籍管理员' } } },
  listTasks: {
    response: { items: [{ changeId: EXAMPLE_CHANGE.changeId, type: 'transfer', studentName: entered.name, stepRole: 'school_registrar', since: '2026-10-09T02:00:05.000Z', dueBy: '2026-10-23', overdue: false }], counts: { transfer: 1 }, nextCursor: null },
  },
  scanProblems: {
    request: { orgId: '440106' },
    response: { ...EXAMPLE_JOB, jobId: '0mi6c3d4e5f6a7b8c', kind: 'problemScan', status: 'queued', total: 0, done: 0, errors: 0, errorSamples: [], orgId: '440106', request: { orgId: '440106' }, createdAt: '2026-10-12T02:00:00.000Z', updatedAt: '2026-10-12T02:00:00.000Z' },
  },
  listProblems: { response: { items: [EXAMPLE_PROBLEM], counts: { open: { badIdNumber: 2, idMismatch: 1, duplicateId: 1, possibleDuplicate: 0 }, resolved: { badIdNumber: 5, idMismatch: 0, duplicateId: 2, possibleDuplicate: 1 } }, nextCursor: null } },
  resolveProblem: {
    request: { resolution: 'deleted', comment: '越秀区的记录为重复注册，已由东风路小学删除' },
    response: {
      ...EXAMPLE_PROBLEM,
      status: 'resolved',
      since: '2026-10-14T03:00:00.000Z',
      resolution: { resolution: 'deleted', comment: '越秀区的记录为重复注册，已由东风路小学删除', by: { userId: 'local|tianhe-admin', displayName: '天河区教育局', role: 'county_admin' }, at: '2026-10-14T03:00:00.000Z' },
    },
  },
  addProblemEvidence: {
    request: { fileName: '户口簿.jpg', contentType: 'image/jpeg', size: 412331 },
    response: {
      evidenceId: '0mi6d1e2f3a4b5c6d',
      upload: {
        url: 'https://xueji-files-1a2b3c4d.s3.cn-northwest-1.amazonaws.com.cn/',
        fields: { 'Content-Type': 'image/jpeg', key: `incoming/evidence/problems/${EXAMPLE_PROBLEM.problemId}/0mi6d1e2f3a4b5c6d`, Policy: 'eyJleHBpcmF0aW9uIjoi…', 'X-Amz-Signature': '9a1f…' },
      },
    },
  },
  listProblemEvidence: { response: { items: [{ evidenceId: '0mi6d1e2f3a4b5c6d', fileName: '户口簿.jpg', contentType: 'image/jpeg', size: 412331, status: 'accepted', url: 'https://xueji-files-1a2b3c4d.s3.cn-northwest-1.amazonaws.com.cn/problem-evidence/…?X-Amz-Expires=300&…' }] } },
  uploadPhoto: {
    request: { contentType: 'image/jpeg', size: 31744 },
    response: {
      upload: {
        url: 'https://xueji-files-1a2b3c4d.s3.cn-northwest-1.amazonaws.com.cn/',
        fields: { 'Content-Type': 'image/jpeg', key: `incoming/photos/${EXAMPLE_STUDENT.studentId}/0mi7a1b2c3d4e5f6a`, Policy: 'eyJleHBpcmF0aW9uIjoi…', 'X-Amz-Signature': '9a1f…' },
      },
    },
  },
  getPhoto: {
    response: {
      status: 'rejected',
      reasons: ['图像为 120 × 160 像素，至少须 154 × 189 像素', '宽高比不符：120 × 160 像素的宽高比为 0.750，须为 26:32 的竖版照片 (0.813，允许相差 5%)'],
      size: 9216,
      width: 120,
      height: 160,
      uploadedAt: '2026-09-10T02:00:00.000Z',
      checkedAt: '2026-09-10T02:00:02.000Z',
      url: `https://xueji-files-1a2b3c4d.s3.cn-northwest-1.amazonaws.com.cn/photos/${EXAMPLE_STUDENT.studentId}/0mi79k2e5f6a7b8c9.jpg?X-Amz-Expires=300&…`,
      thumbnailUrl: `https://xueji-files-1a2b3c4d.s3.cn-northwest-1.amazonaws.com.cn/photos/${EXAMPLE_STUDENT.studentId}/0mi79k2e5f6a7b8c9.thumb.jpg?X-Amz-Expires=300&…`,
      acceptedAt: '2026-09-01T03:00:02.000Z',
    },
  },
  createPhotoBatch: {
    request: { orgId: EXAMPLE_CLASS.orgId, size: 1520435 },
    response: {
      ...EXAMPLE_PHOTO_BATCH,
      upload: {
        url: 'https://xueji-files-1a2b3c4d.s3.cn-northwest-1.amazonaws.com.cn/',
        fields: { 'Content-Type': 'application/zip', key: `photo-batches/${EXAMPLE_PHOTO_BATCH.batchId}.zip`, Policy: 'eyJleHBpcmF0aW9uIjoi…', 'X-Amz-Signature': '3c7d…' },
      },
    },
  },
  startPhotoBatch: { response: { ...EXAMPLE_PHOTO_BATCH_JOB, status: 'queued', total: 0, done: 0, errors: 0, errorSamples: [], updatedAt: EXAMPLE_PHOTO_BATCH_JOB.createdAt } },
  getPhotoBatch: {
    response: {
      ...EXAMPLE_PHOTO_BATCH,
      jobId: EXAMPLE_PHOTO_BATCH_JOB.jobId,
      job: EXAMPLE_PHOTO_BATCH_JOB,
      counts: { accepted: 1, rejected: 1, refused: 1, unmatched: 1 },
      files: [
        { entry: 2, file: '2026级/1班/440106201903150023.jpg', studentId: EXAMPLE_STUDENT.studentId, status: 'accepted', reason: null },
        { entry: 3, file: '2026级/1班/2144010601_01_张小明.jpg', studentId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', status: 'rejected', reason: '图像为 100 × 123 像素，至少须 154 × 189 像素' },
        { entry: 4, file: '2026级/1班/王芳.png', studentId: null, status: 'unmatched', reason: '文件名应为 18 位身份证件号，或“学校标识码_班号_姓名”' },
        { entry: 5, file: '../evil.jpg', studentId: null, status: 'refused', reason: '文件路径不安全 (绝对路径、盘符或含“..”)，未读取' },
      ],
      nextCursor: null,
    },
  },
  getStats: {
    response: {
      orgId: EXAMPLE_SCHOOL.orgId,
      kind: 'school',
      name: EXAMPLE_SCHOOL.name,
      counts: {
        students: 326,
        byStatus: { enrolled: 324, leave: 2 },
        byGrade: { '2024': 108, '2025': 110, '2026': 108 },
        byGender: { '1': 170, '2': 156 },
        byEthnicity: { '01': 318, '08': 5, '15': 3 },
        special: { migrant: 41, leftBehind: 6, orphan: 1, disability: 2 },
        openProblems: { total: 2, byKind: { badIdNumber: 1, possibleDuplicate: 1 } },
        pendingCases: { total: 3, byType: { transfer: 2, leave: 1 } },
      },
      children: [
        {
          orgId: `${EXAMPLE_SCHOOL.orgId}-G2026`,
          kind: 'grade',
          name: '2026级',
          counts: {
            students: 108,
            byStatus: { enrolled: 108 },
            byGrade: { '2026': 108 },
            byGender: { '1': 57, '2': 51 },
            byEthnicity: { '01': 106, '08': 2 },
            special: { migrant: 14, leftBehind: 2, orphan: 0, disability: 1 },
            openProblems: { total: 1, byKind: { badIdNumber: 1 } },
            pendingCases: { total: 1, byType: { transfer: 1 } },
          },
        },
      ],
    },
  },
};
