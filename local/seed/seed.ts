// Writes the demo directory once: a marker item records that seeding finished, so a restart
// keeps (and does not duplicate) the data, and a crash mid-seed simply seeds again.
import { BatchWriteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DIRECTORY_TABLE, RECORDS_TABLE } from '#shared/manifest/app-manifest.ts';
import { devUserKey, orgItem, userItem } from '#shared/data/directory-repo.ts';
import { auditItem } from '#shared/data/audit.ts';
import { newStudentItems } from '#shared/data/student-repo.ts';
import { enrolmentChanges } from '#shared/domain/student.ts';
import type { Org } from '#shared/domain/org.ts';
import { demoDirectory } from './demo-directory.ts';
import { demoStudents } from './demo-students.ts';

const MARKER = { PK: 'META', SK: 'SEED#directory' };

const PARALLEL_BATCHES = 8;

async function batchPut(client: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let pending = { [table]: batch.map((Item) => ({ PutRequest: { Item } })) };
      while (Object.keys(pending).length > 0) {
        const result = await client.send(new BatchWriteCommand({ RequestItems: pending }));
        pending = (result.UnprocessedItems ?? {}) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_BATCHES }, worker));
}

export interface SeedResult {
  seeded: boolean;
  orgs: number;
  users: number;
  students: number;
}

export async function seedDemoData(client: DynamoDBDocumentClient, options: { students: number }): Promise<SeedResult> {
  const table = DIRECTORY_TABLE;
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: MARKER }));
  const directory = demoDirectory();
  const classes = directory.orgs.filter((org) => org.kind === 'class');
  const grades = new Map<string, Org>(directory.orgs.filter((org) => org.kind === 'grade').map((org) => [org.orgId, org]));
  const { records, jCounters } = demoStudents(classes, grades, options.students);
  if (Item) return { seeded: false, orgs: directory.orgs.length, users: directory.users.length, students: Number(Item.students ?? 0) };

  if (records.length > 0) console.warn(`正在写入演示数据 (${records.length} 名学生)…`);
  // Student records first, each with the same items an enrolment writes and its history entry.
  const actor = { userId: 'system', displayName: '演示数据', role: 'system' };
  await batchPut(client, RECORDS_TABLE, [
    ...records.flatMap((record) => {
      // The history entry lists what was entered, as for a real enrolment (not the system fields).
      const { studentId, nationalStudentNo: _n, schoolId: _s, gradeId: _g, grade: _gr, countyId: _c, orgPath: _o, version: _v, createdAt, updatedAt: _u, ...entered } = record;
      return [
        ...newStudentItems(record),
        auditItem(RECORDS_TABLE, { entity: { type: 'STUDENT', id: studentId }, actor, action: 'enrol', changes: enrolmentChanges(entered) }, new Date(createdAt)).Put!.Item!,
      ];
    }),
    ...[...jCounters].map(([key, next]) => ({ PK: `NSNSEQ#J${key}`, SK: 'COUNTER', next })),
  ]);
  // Each demo student user is linked to the first record of its class.
  const firstOfClass = new Map<string, string>();
  for (const record of records) if (!firstOfClass.has(record.classId)) firstOfClass.set(record.classId, record.studentId);

  await batchPut(client, table, [
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
  ]);
  await client.send(new PutCommand({ TableName: table, Item: { ...MARKER, at: new Date().toISOString(), students: records.length } }));
  return { seeded: true, orgs: directory.orgs.length, users: directory.users.length, students: records.length };
}
