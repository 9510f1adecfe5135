// Problem records (问题学籍) in the records table:
//   PROBLEM#<id> / PROBLEM                         the problem (shared/domain/problems/problem.ts)
//   PROBLEM#<id> / AUDIT#...                       its history (audit writer)
//   PROBLEM#<id> / EVIDENCE, EVIDENCE#<id>         its evidence files (evidence-repo.ts)
//   PROBLEMS#<orgId> / Q#<status>#<kind>#<since>#<id>   the problem in a school's or county's queue, as listed
//   PROBLEMS#<orgId> / COUNTS                      that queue's counts per status and kind
// The queue entries and counts change in the transaction that changes the problem, so lists and
// counts always agree with it. A problem's id follows from its kind and records, so a scan that
// finds it again finds the same item, and the item's condition keeps it one.
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { PROBLEM_KINDS, PROBLEM_STATUSES, type ProblemKind, type ProblemStatus } from '#shared/domain/problems/kinds.ts';
import type { Problem } from '#shared/domain/problems/problem.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { queryPage, type PageRequest } from './query-page.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);

export const problemKey = (problemId: string) => ({ PK: `PROBLEM#${problemId}`, SK: 'PROBLEM' });
/** The partition of a problem's evidence files (evidence-repo.ts). */
export const problemOwner = (problemId: string) => problemKey(problemId).PK;
const queuePartition = (orgId: string) => `PROBLEMS#${orgId}`;
const entryPrefix = (status: ProblemStatus, kind?: ProblemKind) => `Q#${status}#${kind ? `${kind}#` : ''}`;
const entryKey = (orgId: string, problem: Pick<Problem, 'status' | 'kind' | 'since' | 'problemId'>) => ({ PK: queuePartition(orgId), SK: `${entryPrefix(problem.status, problem.kind)}${problem.since}#${problem.problemId}` });
const countsKey = (orgId: string) => ({ PK: queuePartition(orgId), SK: 'COUNTS' });
const countName = (status: ProblemStatus, kind: ProblemKind) => `${status}_${kind}`;

/** The same kind about the same records is the same problem, whatever scan finds it, in whatever order. */
export function problemIdOf(kind: ProblemKind, studentIds: readonly string[]): string {
  return createHash('sha256').update([kind, ...[...studentIds].sort()].join('\n')).digest('hex').slice(0, 32);
}

/** A digest of the values a finding rests on (shared/domain/problems/detect.ts `basisOf`): kept without the ID number or name. */
export const basisDigest = (basis: string): string => createHash('sha256').update(basis).digest('base64url');

const counted = (orgId: string, add: readonly (readonly [status: ProblemStatus, kind: ProblemKind, by: number])[]): TransactItem => ({
  Update: {
    TableName: table(),
    Key: countsKey(orgId),
    UpdateExpression: `SET itemType = :type ADD ${add.map((_, index) => `#c${index} :n${index}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(add.map(([status, kind], index) => [`#c${index}`, countName(status, kind)])),
    ExpressionAttributeValues: { ':type': 'problemCounts', ...Object.fromEntries(add.map(([, , by], index) => [`:n${index}`, by])) },
  },
});

const entryPut = (orgId: string, problem: Problem): TransactItem => ({ Put: { TableName: table(), Item: { ...entryKey(orgId, problem), itemType: 'problemEntry', ...problem } } });

/** A new problem in its queues, counted; fails its condition (item 0) when the problem exists already. */
export function problemCreateWrites(problem: Problem): TransactItem[] {
  return [
    { Put: { TableName: table(), Item: { ...problemKey(problem.problemId), itemType: 'problem', ...problem }, ConditionExpression: 'attribute_not_exists(PK)' } },
    ...problem.queues.map((orgId) => entryPut(orgId, problem)),
    ...problem.queues.map((orgId) => counted(orgId, [[problem.status, problem.kind, 1]])),
  ];
}

/** The problem as it was read (`before`) becomes `after` (settled, or open again), only from that version; its entries move and the counts follow. */
export function problemMoveWrites(before: Problem, after: Problem): TransactItem[] {
  return [
    {
      Put: {
        TableName: table(),
        Item: { ...problemKey(after.problemId), itemType: 'problem', ...after },
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': before.version },
      },
    },
    ...before.queues.map((orgId): TransactItem => ({ Delete: { TableName: table(), Key: entryKey(orgId, before) } })),
    ...after.queues.map((orgId) => entryPut(orgId, after)),
    ...[...new Set([...before.queues, ...after.queues])].map((orgId) =>
      counted(orgId, [...(before.queues.includes(orgId) ? [[before.status, before.kind, -1] as const] : []), ...(after.queues.includes(orgId) ? [[after.status, after.kind, 1] as const] : [])]),
    ),
  ];
}

/** Holds while the problem is open: what adding its evidence rests on. */
export const problemOpen = (problemId: string): TransactItem => ({
  ConditionCheck: { TableName: table(), Key: problemKey(problemId), ConditionExpression: '#status = :open', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':open': 'open' } },
});

function toProblem(item: Record<string, unknown>): Problem {
  const { PK: _pk, SK: _sk, itemType: _type, ...problem } = item;
  return problem as unknown as Problem;
}

export async function getProblem(problemId: string): Promise<Problem | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: problemKey(problemId), ConsistentRead: true }));
  return Item ? toProblem(Item) : undefined;
}

/** One page of a school's or county's queue: of one status, optionally one kind; by kind, then oldest first. */
export async function queuePage(orgId: string, filter: { status: ProblemStatus; kind?: ProblemKind | undefined }, page: PageRequest): Promise<{ items: Problem[]; nextCursor: string | null }> {
  const result = await queryPage({ table: table(), partitionKey: 'PK', partition: queuePartition(orgId), sortPrefix: { key: 'SK', value: entryPrefix(filter.status, filter.kind) } }, page);
  return { items: result.items.map(toProblem), nextCursor: result.nextCursor };
}

export type ProblemCounts = Record<ProblemStatus, Record<ProblemKind, number>>;

/** A queue's counts per status and kind (zero where nothing was ever counted). */
export async function queueCounts(orgId: string): Promise<ProblemCounts> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: countsKey(orgId) }));
  const count = (status: ProblemStatus, kind: ProblemKind) => Number(Item?.[countName(status, kind)] ?? 0);
  return Object.fromEntries(PROBLEM_STATUSES.map((status) => [status, Object.fromEntries(PROBLEM_KINDS.map((kind) => [kind, count(status, kind)]))])) as ProblemCounts;
}
