// Term-end grade submission (期末登分): a school's whole term of grades submitted at once, sheet by
// sheet, through the HTTP API, against raw writes of the same items on the same DynamoDB Local,
// measured in the same run:
//   the API   per sheet, as the section's teacher: PUT /v1/sections/{id}/grades with every
//             student of the class in one request (the draft), then POST .../grades/submit (locks
//             the sheet and writes each student's grade in one transaction)
//   batch     per sheet, from this process, BatchWriteItem (25 items a request, one after another)
//             of the items those two requests write: the draft sheet and its audit entry; then the
//             submitted sheet, each student's grade item (the feature's own item builders) and the
//             submit's audit entry. The issue's baseline; but DynamoDB Local commits (and syncs)
//             each item of a BatchWriteItem on its own and a transaction's items once (see
//             local/seed/seed.ts), so here it is no floor: hence also
//   txn       the same items as the feature commits them: one TransactWriteItems for the save and
//             one for the submit, without conditions or reads
// A round is `sheets` sheets (a school's classes × courses), at most `concurrency` in flight in
// every flow, until the last is done; with more rounds the order of the flows rotates. A submitted
// sheet is locked, so each API round has sections of a term of its own; the raw flows write their
// sheets and grades under terms of their own too (they read nothing, so need no sections).
// Afterwards, untimed, every API sheet is read back through the API (submitted, every grade as
// sent) and a sample of students' grades of each term, or the bench fails.
//
// Setup, untimed: a school of the bench's own under 天河区 (demo data stays as it is), made by
// tianhe-admin with its registrar; the registrar makes its teachers, grades, classes, courses and
// the sections (each with a teacher, no slots, so no double bookings) through the API; the
// students are written straight into DynamoDB Local, the items an enrolment writes (as the demo
// seed writes them).
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { RunningStack } from '#local/child-stack.ts';
import { useStackDynamo } from './local-env.ts';
import type { SheetItem } from '#shared/data/grade-repo.ts';
import { checkCharacter } from '#shared/domain/id-number.ts';
import type { Grade } from '#shared/domain/grades/sheet.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { RECORDS_TABLE } from '#shared/manifest/app-manifest.ts';
import { percentile } from './load.ts';

export interface GradesOptions {
  /** Timed rounds per flow. */
  rounds: number;
  /** Sheets per round: the school's classes × `courses`. */
  sheets: number;
  /** Grades per round (about): sets how many students each class has. */
  grades: number;
  /** Sheets in flight at once, in either flow. */
  concurrency: number;
}

const COUNTY = '440106';
const COUNTY_PATH = '/440000/440100/440106';
const COUNTY_ADMIN = 'tianhe-admin';
/** A school identifier no demo school uses (they are 2144010601, 3144010602 and 4144010603). */
const SCHOOL = '4144010690';
const REGISTRAR = 'bench-grades-registrar';
/** Teachers of the school: each teaches every TEACHERS-th section. */
const TEACHERS = 30;
const CLASSES_PER_GRADE = 25;
const COURSES = [
  { code: 'YW01', name: '语文', credits: 4 },
  { code: 'SX01', name: '数学', credits: 4 },
  { code: 'YY01', name: '英语', credits: 4 },
  { code: 'JSJ01', name: '计算机应用基础', credits: 3 },
  { code: 'KJ01', name: '会计基础', credits: 3 },
  { code: 'TY01', name: '体育与健康', credits: 2 },
];
/** BatchWriteItem's limit. */
const BATCH_ITEMS = 25;
/** Students' items per transaction while they are written (a student's never split), two in flight, as the demo seed. */
const SEED_TRANSACTION_ITEMS = 100;
const SEED_PARALLEL = 2;
/** Students whose grades of every term are read back through the API. */
const SAMPLE_STUDENTS = 60;

const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs `count` tasks, at most `concurrency` at a time; the failures' messages. */
async function pool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<string[]> {
  let next = 0;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: Math.min(count, concurrency) }, async () => {
      while (next < count) {
        const index = next++;
        await task(index).catch((error: unknown) => failures.push(errorText(error)));
      }
    }),
  );
  return failures;
}

async function all(what: string, count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  const failures = await pool(count, concurrency, task);
  if (failures.length > 0) throw new Error(`bench grades: ${failures.length} of ${count} ${what} failed; first: ${failures[0]}`);
}

class Client {
  private readonly url: string;
  readonly tokens = new Map<string, string>();

  constructor(url: string) {
    this.url = url;
  }

  async call<T>(status: number, user: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.tokens.get(user) ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status !== status) throw new Error(`${method} ${path} as ${user}: ${response.status} ${text.slice(0, 300)}`);
    if (!(response.headers.get('content-type') ?? '').includes('json')) throw new Error(`${method} ${path} as ${user}: ${response.headers.get('content-type') ?? ''} ${text.slice(0, 100)}`);
    return JSON.parse(text) as T;
  }
}

interface Klass {
  classId: string;
  gradeId: string;
  entryYear: number;
  orgPath: string;
  /** Its students on roll, by seat. */
  students: { studentId: string; name: string }[];
}

interface Sheet {
  sectionId: string;
  klass: Klass;
  course: (typeof COURSES)[number] & { courseId: string };
  term: string;
  teacher: string;
  teacherId: string;
  grades: Grade[];
}

/** Terms of the school years from `firstYear`, two a year: 2030-2031-1, 2030-2031-2, 2031-2032-1, … */
const termOf = (firstYear: number, index: number) => `${firstYear + Math.floor(index / 2)}-${firstYear + Math.floor(index / 2) + 1}-${1 + (index % 2)}`;

// A deterministic grade per sheet and student: mostly scores from 55.0 to 100.0 (about one in
// nine fails), a few absent, cheating or exempt; the failed, absent and cheating ones go to the
// make-up list as well, as at a real term's end.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
function gradeOf(sectionId: string, studentId: string): Grade {
  const h = hash(`${sectionId}|${studentId}`);
  const r = h % 1000;
  if (r < 8) return { studentId, mark: 'absent' };
  if (r < 10) return { studentId, mark: 'cheating' };
  if (r < 15) return { studentId, mark: 'exempt' };
  return { studentId, score: 55 + (Math.floor(h / 1000) % 451) / 10 };
}
const sameGrade = (a: { score?: number | undefined; mark?: string | undefined }, b: Grade) => (b.mark ? a.mark === b.mark && a.score === undefined : a.score === b.score && a.mark === undefined);

// Students with valid ID numbers from a district no demo data, test of this stack or other bench
// uses (440115), unique within the run.
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '梁'];
const GIVEN = ['子涵', '欣怡', '梓轩', '浩然', '雨桐', '宇航', '思彤', '俊杰', '嘉怡', '一诺', '诗涵', '子墨', '晨曦', '家豪', '睿', '悦'];
let serial = 0;
function benchRecord(klass: Klass, seat: number): StudentRecord {
  serial += 1;
  const birth = new Date(Date.UTC(klass.entryYear - 16, 8, 1) + (serial % 365) * 86_400_000).toISOString().slice(0, 10);
  const sequence = 1 + Math.floor(serial / 365);
  const gender = sequence % 2 === 1 ? '1' : '2';
  const first17 = `440115${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  const idNumber = `${first17}${checkCharacter(first17)}`;
  const now = new Date().toISOString();
  const name = `${SURNAMES[serial % SURNAMES.length]!}${GIVEN[Math.floor(serial / SURNAMES.length) % GIVEN.length]!}`;
  return {
    studentId: randomUUID(), nationalStudentNo: `G${idNumber}`,
    name, gender, birthDate: birth, birthplace: '440106001000', nativePlace: '440100', ethnicity: '01', nationality: 'CHN',
    idType: '1', idNumber, overseasChinese: '00', health: '10', householdRegion: '440106', householdType: '2',
    classId: klass.classId, classSeatNo: String(seat), enrolledOn: `${klass.entryYear}-09`, admissionMode: '21', attendanceMode: '1',
    currentAddress: '广州市天河区', mailingAddress: '广州市天河区', homeAddress: '广州市天河区', phone: '13800138000', postcode: '510000',
    onlyChild: '1', preschool: '1', guardians: [], extra: {},
    schoolId: SCHOOL, gradeId: klass.gradeId, grade: String(klass.entryYear), countyId: COUNTY, orgPath: klass.orgPath,
    version: 1, createdAt: now, updatedAt: now,
  } as StudentRecord;
}

interface Timing {
  total: number;
  save: number;
  submit: number;
}

interface FlowTotals {
  seconds: number;
  grades: number;
  sheets: number;
  timings: Timing[];
  failures: string[];
}

export async function gradesBench(stack: RunningStack, login: (username: string) => Promise<string>, options: GradesOptions): Promise<void> {
  useStackDynamo(stack);
  // After the environment: the feature's own client and item builders, as the handlers use them.
  const { dynamo } = await import('#shared/data/dynamo-client.ts');
  const { newStudentItems } = await import('#shared/data/student-repo.ts');
  const { auditItem } = await import('#shared/data/audit.ts');
  const { sheetItem, studentGradeItem } = await import('#shared/data/grade-repo.ts');
  const { enrolmentChanges } = await import('#shared/domain/student.ts');

  const client = new Client(stack.url);
  const setupStarted = process.hrtime.bigint();
  const { concurrency } = options;
  const classCount = Math.max(1, Math.round(options.sheets / COURSES.length));
  const sheetsPerRound = classCount * COURSES.length;
  const studentCount = Math.max(classCount, Math.round(options.grades / COURSES.length));

  // The school, its registrar and teachers.
  client.tokens.set(COUNTY_ADMIN, await login(COUNTY_ADMIN));
  await client.call(201, COUNTY_ADMIN, 'POST', `/v1/orgs/${COUNTY}/children`, { code: SCHOOL, name: '广州市天河区压测职业学校' });
  await client.call(201, COUNTY_ADMIN, 'POST', '/v1/users', { username: REGISTRAR, role: 'school_registrar', orgId: SCHOOL, displayName: '压测学校教务' });
  client.tokens.set(REGISTRAR, await login(REGISTRAR));
  const teachers = Array.from({ length: TEACHERS }, (_, i) => `bench-grades-teacher-${String(i + 1).padStart(2, '0')}`);
  const teacherIds = new Map<string, string>();
  await all('teacher accounts', teachers.length, concurrency, async (i) => {
    const user = await client.call<{ userId: string }>(201, REGISTRAR, 'POST', '/v1/users', { username: teachers[i], role: 'teacher', orgId: SCHOOL, displayName: `压测任课教师${i + 1}` });
    teacherIds.set(teachers[i]!, user.userId);
    client.tokens.set(teachers[i]!, await login(teachers[i]!));
  });

  // Grades (entry years) of 25 classes each, the classes, the courses.
  const gradeCount = Math.ceil(classCount / CLASSES_PER_GRADE);
  const gradeIds = Array.from({ length: gradeCount }, (_, i) => ({ gradeId: `${SCHOOL}-G${2026 - i}`, entryYear: 2026 - i }));
  await all('grades', gradeCount, concurrency, (i) => client.call(201, REGISTRAR, 'POST', `/v1/orgs/${SCHOOL}/children`, { code: String(gradeIds[i]!.entryYear), name: `${gradeIds[i]!.entryYear}级` }));
  const classes: Klass[] = Array.from({ length: classCount }, (_, i) => {
    const { gradeId, entryYear } = gradeIds[Math.floor(i / CLASSES_PER_GRADE)]!;
    const classId = `${gradeId}-C${String((i % CLASSES_PER_GRADE) + 1).padStart(2, '0')}`;
    return { classId, gradeId, entryYear, orgPath: `${COUNTY_PATH}/${SCHOOL}/${gradeId}/${classId}`, students: [] };
  });
  await all('classes', classCount, concurrency, async (i) => {
    const klass = classes[i]!;
    const created = await client.call<{ orgId: string }>(201, REGISTRAR, 'POST', `/v1/orgs/${klass.gradeId}/children`, { code: String((i % CLASSES_PER_GRADE) + 1), name: `${klass.entryYear}级${(i % CLASSES_PER_GRADE) + 1}班` });
    if (created.orgId !== klass.classId) throw new Error(`class ${created.orgId}, expected ${klass.classId}`);
  });
  const courses = await Promise.all(
    COURSES.map(async (course) => ({ ...course, ...(await client.call<{ courseId: string }>(201, REGISTRAR, 'POST', '/v1/courses', { schoolId: SCHOOL, code: course.code, name: course.name, credits: course.credits, hours: 64, assessment: 'exam' })) })),
  );

  // The students: the items an enrolment writes (record, lookups, history entry), in transactions.
  const records = classes.flatMap((klass, c) => {
    const size = Math.floor(studentCount / classCount) + (c < studentCount % classCount ? 1 : 0);
    return Array.from({ length: size }, (_, seat) => benchRecord(klass, seat + 1));
  });
  const byClass = new Map(classes.map((klass) => [klass.classId, klass]));
  for (const record of records) byClass.get(record.classId)!.students.push({ studentId: record.studentId, name: record.name });
  const studentItems = (record: StudentRecord) => {
    const { studentId, nationalStudentNo: _n, schoolId: _s, gradeId: _g, grade: _gr, countyId: _c, orgPath: _o, version: _v, createdAt: _ca, updatedAt: _u, ...entered } = record;
    const history = auditItem(RECORDS_TABLE, { entity: { type: 'STUDENT', id: studentId }, actor: { userId: 'system', displayName: '压测数据', role: 'system' }, action: 'enrol', changes: enrolmentChanges(entered) }).Put!.Item!;
    return [...newStudentItems(record), history];
  };
  const chunks: Record<string, unknown>[][] = [];
  for (const items of records.map(studentItems)) {
    const last = chunks.at(-1);
    if (last && last.length + items.length <= SEED_TRANSACTION_ITEMS) last.push(...items);
    else chunks.push([...items]);
  }
  await all('student transactions', chunks.length, SEED_PARALLEL, async (i) => {
    await dynamo.send(new TransactWriteCommand({ TransactItems: chunks[i]!.map((Item) => ({ Put: { TableName: RECORDS_TABLE, Item } })) }));
  });

  // The sheets of a term: one per class and course, each class's grades for all its students.
  const sheetsOf = (term: string, count = sheetsPerRound): Sheet[] =>
    Array.from({ length: count }, (_, i) => {
      const klass = classes[Math.floor(i / COURSES.length)]!;
      const course = courses[i % COURSES.length]!;
      const sectionId = `${klass.classId}-T${term}-K${course.code}`;
      const teacher = teachers[i % TEACHERS]!;
      return { sectionId, klass, course, term, teacher, teacherId: teacherIds.get(teacher)!, grades: klass.students.map((s) => gradeOf(sectionId, s.studentId)) };
    });
  // Each flow's rounds, the warm-up first (two classes' sheets), in terms of their own: the API's
  // from 2030, BatchWriteItem's from 2060, the transactions' from 2090.
  const roundsFrom = (firstYear: number) =>
    Array.from({ length: options.rounds + 1 }, (_, i) => sheetsOf(termOf(firstYear, i), i === 0 ? Math.min(2 * COURSES.length, sheetsPerRound) : sheetsPerRound));
  const apiSheets = roundsFrom(2030);
  const batchSheets = roundsFrom(2060);
  const txnSheets = roundsFrom(2090);
  const apiTerms = apiSheets.map((sheets) => sheets[0]!.term);
  const sections = apiSheets.flat();
  await all('sections', sections.length, concurrency, async (i) => {
    const sheet = sections[i]!;
    const created = await client.call<{ sectionId: string }>(201, REGISTRAR, 'POST', '/v1/sections', { courseId: sheet.course.courseId, term: sheet.term, classId: sheet.klass.classId, teacherId: sheet.teacherId });
    if (created.sectionId !== sheet.sectionId) throw new Error(`section ${created.sectionId}, expected ${sheet.sectionId}`);
  });
  const setupSeconds = ms(setupStarted) / 1000;

  // One sheet through the API: the draft with every student, then the submit.
  const viaApi = async (sheet: Sheet): Promise<Timing> => {
    const started = process.hrtime.bigint();
    const path = `/v1/sections/${sheet.sectionId}/grades`;
    const draft = await client.call<{ status: string; grades: unknown[] }>(200, sheet.teacher, 'PUT', path, { grades: sheet.grades });
    if (draft.status !== 'draft' || draft.grades.length !== sheet.grades.length) throw new Error(`${path}: draft ${draft.status} with ${draft.grades.length} grades`);
    const save = ms(started);
    const submitted = await client.call<{ status: string }>(200, sheet.teacher, 'POST', `${path}/submit`);
    if (submitted.status !== 'submitted') throw new Error(`${path}/submit: ${submitted.status}`);
    const total = ms(started);
    return { total, save, submit: total - save };
  };

  // One sheet's items, raw, written by `write`: first what the save writes, then what the submit does.
  const actorOf = (sheet: Sheet) => ({ userId: sheet.teacherId, displayName: sheet.teacher, role: 'teacher' });
  const rawSheet =
    (write: (items: Record<string, unknown>[]) => Promise<void>) =>
    async (sheet: Sheet): Promise<Timing> => {
      const started = process.hrtime.bigint();
      const savedAt = new Date().toISOString();
      const draft: SheetItem = {
        sectionId: sheet.sectionId, status: 'draft', grades: sheet.grades, version: 1, updatedAt: savedAt,
        schoolId: SCHOOL, term: sheet.term, classId: sheet.klass.classId, courseId: sheet.course.courseId, courseName: sheet.course.name, credits: sheet.course.credits, teacherId: sheet.teacherId,
      };
      const entity = { type: 'SHEET', id: sheet.sectionId };
      await write([sheetItem(draft), auditItem(RECORDS_TABLE, { entity, actor: actorOf(sheet), action: 'grades.save', changes: [{ field: 'grades', old: 0, new: sheet.grades.length }] }).Put!.Item!]);
      const save = ms(started);
      const at = new Date().toISOString();
      const submitted: SheetItem = { ...draft, status: 'submitted', submittedAt: at, updatedAt: at, version: 2 };
      await write([
        sheetItem(submitted),
        ...sheet.grades.map((grade, i) => studentGradeItem(submitted, { ...grade, name: sheet.klass.students[i]!.name }, at)),
        auditItem(RECORDS_TABLE, { entity, actor: actorOf(sheet), action: 'grades.submit', changes: [{ field: 'status', old: 'draft', new: 'submitted' }] }).Put!.Item!,
      ]);
      const total = ms(started);
      return { total, save, submit: total - save };
    };
  // BatchWriteItem, 25 items a request one after another, whatever comes back unprocessed again.
  const batchWrite = async (items: Record<string, unknown>[]) => {
    for (let start = 0; start < items.length; start += BATCH_ITEMS) {
      let requests: Record<string, unknown>[] | undefined = items.slice(start, start + BATCH_ITEMS).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 1; requests && requests.length > 0; attempt += 1) {
        if (attempt > 8) throw new Error(`BatchWriteItem: ${requests.length} items still unprocessed`);
        const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [RECORDS_TABLE]: requests } }));
        requests = result.UnprocessedItems?.[RECORDS_TABLE] as Record<string, unknown>[] | undefined;
      }
    }
  };
  // The same items in the feature's commits: one TransactWriteItems for the save, one for the submit (no conditions).
  const transact = async (items: Record<string, unknown>[]) => {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items.map((Item) => ({ Put: { TableName: RECORDS_TABLE, Item } })) }));
  };

  const flows = [
    { name: 'batch', label: 'raw BatchWriteItem', run: rawSheet(batchWrite), sheets: batchSheets },
    { name: 'txn', label: 'raw transactions', run: rawSheet(transact), sheets: txnSheets },
    { name: 'api', label: 'HTTP API', run: viaApi, sheets: apiSheets },
  ] as const;
  const totals = new Map<string, FlowTotals>(flows.map((flow) => [flow.name, { seconds: 0, grades: 0, sheets: 0, timings: [], failures: [] }]));
  /** A round: every sheet of it, at most `concurrency` at once, until the last is done. */
  const round = async (flow: (typeof flows)[number], sheets: Sheet[], counted: boolean) => {
    const timings: Timing[] = [];
    const started = process.hrtime.bigint();
    let grades = 0;
    const failures = await pool(sheets.length, concurrency, async (i) => {
      timings.push(await flow.run(sheets[i]!));
      grades += sheets[i]!.grades.length;
    });
    const seconds = ms(started) / 1000;
    if (!counted) {
      if (failures.length > 0) throw new Error(`bench grades: ${flow.label} warm-up: ${failures.length} of ${sheets.length} sheets failed; first: ${failures[0]}`);
      return;
    }
    const total = totals.get(flow.name)!;
    total.seconds += seconds;
    total.sheets += timings.length;
    total.grades += grades;
    total.timings.push(...timings);
    total.failures.push(...failures);
  };

  // Warm-up (module loads, caches, connections), then the rounds, which flow goes first alternating.
  for (const flow of flows) await round(flow, flow.sheets[0]!, false);
  for (let r = 0; r < options.rounds; r += 1) {
    for (let i = 0; i < flows.length; i += 1) {
      const flow = flows[(r + i) % flows.length]!;
      await round(flow, flow.sheets[r + 1]!, true);
    }
  }

  // Afterwards, through the API: every sheet submitted with the grades sent, and a sample of
  // students' grades of every term (one per course, as sent).
  const verifyStarted = process.hrtime.bigint();
  const checked = apiSheets.flat();
  const wrongSheets = await pool(checked.length, concurrency, async (i) => {
    const sheet = checked[i]!;
    const read = await client.call<{ status: string; grades: { studentId: string; score?: number; mark?: string }[] }>(200, REGISTRAR, 'GET', `/v1/sections/${sheet.sectionId}/grades`);
    if (read.status !== 'submitted') throw new Error(`sheet ${sheet.sectionId} is ${read.status}`);
    const stored = new Map(read.grades.map((grade) => [grade.studentId, grade]));
    const wrong = sheet.grades.filter((grade) => !stored.has(grade.studentId) || !sameGrade(stored.get(grade.studentId)!, grade));
    if (wrong.length > 0 || stored.size !== sheet.grades.length) throw new Error(`sheet ${sheet.sectionId}: ${wrong.length} grades not as sent, ${stored.size} stored of ${sheet.grades.length}`);
  });
  const sample = Array.from({ length: Math.min(SAMPLE_STUDENTS, records.length) }, (_, i) => records[Math.floor((i * records.length) / Math.min(SAMPLE_STUDENTS, records.length))]!);
  const sheetsByTerm = new Map(apiTerms.map((term, i) => [term, new Map(apiSheets[i]!.map((sheet) => [sheet.sectionId, sheet]))]));
  const wrongStudents = await pool(sample.length * apiTerms.length, concurrency, async (i) => {
    const student = sample[i % sample.length]!;
    const term = apiTerms[Math.floor(i / sample.length)]!;
    const expected = [...sheetsByTerm.get(term)!.values()].filter((sheet) => sheet.klass.classId === student.classId);
    const read = await client.call<{ items: { sectionId: string; term: string; courseId: string; score?: number; mark?: string; passed: boolean }[] }>(200, REGISTRAR, 'GET', `/v1/students/${student.studentId}/grades?term=${term}`);
    if (read.items.length !== expected.length) throw new Error(`student ${student.studentId}, ${term}: ${read.items.length} grades, expected ${expected.length}`);
    for (const sheet of expected) {
      const grade = sheet.grades.find((g) => g.studentId === student.studentId)!;
      const got = read.items.find((item) => item.sectionId === sheet.sectionId);
      if (!got || got.term !== term || got.courseId !== sheet.course.courseId || !sameGrade(got, grade)) throw new Error(`student ${student.studentId}, ${sheet.sectionId}: ${JSON.stringify(got)} instead of ${JSON.stringify(grade)}`);
    }
  });
  const verifySeconds = ms(verifyStarted) / 1000;

  const summary = (name: string) => {
    const t = totals.get(name)!;
    return {
      rate: t.grades / t.seconds,
      sheetRate: t.sheets / t.seconds,
      p50: percentile(t.timings.map((x) => x.total), 50),
      p90: percentile(t.timings.map((x) => x.total), 90),
      save: percentile(t.timings.map((x) => x.save), 50),
      submit: percentile(t.timings.map((x) => x.submit), 50),
      failures: t.failures.length,
    };
  };
  const stats = new Map(flows.map((flow) => [flow.name, summary(flow.name)]));
  const api = stats.get('api')!;
  const gradesPerRound = apiSheets[1]?.reduce((sum, sheet) => sum + sheet.grades.length, 0) ?? 0;
  const f = (value: number, width: number, digits = 0) => value.toFixed(digits).padStart(width);

  console.log(`\nbench grades: a term's grades submitted at once, ${sheetsPerRound} sheets (at most ${concurrency} in flight); per sheet, as its teacher,`);
  console.log(`  PUT /v1/sections/{id}/grades (the whole class in one request), then POST .../grades/submit, against the items they`);
  console.log(`  write (the draft sheet and its audit entry; the submitted sheet, each student's grade, the audit entry) written from this`);
  console.log(`  process to the same DynamoDB Local, the same number of sheets in flight: by BatchWriteItem, ${BATCH_ITEMS} items a request one`);
  console.log(`  after another, and as the feature commits them, one TransactWriteItems for the save and one for the submit`);
  console.log(`  school ${SCHOOL}: ${classCount} classes × ${COURSES.length} courses, ${records.length} students, ${TEACHERS} teachers: ${gradesPerRound} grades a round;`);
  console.log(`  setup ${setupSeconds.toFixed(1)} s (${sections.length} sections through the API, the students written directly);`);
  console.log(`  ${options.rounds} round${options.rounds === 1 ? '' : 's'} per flow${options.rounds > 1 ? ', order rotated' : ''} (BENCH_GRADE_ROUNDS), after a warm-up of two classes' sheets each`);
  console.log(`  per sheet in ms: p50 and p90 of the whole sheet, p50 of the draft save and of the submit`);
  console.log(`  ${''.padEnd(20)}${'grades/s'.padStart(10)}${'sheets/s'.padStart(10)}${'p50'.padStart(8)}${'p90'.padStart(8)}${'save'.padStart(8)}${'submit'.padStart(8)}${'failures'.padStart(10)}`);
  for (const flow of flows) {
    const s = stats.get(flow.name)!;
    console.log(`  ${flow.label.padEnd(20)}${f(s.rate, 10)}${f(s.sheetRate, 10, 1)}${f(s.p50, 8)}${f(s.p90, 8)}${f(s.save, 8)}${f(s.submit, 8)}${f(s.failures, 10)}`);
  }
  for (const flow of flows.filter((each) => each.name !== 'api')) {
    const base = stats.get(flow.name)!;
    console.log(`  ratio HTTP ÷ ${flow.label.padEnd(19)} grades/s ×${(api.rate / base.rate).toFixed(2)}   per-sheet p50 ×${(api.p50 / base.p50).toFixed(2)}   p90 ×${(api.p90 / base.p90).toFixed(2)}`);
  }
  console.log(`  (DynamoDB Local commits each item of a BatchWriteItem on its own, a transaction's items once: see local/seed/seed.ts)`);
  console.log(`  verified through the API in ${verifySeconds.toFixed(1)} s: ${checked.length - wrongSheets.length} of ${checked.length} sheets submitted with the grades sent; ${sample.length} students' grades of ${apiTerms.length} terms${wrongStudents.length > 0 ? `: ${wrongStudents.length} wrong` : ' as sent'}`);
  const failures = [...flows.flatMap((flow) => totals.get(flow.name)!.failures), ...wrongSheets, ...wrongStudents];
  if (failures.length > 0) {
    console.log(`  failures: ${failures.length}; first: ${failures.slice(0, 3).join(' | ')}`);
    process.exitCode = 1;
  }
}
