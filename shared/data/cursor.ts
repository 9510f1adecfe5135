// Opaque list cursors: DynamoDB's LastEvaluatedKey, base64url-encoded. A cursor from a caller is
// untrusted: it must decode to string attributes and belong to the partition being listed.
import { badRequest } from '#shared/http/api-error.ts';

export type Key = Record<string, string>;

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

/** The attributes of a LastEvaluatedKey: the table's keys, plus the index's when querying one. */
export const keyAttributes = (index?: string): string[] => (index ? ['PK', 'SK', `${index}PK`, `${index}SK`] : ['PK', 'SK']);

export function decodeCursor(cursor: string | undefined, partition: { attribute: string; value: string }, keys: string[]): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = badRequest('INVALID_CURSOR', '分页游标无效，请从第一页重新查询', [
    { path: 'cursor', code: 'invalid_cursor', message: '分页游标无效' },
  ]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalid;
  const entries = Object.entries(decoded);
  const sameKeys = entries.length === keys.length && entries.every(([name, value]) => keys.includes(name) && typeof value === 'string' && value !== '');
  if (!sameKeys) throw invalid;
  const key = Object.fromEntries(entries) as Key;
  if (key[partition.attribute] !== partition.value) throw invalid;
  return key;
}
