// List cursors: DynamoDB's LastEvaluatedKey, sealed with AES-256-GCM under the deployment's cursor
// key. The keys hold student names, and cursors travel in URLs and access logs, so a cursor is
// opaque; it is also tamper-proof, expires after a day, and is bound to the partition it pages
// (the partition is the cipher's additional data), so a cursor of another class or school fails.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { badRequest } from '#shared/http/api-error.ts';

export type Key = Record<string, string>;

const LIFETIME_MS = 24 * 60 * 60 * 1000;
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cipherKey: Buffer | undefined;

/** The AES key, derived from CURSOR_KEY (a secret of the deployment; locally kept in the data folder). */
function key(): Buffer {
  if (!cipherKey) {
    const secret = process.env.CURSOR_KEY;
    if (!secret) throw new Error('CURSOR_KEY is not set');
    cipherKey = createHash('sha256').update(secret).digest();
  }
  return cipherKey;
}

/** The attributes of a LastEvaluatedKey: the table's keys, plus the index's when querying one. */
export const keyAttributes = (index?: string): string[] => (index ? ['PK', 'SK', `${index}PK`, `${index}SK`] : ['PK', 'SK']);

export function encodeCursor(lastKey: Record<string, unknown> | undefined, partition: string, now = Date.now()): string | null {
  if (!lastKey) return null;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key(), iv).setAAD(Buffer.from(partition, 'utf8'));
  const sealed = Buffer.concat([cipher.update(JSON.stringify({ k: lastKey, t: now }), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, partition: string, keys: string[], now = Date.now()): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = badRequest('INVALID_CURSOR', '分页游标无效或已过期，请从第一页重新查询', [{ path: 'cursor', code: 'invalid_cursor', message: '分页游标无效或已过期' }]);
  let decoded: unknown;
  try {
    const raw = Buffer.from(cursor, 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) throw invalid;
    const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, IV_BYTES)).setAAD(Buffer.from(partition, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    decoded = JSON.parse(Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8'));
  } catch {
    throw invalid;
  }
  const { k: lastKey, t: issued } = (decoded ?? {}) as { k?: unknown; t?: unknown };
  if (typeof issued !== 'number' || now - issued > LIFETIME_MS || typeof lastKey !== 'object' || lastKey === null) throw invalid;
  const entries = Object.entries(lastKey);
  // Sealed by us, so well formed; checked anyway, as a key of another shape would make a 5xx.
  if (entries.length !== keys.length || !entries.every(([name, value]) => keys.includes(name) && typeof value === 'string' && value !== '')) throw invalid;
  return Object.fromEntries(entries) as Key;
}
