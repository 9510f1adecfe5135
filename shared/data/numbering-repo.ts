// A school's numbering scheme (学号编排) and its counters, in the records table beside the records
// they number: NUMBERING#<schoolId> / SCHEME and SCHOOLNO#<schoolId>#<prefix> / COUNTER.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { NumberingScheme } from '#shared/domain/school-numbering.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';
import { TtlCache } from './ttl-cache.ts';

const table = () => tableName(RECORDS_TABLE);
const schemeKey = (schoolId: string) => ({ PK: `NUMBERING#${schoolId}`, SK: 'SCHEME' });
export const schoolNumberCounterKey = (schoolId: string, prefix: string) => ({ PK: `SCHOOLNO#${schoolId}#${prefix}`, SK: 'COUNTER' });

export interface StoredScheme extends NumberingScheme {
  updatedAt: string;
  updatedBy: string;
}

// Every enrolment asks; a scheme changes a few times a year. A minute's delay is acceptable, and
// the container that changed it forgets it at once.
const cache = new TtlCache<{ scheme: StoredScheme | null }>(60_000);

export async function getScheme(schoolId: string): Promise<StoredScheme | null> {
  const entry = await cache.get(schoolId, async () => {
    const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: schemeKey(schoolId), ConsistentRead: true }));
    if (!Item) return { scheme: null };
    const { PK: _pk, SK: _sk, itemType: _type, ...scheme } = Item;
    return { scheme: scheme as StoredScheme };
  });
  return entry?.scheme ?? null;
}

/** The scheme's write (committed with its audit entry); forget the cached one after it commits. */
export function schemeWrite(schoolId: string, scheme: StoredScheme): TransactItem {
  return { Put: { TableName: table(), Item: { ...schemeKey(schoolId), itemType: 'numberingScheme', ...scheme } } };
}

export function forgetScheme(schoolId: string): void {
  cache.forget(schoolId);
}
