// Writes the demo data once: a marker item records that seeding finished, so a restart keeps
// (and does not duplicate) the data, and a crash mid-seed simply seeds again.
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DIRECTORY_TABLE, RECORDS_TABLE } from '#shared/manifest/app-manifest.ts';
import { devUserKey, orgItem, userItem } from '#shared/data/directory-repo.ts';
import { auditItem } from '#shared/data/audit.ts';
import { registrationItem } from '#shared/data/registration-repo.ts';
import { newStudentItems } from '#shared/data/student-repo.ts';
import { enrolmentChanges, type StudentRecord } from '#shared/domain/student.ts';
import type { Org } from '#shared/domain/org.ts';
import { COLLEGE, COLLEGE_STUDENTS, collegeDirectory, collegeRegistration, collegeTeaching } from './demo-college.ts';
import { demoDirectory, devSubject, type DemoDirectory } from './demo-directory.ts';
import { demoStudents } from './demo-students.ts';

const MARKER = { PK: 'META', SK: 'SEED#directory' };
// The demo college came later: its own marker, so data seeded before it gets the college on the next start.
const COLLEGE_MARKER = { PK: 'META', SK: 'SEED#college' };

// Items go in TransactWriteItems requests of up to 100 items, never splitting a student: DynamoDB
// Local commits (and syncs to disk) every item of a BatchWriteItem separately, but a transaction
// once, which halves the time to seed 2,000 students. It applies all writes on one SQLite thread,
// so two requests in flight keep it busy; more only compete for the CPU.
const TRANSACTION_ITEMS = 100;
const PARALLEL_REQUESTS = 2;

type Item = Record<string, unknown>;

interface Chunk {
  table: string;
  items: Item[];
  /** Students whose items this chunk completes. */
  students: number;
}

/** Packs groups of items (a group stays in one transaction) into chunks of at most 100 items. */
function chunks(table: string, groups: Item[][], studentGroups: boolean): Chunk[] {
  const result: Chunk[] = [];
  let current: Chunk | undefined;
  for (const group of groups) {
    if (!current || current.items.length + group.length > TRANSACTION_ITEMS) {
      current = { table, items: [], students: 0 };
      result.push(current);
    }
    current.items.push(...group);
    if (studentGroups) current.students += 1;
  }
  return result;
}

async function writeChunks(client: DynamoDBDocumentClient, pending: Chunk[], written: (chunk: Chunk) => void): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < pending.length) {
      const chunk = pending[next++]!;
      try {
        await client.send(new TransactWriteCommand({ TransactItems: chunk.items.map((Item) => ({ Put: { TableName: chunk.table, Item } })) }));
      } catch (error) {
        failed = true;
        throw error;
      }
      written(chunk);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_REQUESTS, pending.length) }, worker));
}

/** A UUID-shaped value fixed per student, so seeding again after a crash overwrites its history entry. */
function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const actor = { userId: 'system', displayName: '演示数据', role: 'system' };

/** A student's items: the same items an enrolment writes, and its history entry. */
function studentItems(record: StudentRecord): Item[] {
  // The history entry lists what was entered, as for a real enrolment (not the system fields).
  const { studentId, nationalStudentNo: _n, schoolId: _s, gradeId: _g, grade: _gr, countyId: _c, orgPath: _o, version: _v, createdAt, updatedAt: _u, ...entered } = record;
  const history = auditItem(RECORDS_TABLE, { entity: { type: 'STUDENT', id: studentId }, actor, action: 'enrol', changes: enrolmentChanges(entered) }, new Date(createdAt)).Put!.Item!;
  return [...newStudentItems(record), { ...history, SK: String(history.SK).replace(/[^#]+$/, stableUuid(`demo-history#${studentId}`)) }];
}

function directoryItems(directory: DemoDirectory, records: StudentRecord[]): Item[] {
  // Each demo student user is linked to the first record of its class.
  const firstOfClass = new Map<string, string>();
  for (const record of records) if (!firstOfClass.has(record.classId)) firstOfClass.set(record.classId, record.studentId);
  return [
    ...directory.orgs.map(orgItem),
    ...directory.users.map(({ subject: _subject, ...principal }) => {
      const studentId = principal.role === 'student' ? firstOfClass.get(principal.orgId) : undefined;
      return userItem(studentId ? { ...principal, studentId } : principal);
    }),
    ...directory.users.map((user) => ({
      ...devUserKey(user.username),
      itemType: 'devUser',
      username: user.username,
      subject: user.subject,
      role: user.role,
      orgId: user.orgId,
      displayName: user.displayName,
    })),
  ];
}

export interface SeedResult {
  seeded: boolean;
  orgs: number;
  users: number;
  students: number;
}

export interface SeedProgress {
  /** Students written so far. */
  students: number;
  total: number;
}

export async function seedDemoData(
  client: DynamoDBDocumentClient,
  options: { students: number; onProgress?: (progress: SeedProgress) => void },
): Promise<SeedResult> {
  const { Item: marker } = await client.send(new GetCommand({ TableName: DIRECTORY_TABLE, Key: MARKER }));
  const directory = demoDirectory();
  const college = collegeDirectory(directory.orgs.find((org) => org.orgId === COLLEGE.county)!, devSubject);
  const orgs = directory.orgs.length + college.orgs.length;
  const users = directory.users.length + college.users.length;
  if (marker) {
    await seedCollegeRegistration(client);
    const written = await seedCollege(client, college);
    return { seeded: written > 0, orgs, users, students: Number(marker.students ?? 0) + (written || COLLEGE_STUDENTS) };
  }

  const classes = directory.orgs.filter((org) => org.kind === 'class');
  const grades = new Map<string, Org>(directory.orgs.filter((org) => org.kind === 'grade').map((org) => [org.orgId, org]));
  const { records, jCounters } = demoStudents(classes, grades, options.students);
  // The small directory first, then the students, then the J-number counters; the marker last.
  const pending = [
    ...chunks(DIRECTORY_TABLE, directoryItems(directory, records).map((item) => [item]), false),
    ...chunks(RECORDS_TABLE, records.map(studentItems), true),
    ...chunks(RECORDS_TABLE, [...jCounters].map(([key, next]) => [{ PK: `NSNSEQ#J${key}`, SK: 'COUNTER', next }]), false),
  ];
  let students = 0;
  options.onProgress?.({ students, total: records.length });
  await writeChunks(client, pending, (chunk) => {
    if (chunk.students === 0) return;
    students += chunk.students;
    options.onProgress?.({ students, total: records.length });
  });
  await client.send(new PutCommand({ TableName: DIRECTORY_TABLE, Item: { ...MARKER, at: new Date().toISOString(), students: records.length } }));
  await seedCollegeRegistration(client);
  const written = await seedCollege(client, college);
  return { seeded: true, orgs, users, students: records.length + written };
}

/** The demo college with its students, teaching and grades, once; answers how many students it wrote. */
async function seedCollege(client: DynamoDBDocumentClient, college: DemoDirectory): Promise<number> {
  const { Item: marker } = await client.send(new GetCommand({ TableName: DIRECTORY_TABLE, Key: COLLEGE_MARKER }));
  if (marker) return 0;
  const classes = college.orgs.filter((org) => org.kind === 'class');
  const grades = new Map<string, Org>(college.orgs.filter((org) => org.kind === 'grade').map((org) => [org.orgId, org]));
  const { records, jCounters } = demoStudents(classes, grades, COLLEGE_STUDENTS, { seed: 20260902, idPrefix: 'demo-zy-', entryAge: 15 });
  const teaching = collegeTeaching(college.orgs, college.users, records);
  await writeChunks(
    client,
    [
      ...chunks(DIRECTORY_TABLE, [...directoryItems(college, records), ...teaching.directory].map((item) => [item]), false),
      ...chunks(RECORDS_TABLE, records.map(studentItems), true),
      ...chunks(RECORDS_TABLE, [...jCounters].map(([key, next]) => [{ PK: `NSNSEQ#J${key}`, SK: 'COUNTER', next }]), false),
      ...chunks(RECORDS_TABLE, teaching.records.map((item) => [item]), false),
    ],
    () => undefined,
  );
  await client.send(new PutCommand({ TableName: DIRECTORY_TABLE, Item: { ...COLLEGE_MARKER, at: new Date().toISOString(), students: records.length } }));
  return records.length;
}

/**
 * The college's 学信网 registration settings, unless it has some: they came after the college, so
 * data seeded before gets them on the next start, and settings a registrar changed stay.
 */
async function seedCollegeRegistration(client: DynamoDBDocumentClient): Promise<void> {
  const item = registrationItem(COLLEGE.id, { ...collegeRegistration(), updatedAt: new Date().toISOString(), updatedBy: actor.displayName });
  try {
    await client.send(new PutCommand({ TableName: RECORDS_TABLE, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * Prints seeding progress, e.g. `正在写入演示数据: 学生 600/2000 (30%)`: on a terminal one line
 * rewritten in place, otherwise a line at every further 10 %.
 */
export function printSeedProgress(stream: NodeJS.WriteStream = process.stderr): (progress: SeedProgress) => void {
  const started = Date.now();
  let printedStep = -1;
  let printedAt = 0;
  return ({ students, total }) => {
    if (total === 0) return;
    const percent = Math.floor((students * 100) / total);
    const done = students >= total;
    const line = `正在写入演示数据: 学生 ${students}/${total} (${percent}%)${done ? `，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒` : ''}`;
    if (stream.isTTY) {
      if (!done && Date.now() - printedAt < 200) return;
      printedAt = Date.now();
      stream.write(`\r\x1b[K${line}${done ? '\n' : ''}`);
      return;
    }
    const step = Math.floor(percent / 10);
    if (step === printedStep) return;
    printedStep = step;
    stream.write(`${line}\n`);
  };
}
