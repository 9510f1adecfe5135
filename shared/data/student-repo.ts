// Data access for student records (records table). One record item per student, plus the items
// that keep invariants and serve lookups without Scan:
//   STUDENT#<id> / RECORD           the record (GSI1 class roster, GSI2 school by name, GSI3 county by name)
//   STUDENT#<id> / AUDIT#...        its history (audit writer)
//   IDNO#<type>#<number> / UNIQUE   one record per ID number in the whole deployment
//   NSN#<number> / UNIQUE           one record per national student number
//   PERSON#<name>#<sex>#<birth> / STUDENT#<id>   likely-duplicate lookup for students without ID
//   GUARDIANID#<number> / STUDENT#<id>     a guardian's ID number: how a transfer finds a child without household registration
import { BatchGetCommand, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import type { RecordStatus } from '#shared/domain/changes/kinds.ts';
import { auditPartition, type TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { decodeCursor, encodeCursor, keyAttributes } from './cursor.ts';
import { STUDENT_ROW_FIELDS } from './projections.ts';
import { tableName } from './resource-names.ts';
import { queryPage, type PageRequest } from './query-page.ts';

export const studentKey = (studentId: string) => ({ PK: `STUDENT#${studentId}`, SK: 'RECORD' });
export const idNumberKey = (idType: string, idNumber: string) => ({ PK: `IDNO#${idType}#${idNumber}`, SK: 'UNIQUE' });
export const nationalNoKey = (number: string) => ({ PK: `NSN#${number}`, SK: 'UNIQUE' });
export const personPartition = (name: string, gender: string, birthDate: string) => `PERSON#${name}#${gender}#${birthDate}`;
const guardianPartition = (idNumber: string) => `GUARDIANID#${idNumber}`;

const table = () => tableName(RECORDS_TABLE);

/** The roster sorts by class seat number, then name; students without a seat come last. */
export function indexKeys(record: Pick<StudentRecord, 'classId' | 'schoolId' | 'countyId' | 'classSeatNo' | 'name' | 'studentId'>): Record<string, string> {
  const seat = record.classSeatNo ? record.classSeatNo.padStart(3, '0') : '~~~';
  return {
    GSI1PK: `CLASS#${record.classId}`,
    GSI1SK: `${seat}#${record.name}#${record.studentId}`,
    GSI2PK: `SCHOOL#${record.schoolId}`,
    GSI2SK: `${record.name}#${record.studentId}`,
    GSI3PK: `COUNTY#${record.countyId}`,
    GSI3SK: `${record.name}#${record.studentId}`,
  };
}

export interface Pointer {
  studentId: string;
  schoolId: string;
  countyId: string;
  orgPath: string;
}

const pointer = (record: StudentRecord): Pointer => ({ studentId: record.studentId, schoolId: record.schoolId, countyId: record.countyId, orgPath: record.orgPath });

/** Every item a new record consists of; the same shapes for an enrolment and for the demo seed. */
export function newStudentItems(record: StudentRecord): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [
    { ...studentKey(record.studentId), itemType: 'student', ...indexKeys(record), ...record },
    { ...nationalNoKey(record.nationalStudentNo), itemType: 'nsn', ...pointer(record) },
    { PK: personPartition(record.name, record.gender, record.birthDate), SK: `STUDENT#${record.studentId}`, itemType: 'person', hasId: Boolean(record.idNumber), ...pointer(record) },
  ];
  if (record.idNumber) items.push({ ...idNumberKey(record.idType, record.idNumber), itemType: 'idno', ...pointer(record) });
  // After the ID item, so an enrolment's item positions stay fixed (enrol.ts reads them).
  for (const idNumber of new Set(record.guardians.flatMap((guardian) => (guardian.idNumber ? [guardian.idNumber] : [])))) {
    items.push({ PK: guardianPartition(idNumber), SK: `STUDENT#${record.studentId}`, itemType: 'guardianId', ...pointer(record) });
  }
  return items;
}

/**
 * The record's lookup items (national number, person, ID number) after it moved school or its key
 * fields changed: old keys no longer valid are deleted, the rest written again with the new place;
 * a new national or ID number must not be taken (its Put fails the transaction).
 */
export function lookupItemWrites(before: StudentRecord, after: StudentRecord): TransactItem[] {
  const [, ...oldItems] = newStudentItems(before);
  const [, ...newItems] = newStudentItems(after);
  const keyOf = (item: Record<string, unknown>) => `${item.PK as string}|${item.SK as string}`;
  const kept = new Set(oldItems.map(keyOf));
  const fresh = new Set(newItems.map(keyOf));
  return [
    ...oldItems.filter((item) => !fresh.has(keyOf(item))).map((item): TransactItem => ({ Delete: { TableName: table(), Key: { PK: item.PK, SK: item.SK } } })),
    ...newItems.map((Item): TransactItem => ({ Put: { TableName: table(), Item, ...(kept.has(keyOf(Item)) ? {} : { ConditionExpression: 'attribute_not_exists(PK)' }) } })),
  ];
}

/** Transaction items for an enrolment; each must not exist yet. Order: record, NSN, person, [ID]. */
export function enrolmentWrites(record: StudentRecord): TransactItem[] {
  return newStudentItems(record).map((Item) => ({ Put: { TableName: table(), Item, ConditionExpression: 'attribute_not_exists(PK)' } }));
}

function toRecord(item: Record<string, unknown>): StudentRecord {
  const { PK: _pk, SK: _sk, itemType: _type, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, GSI3PK: _e, GSI3SK: _f, ...record } = item;
  return record as unknown as StudentRecord;
}

export async function getStudent(studentId: string): Promise<StudentRecord | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: studentKey(studentId), ConsistentRead: true }));
  return Item ? toRecord(Item) : undefined;
}

export async function findByIdNumber(idType: string, idNumber: string): Promise<Pointer | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: idNumberKey(idType, idNumber), ConsistentRead: true }));
  return Item as Pointer | undefined;
}

export async function findByNationalNo(number: string): Promise<Pointer | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: nationalNoKey(number) }));
  return Item as Pointer | undefined;
}

export async function likelyDuplicates(name: string, gender: string, birthDate: string): Promise<(Pointer & { hasId: boolean })[]> {
  const { Items } = await dynamo.send(
    new QueryCommand({ TableName: table(), KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': personPartition(name, gender, birthDate) }, Limit: 20 }),
  );
  return (Items ?? []) as (Pointer & { hasId: boolean })[];
}

/** The records holding any of these ID numbers (a bulk intake's rows, 100 at a time), by `${idType}#${idNumber}`. */
export async function findByIdNumbers(ids: { idType: string; idNumber: string }[]): Promise<Map<string, Pointer>> {
  const found = new Map<string, Pointer>();
  let keys: Record<string, unknown>[] = ids.map((id) => idNumberKey(id.idType, id.idNumber));
  for (let attempt = 0; keys.length > 0; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
    const { Responses, UnprocessedKeys } = await dynamo.send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: keys, ConsistentRead: true } } }));
    for (const item of Responses?.[table()] ?? []) found.set((item.PK as string).slice('IDNO#'.length), item as unknown as Pointer);
    keys = (UnprocessedKeys?.[table()]?.Keys ?? []) as Record<string, unknown>[];
  }
  return found;
}

/** The records whose guardians include this ID number. */
export async function findByGuardianIdNumber(idNumber: string): Promise<Pointer[]> {
  const { Items } = await dynamo.send(new QueryCommand({ TableName: table(), KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': guardianPartition(idNumber) }, Limit: 20 }));
  return (Items ?? []) as Pointer[];
}

/**
 * The next number of a sequence kept as a counter item (`next` = the last one given), and the write
 * that takes it: it commits in the enrolment's own transaction, only if nobody took the number in
 * between, so a refused enrolment leaves no gap and two racing ones never share a number.
 */
export async function claimNext(key: { PK: string; SK: string }): Promise<{ value: number; take: TransactItem }> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
  const last = Item ? Number(Item.next) : 0;
  const value = last + 1;
  return {
    value,
    take: {
      Put: {
        TableName: table(),
        Item: { ...key, itemType: 'counter', next: value },
        ...(Item ? { ConditionExpression: '#next = :last', ExpressionAttributeNames: { '#next': 'next' }, ExpressionAttributeValues: { ':last': last } } : { ConditionExpression: 'attribute_not_exists(PK)' }),
      },
    },
  };
}

/** The counter of J numbers of one region and birth date. */
export const jSequenceKey = (region: string, birthDate: string) => ({ PK: `NSNSEQ#J${region}${birthDate}`, SK: 'COUNTER' });

/** What lists read of each record: the summary fields and what scope checks need, nothing personal beyond. */
export const ROW_FIELDS = STUDENT_ROW_FIELDS;
export type StudentRow = Pick<StudentRecord, (typeof ROW_FIELDS)[number]>;

export type RosterScope = { kind: 'class'; id: string } | { kind: 'school'; id: string } | { kind: 'county'; id: string };

const INDEX_OF: Record<RosterScope['kind'], { index: string; prefix: string }> = {
  class: { index: 'GSI1', prefix: 'CLASS#' },
  school: { index: 'GSI2', prefix: 'SCHOOL#' },
  county: { index: 'GSI3', prefix: 'COUNTY#' },
};

/**
 * One page of records in a class (seat, then name), school or county (by name), optionally
 * narrowed to a name prefix, a grade, record statuses (a record without one is enrolled), and
 * without deleted records. Filters may leave a page short; the cursor still moves on.
 */
export async function listStudents(
  scope: RosterScope,
  options: { namePrefix?: string | undefined; grade?: string | undefined; statuses?: readonly RecordStatus[] | undefined; includeDeleted: boolean; limit: number; cursor?: string | undefined },
): Promise<{ items: StudentRow[]; nextCursor: string | null }> {
  const { index, prefix } = INDEX_OF[scope.kind];
  const partition = `${prefix}${scope.id}`;
  const filters: string[] = [];
  const names: Record<string, string> = { '#pk': `${index}PK` };
  // Lists read only the row fields: a fraction of each record, so pages are cheap.
  ROW_FIELDS.forEach((field, i) => {
    names[`#p${i}`] = field;
  });
  const values: Record<string, unknown> = { ':pk': partition };
  let keyCondition = '#pk = :pk';
  if (options.namePrefix && scope.kind !== 'class') {
    names['#sk'] = `${index}SK`;
    values[':prefix'] = options.namePrefix;
    keyCondition += ' AND begins_with(#sk, :prefix)';
  } else if (options.namePrefix) {
    names['#name'] = 'name';
    values[':prefix'] = options.namePrefix;
    filters.push('begins_with(#name, :prefix)');
  }
  if (options.grade) {
    // A grade is named by its entry year (2026) or by its org id (<school>-G2026).
    names['#grade'] = 'grade';
    names['#gradeId'] = 'gradeId';
    values[':grade'] = options.grade;
    filters.push('(#grade = :grade OR #gradeId = :grade)');
  }
  if (options.statuses) {
    const statusFilter = statusCondition(options.statuses, names, values);
    if (statusFilter) filters.push(statusFilter);
  }
  if (!options.includeDeleted) {
    names['#deleted'] = 'deleted';
    filters.push('attribute_not_exists(#deleted)');
  }
  const input: QueryCommandInput = {
    TableName: table(),
    IndexName: index,
    KeyConditionExpression: keyCondition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    Limit: options.limit,
    ProjectionExpression: ROW_FIELDS.map((_, i) => `#p${i}`).join(', '),
    ExclusiveStartKey: decodeCursor(options.cursor, `${table()}/${index}/${partition}`, keyAttributes(index)),
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
  };
  const result = await dynamo.send(new QueryCommand(input));
  return { items: (result.Items ?? []) as StudentRow[], nextCursor: encodeCursor(result.LastEvaluatedKey, `${table()}/${index}/${partition}`) };
}

/** A filter on record statuses; records written before statuses existed have none and are enrolled. */
function statusCondition(statuses: readonly RecordStatus[], names: Record<string, string>, values: Record<string, unknown>): string | undefined {
  names['#status'] = 'status';
  const placeholders = statuses.map((status, index) => {
    values[`:st${index}`] = status;
    return `:st${index}`;
  });
  if (placeholders.length === 0) return undefined;
  const listed = `#status IN (${placeholders.join(', ')})`;
  return statuses.includes('enrolled') ? `(attribute_not_exists(#status) OR ${listed})` : listed;
}

/**
 * Every record of a class, a school or a county (a school's narrowed to one grade), not deleted, of
 * `statuses`, in full: the index gives the ids (a page of keys at a time), then the records are
 * read a hundred at a time. For jobs (an export of a school's records), never a request path.
 */
export async function recordsIn(scope: RosterScope, options: { gradeId?: string | undefined; statuses: readonly RecordStatus[] }): Promise<StudentRecord[]> {
  const { index, prefix } = INDEX_OF[scope.kind];
  const names: Record<string, string> = { '#pk': `${index}PK`, '#deleted': 'deleted', '#id': 'studentId' };
  const values: Record<string, unknown> = { ':pk': `${prefix}${scope.id}` };
  const filters = ['attribute_not_exists(#deleted)'];
  const status = statusCondition(options.statuses, names, values);
  if (status) filters.push(status);
  if (options.gradeId) {
    names['#gradeId'] = 'gradeId';
    values[':gradeId'] = options.gradeId;
    filters.push('#gradeId = :gradeId');
  }
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: table(), IndexName: index, KeyConditionExpression: '#pk = :pk', FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names, ExpressionAttributeValues: values, ProjectionExpression: '#id', ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) ids.push(item.studentId as string);
    start = page.LastEvaluatedKey;
  } while (start);
  return getStudents(ids);
}

/** Records by id, a hundred a request (what a batch read takes), in no particular order; missing ones left out. */
export async function getStudents(studentIds: string[]): Promise<StudentRecord[]> {
  const records: StudentRecord[] = [];
  for (let from = 0; from < studentIds.length; from += 100) {
    let keys: Record<string, unknown>[] = studentIds.slice(from, from + 100).map(studentKey);
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      const { Responses, UnprocessedKeys } = await dynamo.send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: keys } } }));
      for (const item of Responses?.[table()] ?? []) records.push(toRecord(item));
      keys = (UnprocessedKeys?.[table()]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return records;
}

/** A roster row with the index key it was read at, so a batch can go on after any row. */
export type RosterRow = StudentRow & { key: Record<string, string> };

const ROSTER_KEYS = ['PK', 'SK', 'GSI1PK', 'GSI1SK'] as const;

/**
 * One page of a class roster for batch work (year-end jobs): every record, deleted and off-roll
 * ones too (the caller decides), with its index key, after `after` (a row's key).
 */
export async function rosterPage(classId: string, page: { limit: number; after?: Record<string, string> | undefined }): Promise<{ rows: RosterRow[]; lastKey: Record<string, string> | undefined }> {
  const fields = [...ROW_FIELDS, ...ROSTER_KEYS];
  const names = Object.fromEntries(fields.map((field, index) => [`#p${index}`, field]));
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'GSI1',
      KeyConditionExpression: '#p_pk = :pk',
      ExpressionAttributeNames: { ...names, '#p_pk': 'GSI1PK' },
      ExpressionAttributeValues: { ':pk': `CLASS#${classId}` },
      ProjectionExpression: fields.map((_, index) => `#p${index}`).join(', '),
      Limit: page.limit,
      ExclusiveStartKey: page.after,
    }),
  );
  const rows = (result.Items ?? []).map((item) => {
    const { PK, SK, GSI1PK, GSI1SK, ...row } = item as Record<string, unknown>;
    return { ...(row as StudentRow), key: { PK, SK, GSI1PK, GSI1SK } as Record<string, string> };
  });
  return { rows, lastKey: result.LastEvaluatedKey as Record<string, string> | undefined };
}

/** How many records of a class have one of `statuses` and are not deleted (a COUNT query: no rows travel). */
export async function countInClass(classId: string, statuses: readonly RecordStatus[]): Promise<number> {
  const names: Record<string, string> = { '#pk': 'GSI1PK', '#deleted': 'deleted' };
  const values: Record<string, unknown> = { ':pk': `CLASS#${classId}` };
  const filter = [statusCondition(statuses, names, values), 'attribute_not_exists(#deleted)'].filter(Boolean).join(' AND ');
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: table(), IndexName: 'GSI1', KeyConditionExpression: '#pk = :pk', FilterExpression: filter, ExpressionAttributeNames: names, ExpressionAttributeValues: values, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

export interface HistoryEntry {
  at: string;
  actor: { userId: string; displayName: string; role: string };
  action: string;
  changes: { field: string; old: unknown; new: unknown }[];
  reason?: string;
  changeId?: string;
}

export async function studentHistory(studentId: string, page: PageRequest): Promise<{ items: HistoryEntry[]; nextCursor: string | null }> {
  const result = await queryPage(
    { table: table(), partitionKey: 'PK', partition: auditPartition({ type: 'STUDENT', id: studentId }), sortPrefix: { key: 'SK', value: 'AUDIT#' }, newestFirst: true },
    page,
  );
  return {
    items: result.items.map((item) => ({
      at: item.at as string,
      actor: item.actor as HistoryEntry['actor'],
      action: item.action as string,
      changes: item.changes as HistoryEntry['changes'],
      ...(item.reason ? { reason: item.reason as string } : {}),
      ...(item.changeId ? { changeId: item.changeId as string } : {}),
    })),
    nextCursor: result.nextCursor,
  };
}

/**
 * The record as a committed `recordUpdate` left it: the write was conditional on the version
 * read, so the stored item is exactly that record plus the update, without another read.
 */
export function afterUpdate(record: StudentRecord, set: Record<string, unknown>): StudentRecord {
  return toRecord({ ...record, ...set, version: record.version + 1 });
}

/** A conditional update of the record: only from `expectedVersion`, bumping the version. */
export function recordUpdate(studentId: string, expectedVersion: number, set: Record<string, unknown>, remove: string[] = []): TransactItem {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1 };
  const assignments = Object.entries(set).map(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:v${index}`] = value;
    return `#f${index} = :v${index}`;
  });
  const removals = remove.map((field, index) => {
    names[`#r${index}`] = field;
    return `#r${index}`;
  });
  return {
    Update: {
      TableName: table(),
      Key: studentKey(studentId),
      UpdateExpression: `SET ${[...assignments, '#version = #version + :one'].join(', ')}${removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Records that the student confirmed this version; not a change of the record, so no new version. */
export function confirmationUpdate(studentId: string, confirmation: { at: string; version: number }): TransactItem {
  return {
    Update: {
      TableName: table(),
      Key: studentKey(studentId),
      UpdateExpression: 'SET confirmation = :confirmation',
      ConditionExpression: 'attribute_exists(PK) AND #version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':confirmation': confirmation, ':version': confirmation.version },
    },
  };
}
