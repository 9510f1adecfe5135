// Status-change cases (学籍异动) in the records table. The case item is the truth; the others are
// kept in the same transactions as the case moves, so each list is one Query on one partition:
//   CHANGE#<id> / CASE                       the case, written under its version
//   STUDENT#<sid> / OPENCASE                 at most one open case per student (every kind moves the record)
//   OPENCASES#<schoolId> / <changeId>        a school's open cases (year-end batches wait for them)
//   TASKS#<orgId> / <since>#<changeId>       the step waiting for an organisation (待办业务), GSI1 DUE#<day>
//   CASES#<orgId> / <createdAt>#<changeId>   cases an organisation filed or has been reached by
//   CASES#STUDENT#<sid> / <createdAt>#<id>   a student's cases
//   OUTBOX / <at>#<changeId>#<step>          an approval whose message the queue has not processed yet
import { BatchGetCommand, DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StatusChange } from '#shared/domain/changes/case.ts';
import { LEAVES_RECORD, type ChangeType } from '#shared/domain/changes/kinds.ts';
import type { Role } from '#shared/domain/roles.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { queryPage, type PageRequest } from './query-page.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);

export const caseKey = (changeId: string) => ({ PK: `CHANGE#${changeId}`, SK: 'CASE' });
const openCaseKey = (studentId: string) => ({ PK: `STUDENT#${studentId}`, SK: 'OPENCASE' });
const schoolOpenKey = (schoolId: string, changeId: string) => ({ PK: `OPENCASES#${schoolId}`, SK: changeId });
const taskKey = (orgId: string, since: string, changeId: string) => ({ PK: `TASKS#${orgId}`, SK: `${since}#${changeId}` });
const caseRefKey = (owner: string, change: Pick<StatusChange, 'createdAt' | 'changeId'>) => ({ PK: `CASES#${owner}`, SK: `${change.createdAt}#${change.changeId}` });
export const OUTBOX_PARTITION = 'OUTBOX';
const outboxKey = (at: string, changeId: string, step: number) => ({ PK: OUTBOX_PARTITION, SK: `${at}#${changeId}#${step}` });

const put = (Item: Record<string, unknown>, ConditionExpression?: string): TransactItem => ({ Put: { TableName: table(), Item, ...(ConditionExpression ? { ConditionExpression } : {}) } });
const remove = (Key: Record<string, unknown>): TransactItem => ({ Delete: { TableName: table(), Key } });

/** A new case; refused if the id exists. */
export const casePut = (change: StatusChange): TransactItem => put({ ...caseKey(change.changeId), itemType: 'change', ...change }, 'attribute_not_exists(PK)');

/** The case after a move, only over the version it was read at. */
export function caseReplace(change: StatusChange, readVersion: number): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: { ...caseKey(change.changeId), itemType: 'change', ...change },
      ConditionExpression: '#version = :read',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':read': readVersion },
    },
  };
}

/** A grade correction's hold: one open correction per student and section (the grade it corrects). */
const openCorrectionKey = (change: StatusChange) => ({ PK: `OPENFIX#${change.studentId}#${String(change.request.sectionId)}`, SK: 'HOLD' });

/**
 * The receiving side of a transfer from another province holds the national student number it
 * asks for (the record is not here yet): one open request per student, whichever school files it.
 */
const incomingKey = (change: StatusChange) => ({ PK: `OPENCASE#NSN#${String(change.request.nationalStudentNo)}`, SK: 'HOLD' });
const isIncoming = (change: StatusChange) => change.remote?.side === 'receiving';

/**
 * Holds the student's one open case, and lists it among the school's open cases (a year-end batch
 * waits for them); fails (ConditionalCheckFailed, first item) while another is open. A kind that
 * leaves the record where it is (a grade correction) holds only the grade it corrects; a transfer
 * from another province only the national number it asks for (the receiving school's batches do
 * not wait for a student who is not there yet).
 */
export const openCaseHold = (change: StatusChange): TransactItem[] =>
  isIncoming(change)
    ? [put({ ...incomingKey(change), itemType: 'openIncoming', changeId: change.changeId }, 'attribute_not_exists(PK)')]
    : LEAVES_RECORD.includes(change.type)
      ? [put({ ...openCorrectionKey(change), itemType: 'openCorrection', changeId: change.changeId }, 'attribute_not_exists(PK)')]
      : [
          put({ ...openCaseKey(change.studentId), itemType: 'openCase', changeId: change.changeId, type: change.type }, 'attribute_not_exists(PK)'),
          put({ ...schoolOpenKey(change.schoolId, change.changeId), itemType: 'schoolOpenCase', changeId: change.changeId, type: change.type, studentId: change.studentId, studentName: change.studentName, createdAt: change.createdAt }),
        ];

export const openCaseRelease = (change: StatusChange): TransactItem[] =>
  isIncoming(change)
    ? [remove(incomingKey(change))]
    : LEAVES_RECORD.includes(change.type)
      ? [remove(openCorrectionKey(change))]
      : [remove(openCaseKey(change.studentId)), remove(schoolOpenKey(change.schoolId, change.changeId))];

/** Fails a transaction (ConditionalCheckFailed) while the student has an open case: a year-end batch leaves such a record alone. */
export const noOpenCase = (studentId: string): TransactItem => ({ ConditionCheck: { TableName: table(), Key: openCaseKey(studentId), ConditionExpression: 'attribute_not_exists(PK)' } });

/** The current step as a task of its organisation, oldest first. */
export function taskPut(change: StatusChange): TransactItem {
  const step = change.steps[change.currentStep]!;
  const since = step.startedAt!;
  return put({
    ...taskKey(step.orgId, since, change.changeId),
    itemType: 'task',
    // GSI1 by due day: the daily deadline run finds the tasks that fell overdue.
    GSI1PK: `DUE#${step.dueBy}`,
    GSI1SK: `${step.orgId}#${change.changeId}`,
    changeId: change.changeId,
    type: change.type,
    studentName: change.studentName,
    stepRole: step.role,
    step: change.currentStep,
    since,
    dueBy: step.dueBy,
  });
}

/** The current step's task, once it is decided (or the case ends). */
export function taskDelete(change: StatusChange): TransactItem {
  const step = change.steps[change.currentStep]!;
  return remove(taskKey(step.orgId, step.startedAt!, change.changeId));
}

/** Lists the case for an organisation (the applicant's, or a party's once its step is reached) or the student. */
export const caseRefPut = (owner: string, change: StatusChange): TransactItem =>
  put({ ...caseRefKey(owner, change), itemType: 'caseRef', changeId: change.changeId, type: change.type, studentId: change.studentId });

export const studentCasesOwner = (studentId: string) => `STUDENT#${studentId}`;
/** The cases a person filed (a teacher's grade corrections). */
export const userCasesOwner = (userId: string) => `USER#${userId}`;

/** An approved step on its way to the queue (also the message body). */
export interface OutboxEntry {
  changeId: string;
  studentId: string;
  step: number;
  at: string;
}

export const outboxPut = (entry: OutboxEntry): TransactItem => put({ ...outboxKey(entry.at, entry.changeId, entry.step), itemType: 'outbox', ...entry });
export const outboxDelete = (entry: OutboxEntry): TransactItem => remove(outboxKey(entry.at, entry.changeId, entry.step));

/** Forgets a message whose step was already processed. */
export async function deleteOutboxEntry(entry: OutboxEntry): Promise<void> {
  await dynamo.send(new DeleteCommand({ TableName: table(), Key: outboxKey(entry.at, entry.changeId, entry.step) }));
}

function toCase(item: Record<string, unknown>): StatusChange {
  const { PK: _pk, SK: _sk, itemType: _type, ...change } = item;
  return change as unknown as StatusChange;
}

export async function getCase(changeId: string): Promise<StatusChange | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: caseKey(changeId), ConsistentRead: true }));
  return Item ? toCase(Item) : undefined;
}

export async function getCases(changeIds: string[]): Promise<StatusChange[]> {
  if (changeIds.length === 0) return [];
  const found = new Map<string, StatusChange>();
  // BatchGet takes 100 keys; a page of cases is at most that after the caller's limit.
  let keys: Record<string, unknown>[] | undefined = [...new Set(changeIds)].map(caseKey);
  while (keys && keys.length > 0) {
    const result = await dynamo.send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: keys, ConsistentRead: true } } }));
    for (const item of result.Responses?.[table()] ?? []) {
      const change = toCase(item);
      found.set(change.changeId, change);
    }
    keys = result.UnprocessedKeys?.[table()]?.Keys as Record<string, unknown>[] | undefined;
  }
  return changeIds.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
}

/** The case a student has open, if any. */
export async function openCaseOf(studentId: string): Promise<string | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: openCaseKey(studentId), ConsistentRead: true }));
  return Item?.changeId as string | undefined;
}

export interface SchoolOpenCase {
  changeId: string;
  type: string;
  studentId: string;
  studentName: string;
  createdAt: string;
}

/** Every open case of a school (a year-end batch lists them when it must wait). */
export async function schoolOpenCases(schoolId: string): Promise<SchoolOpenCase[]> {
  const items: SchoolOpenCase[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({ TableName: table(), KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': `OPENCASES#${schoolId}` }, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const { changeId, type, studentId, studentName, createdAt } of page.Items ?? []) items.push({ changeId, type, studentId, studentName, createdAt } as SchoolOpenCase);
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export interface Task {
  changeId: string;
  type: ChangeType;
  studentName: string;
  stepRole: Role;
  step: number;
  since: string;
  dueBy: string;
}

/** One page of an organisation's tasks, oldest first. */
export async function listTasks(orgId: string, page: PageRequest): Promise<{ items: Task[]; nextCursor: string | null }> {
  const result = await queryPage({ table: table(), partitionKey: 'PK', partition: `TASKS#${orgId}` }, page);
  return { items: result.items as unknown as Task[], nextCursor: result.nextCursor };
}

/** How many tasks of each kind wait for an organisation (a few hundred at most: one Query reading only the type). */
export async function countTasks(orgId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: table(), KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': `TASKS#${orgId}` }, ProjectionExpression: '#type', ExpressionAttributeNames: { '#type': 'type' }, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) counts[item.type as string] = (counts[item.type as string] ?? 0) + 1;
    start = page.LastEvaluatedKey;
  } while (start);
  return counts;
}

/** One page of the cases listed for an organisation or a student, newest first. */
export async function listCaseRefs(owner: string, page: PageRequest): Promise<{ changeIds: string[]; nextCursor: string | null }> {
  const result = await queryPage({ table: table(), partitionKey: 'PK', partition: `CASES#${owner}`, newestFirst: true }, page);
  return { changeIds: result.items.map((item) => item.changeId as string), nextCursor: result.nextCursor };
}

/** Approvals older than `before` whose message has not been processed: the sweeper sends them again. */
export async function staleOutbox(before: string, limit: number): Promise<OutboxEntry[]> {
  const { Items } = await dynamo.send(
    new QueryCommand({ TableName: table(), KeyConditionExpression: 'PK = :p AND SK < :before', ExpressionAttributeValues: { ':p': OUTBOX_PARTITION, ':before': before }, Limit: limit, ConsistentRead: true }),
  );
  return (Items ?? []).map(({ changeId, studentId, step, at }) => ({ changeId, studentId, step, at }) as OutboxEntry);
}

/** Tasks due on a day (GSI1; its projection carries the table keys, which hold the organisation and case). */
export async function tasksDueOn(day: string): Promise<{ PK: string; SK: string }[]> {
  const keys: { PK: string; SK: string }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({ TableName: table(), IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :d', ExpressionAttributeValues: { ':d': `DUE#${day}` }, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) keys.push({ PK: item.PK as string, SK: item.SK as string });
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}

/** Flags a task overdue, and the step on the case, unless it was decided meanwhile. */
export async function markOverdue(task: { PK: string; SK: string }): Promise<void> {
  const changeId = task.SK.split('#')[1]!;
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({ TableName: table(), Key: task, UpdateExpression: 'SET overdue = :yes', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeValues: { ':yes': true }, ReturnValues: 'ALL_NEW' }),
    );
    const step = Attributes?.step as number;
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: caseKey(changeId),
        UpdateExpression: `SET steps[${step}].overdue = :yes`,
        ConditionExpression: 'currentStep = :step AND #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':yes': true, ':step': step, ':pending': 'pending' },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}
