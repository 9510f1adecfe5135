// What a running problem scan has seen, so it pairs records in one pass with no memory of its own:
// the first record of the scan with a key (an ID number, or the name, sex and birth date of a
// record without one) puts a marker; a later record with the same key finds the marker taken and
// reads who took it from the refusal itself. One conditional write per key, whatever the size of
// the table; the markers expire on their own.
//   SCANMARK#<jobId>#<digest of the key> / FIRST   the first record with the key (its summary)
// The key is digested: markers hold no ID number or name in their keys.
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';

/** Far longer than any scan runs. */
const KEEP_SECONDS = 2 * 24 * 60 * 60;

/**
 * Marks `holder` as the first record of the scan with `key`; answers the record that took the key
 * before, or undefined when `holder` is the first (also when an earlier run of the chunk marked it).
 */
export async function firstWith<T extends { studentId: string }>(jobId: string, key: string, holder: T, now = Date.now()): Promise<T | undefined> {
  const digest = createHash('sha256').update(key).digest('base64url');
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName(RECORDS_TABLE),
        Item: { PK: `SCANMARK#${jobId}#${digest}`, SK: 'FIRST', itemType: 'scanMarker', holder: JSON.stringify(holder), expiresAt: Math.floor(now / 1000) + KEEP_SECONDS },
        ConditionExpression: 'attribute_not_exists(PK)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return undefined;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // The refusal carries the item as stored, in the wire format: the holder is one string.
    const first = JSON.parse((error.Item as Record<string, { S?: string }> | undefined)?.holder?.S ?? 'null') as T | null;
    if (!first) throw new Error('scan marker taken, but the refusal did not carry it');
    return first.studentId === holder.studentId ? undefined : first;
  }
}
