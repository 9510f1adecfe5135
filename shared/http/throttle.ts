// Per-user rate limits on lookups: enrolment answers whether an ID number is enrolled (and where,
// as far as scope allows), and search finds a record by ID or national number, so a script could
// probe a county's children one number at a time. Each caller (token subject) gets fixed-window
// counters in DynamoDB, all counted by one conditional ADD, so the limit holds across every Lambda
// container and is exact under concurrency. Limits come from RATE_LIMIT_LOOKUP as
// "count/seconds" windows, default 30 a minute and 600 a day; over a limit answers 429 with
// Retry-After. (API Gateway's stage throttling limits the whole API, not one user; WAF cannot
// sit in front of an HTTP API, and a per-user key needs the verified subject anyway.)
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/data/dynamo-client.ts';
import { tableName } from '#shared/data/resource-names.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { THROTTLE_TABLE } from '#shared/manifest/resources.ts';
import { ApiError } from './api-error.ts';
import { parseLimits, type Window } from './rate-limits.ts';

let lookupLimits: Window[] | undefined;

/**
 * Counts one lookup for the caller; throws 429 when any window is full. All windows in one
 * conditional update: the item of the caller's current longest window holds a counter per
 * window (named by the window's start), so a lookup costs one write, however many windows.
 */
export async function admitLookup(principal: Principal, now = Date.now()): Promise<void> {
  lookupLimits ??= parseLimits(process.env.RATE_LIMIT_LOOKUP);
  const seconds = Math.floor(now / 1000);
  const longest = Math.max(...lookupLimits.map((window) => window.seconds));
  const itemStart = Math.floor(seconds / longest) * longest;
  const windows = lookupLimits.map((window, i) => ({ ...window, i, start: Math.floor(seconds / window.seconds) * window.seconds }));
  const names = Object.fromEntries(windows.map((w) => [`#w${w.i}`, `c${w.seconds}_${w.start}`]));
  const values: Record<string, unknown> = { ':one': 1, ':expires': itemStart + longest + 60 };
  for (const w of windows) values[`:limit${w.i}`] = w.count;
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName(THROTTLE_TABLE),
        Key: { PK: `lookup#${longest}#${itemStart}#${principal.userId}` },
        UpdateExpression: `ADD ${windows.map((w) => `#w${w.i} :one`).join(', ')} SET expiresAt = if_not_exists(expiresAt, :expires)`,
        ConditionExpression: windows.map((w) => `(attribute_not_exists(#w${w.i}) OR #w${w.i} < :limit${w.i})`).join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const counts = (error.Item ?? {}) as Record<string, { N?: string }>;
    const full = windows.filter((w) => Number(counts[`c${w.seconds}_${w.start}`]?.N ?? 0) >= w.count);
    const wait = Math.max(1, ...full.map((w) => w.start + w.seconds - seconds));
    throw new ApiError(429, 'RATE_LIMITED', `查询过于频繁，请 ${wait >= 3600 ? `${Math.ceil(wait / 3600)} 小时` : wait >= 60 ? `${Math.ceil(wait / 60)} 分钟` : `${wait} 秒`}后再试；批量注册请使用导入功能`, [], { 'retry-after': String(wait) });
  }
}
