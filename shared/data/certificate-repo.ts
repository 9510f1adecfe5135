// Graduation certificate numbers (毕业证书编号) in the records table:
//   CHSICERTSEQ#<prefix> / COUNTER     a sequence (institution code, type, year, level): `next` = the last number given
//   CHSICERT#<studentId> / CERTIFICATE  a student's number, given once and kept
// Numbers are taken in transactions of up to 100 items: the counter moved on from the value read,
// and each student's item written only if the student has none. So a number is given only with
// its student's item (no gaps), never twice (the counter's condition), and a student never gets a
// second one (the item's condition), however many exports of a grade run at once.
import { BatchGetCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { certificateNo, MAX_SEQUENCE } from '#shared/domain/exports/chsi-certificate.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);
export const certificateKey = (studentId: string) => ({ PK: `CHSICERT#${studentId}`, SK: 'CERTIFICATE' });
export const certificateCounterKey = (prefix: string) => ({ PK: `CHSICERTSEQ#${prefix}`, SK: 'COUNTER' });

export interface StoredCertificate {
  studentId: string;
  certificateNo: string;
  /** The graduation date the number was given for (yyyyMMdd): the file shows it, so the year in the number always agrees. */
  graduatedOn: string;
  issuedAt: string;
}

export interface CertificateClaim {
  studentId: string;
  graduatedOn: string;
}

/** The counter and up to 99 students' items: DynamoDB's limit of 100 items a transaction. */
const STUDENTS_PER_TRANSACTION = 99;
/** Lost races in a row before giving up (the job's message is then delivered again). */
const MAX_CONFLICTS = 40;

/** A sequence has given all its six digits' numbers. */
export class SequenceExhausted extends Error {
  constructor(prefix: string) {
    super(`certificate sequence ${prefix} exhausted`);
    this.name = 'SequenceExhausted';
  }
}

const toCertificate = (item: Record<string, unknown>): StoredCertificate => ({
  studentId: item.studentId as string,
  certificateNo: item.certificateNo as string,
  graduatedOn: item.graduatedOn as string,
  issuedAt: item.issuedAt as string,
});

/** The students' numbers, read consistently (a number just given by another export is seen), a hundred keys a request. */
export async function getCertificates(studentIds: string[]): Promise<Map<string, StoredCertificate>> {
  const found = new Map<string, StoredCertificate>();
  for (let from = 0; from < studentIds.length; from += 100) {
    let keys: Record<string, unknown>[] = studentIds.slice(from, from + 100).map(certificateKey);
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt > 0) await pause(attempt);
      const { Responses, UnprocessedKeys } = await dynamo.send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of Responses?.[table()] ?? []) found.set(item.studentId as string, toCertificate(item));
      keys = (UnprocessedKeys?.[table()]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}

/** Jittered exponential backoff, at most about a second. */
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 10 * 2 ** attempt) * (0.5 + Math.random())));

/** One transaction: the next numbers of the sequence for these students, or false when another export got there first. */
async function tryTake(prefix: string, students: CertificateClaim[], at: string): Promise<StoredCertificate[] | false> {
  const key = certificateCounterKey(prefix);
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
  const last = Item ? Number(Item.next) : 0;
  if (last + students.length > MAX_SEQUENCE) throw new SequenceExhausted(prefix);
  const certificates = students.map((student, index) => ({ studentId: student.studentId, certificateNo: certificateNo(prefix, last + index + 1)!, graduatedOn: student.graduatedOn, issuedAt: at }));
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table(),
              Item: { ...key, itemType: 'counter', next: last + students.length },
              ...(Item ? { ConditionExpression: '#next = :last', ExpressionAttributeNames: { '#next': 'next' }, ExpressionAttributeValues: { ':last': last } } : { ConditionExpression: 'attribute_not_exists(PK)' }),
            },
          },
          ...certificates.map((certificate) => ({
            Put: { TableName: table(), Item: { ...certificateKey(certificate.studentId), itemType: 'chsiCertificate', prefix, ...certificate }, ConditionExpression: 'attribute_not_exists(PK)' },
          })),
        ],
      }),
    );
    return certificates;
  } catch (error) {
    // The counter moved, a student was numbered meanwhile, or the transactions collided: read again.
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/**
 * The certificate of each student: the one it has, or the next number of the sequence `prefix`,
 * in the order given. Students numbered meanwhile by another export keep that number.
 */
export async function takeCertificates(prefix: string, students: CertificateClaim[], at: string): Promise<Map<string, StoredCertificate>> {
  const given = new Map<string, StoredCertificate>();
  let pending = students;
  let conflicts = 0;
  while (pending.length > 0) {
    const batch = pending.slice(0, STUDENTS_PER_TRANSACTION);
    const taken = await tryTake(prefix, batch, at);
    if (taken) {
      for (const certificate of taken) given.set(certificate.studentId, certificate);
      pending = pending.slice(batch.length);
      conflicts = 0;
      continue;
    }
    conflicts += 1;
    if (conflicts >= MAX_CONFLICTS) throw new Error(`certificate sequence ${prefix}: ${conflicts} conflicts in a row`);
    await pause(conflicts);
    const meanwhile = await getCertificates(batch.map((student) => student.studentId));
    for (const [studentId, certificate] of meanwhile) given.set(studentId, certificate);
    pending = pending.filter((student) => !meanwhile.has(student.studentId));
  }
  return given;
}
