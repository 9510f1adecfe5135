// Corrections a student proposes to its own record (校对补充), kept beside the record:
//   STUDENT#<id> / CORRECTION#<correctionId>   GSI1: CORRECTIONS#<schoolId>#<status> (registrar's queue)
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { FieldChange, TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { queryPage, type PageRequest } from './query-page.ts';
import { tableName } from './resource-names.ts';

export type CorrectionStatus = 'pending' | 'accepted' | 'rejected';

export interface Correction {
  correctionId: string;
  studentId: string;
  schoolId: string;
  orgPath: string;
  changes: FieldChange[];
  note?: string;
  status: CorrectionStatus;
  baseVersion: number;
  proposedBy: { userId: string; displayName: string };
  proposedAt: string;
  reviewedBy?: { userId: string; displayName: string };
  reviewedAt?: string;
  comment?: string;
}

const table = () => tableName(RECORDS_TABLE);
const key = (studentId: string, correctionId: string) => ({ PK: `STUDENT#${studentId}`, SK: `CORRECTION#${correctionId}` });
const queue = (schoolId: string, status: CorrectionStatus) => `CORRECTIONS#${schoolId}#${status}`;


export function correctionPut(correction: Correction): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: { ...key(correction.studentId, correction.correctionId), itemType: 'correction', GSI1PK: queue(correction.schoolId, correction.status), GSI1SK: `${correction.proposedAt}#${correction.correctionId}`, ...correction },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Closes a pending correction; fails if someone else closed it first. */
export function correctionReview(correction: Correction, status: Exclude<CorrectionStatus, 'pending'>, reviewer: { userId: string; displayName: string }, at: string, comment?: string): TransactItem {
  return {
    Update: {
      TableName: table(),
      Key: key(correction.studentId, correction.correctionId),
      UpdateExpression: 'SET #status = :status, reviewedBy = :by, reviewedAt = :at, GSI1PK = :queue' + (comment ? ', #comment = :comment' : ''),
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status', ...(comment ? { '#comment': 'comment' } : {}) },
      ExpressionAttributeValues: { ':status': status, ':by': reviewer, ':at': at, ':queue': queue(correction.schoolId, status), ':pending': 'pending', ...(comment ? { ':comment': comment } : {}) },
    },
  };
}

function toCorrection(item: Record<string, unknown>): Correction {
  const { PK: _pk, SK: _sk, itemType: _t, GSI1PK: _g, GSI1SK: _s, ...correction } = item;
  return correction as unknown as Correction;
}

export async function getCorrection(studentId: string, correctionId: string): Promise<Correction | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: key(studentId, correctionId), ConsistentRead: true }));
  return Item ? toCorrection(Item) : undefined;
}

/** A student's corrections, newest first, a page at a time. */
export async function listStudentCorrections(studentId: string, page: PageRequest): Promise<{ items: Correction[]; nextCursor: string | null }> {
  const result = await queryPage({ table: table(), partitionKey: 'PK', partition: `STUDENT#${studentId}`, sortPrefix: { key: 'SK', value: 'CORRECTION#' }, newestFirst: true }, page);
  return { items: result.items.map(toCorrection), nextCursor: result.nextCursor };
}

/** How many corrections of a school are in a status (the registrar's home shows the pending ones). */
export async function countSchoolCorrections(schoolId: string, status: CorrectionStatus): Promise<number> {
  let total = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: table(), IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :q', ExpressionAttributeValues: { ':q': queue(schoolId, status) }, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    total += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return total;
}

export async function listSchoolCorrections(schoolId: string, status: CorrectionStatus, page: PageRequest): Promise<{ items: Correction[]; nextCursor: string | null }> {
  const result = await queryPage({ table: table(), index: 'GSI1', partitionKey: 'GSI1PK', partition: queue(schoolId, status) }, page);
  return { items: result.items.map(toCorrection), nextCursor: result.nextCursor };
}
