// Per-user rate limits on lookups: enrolment answers whether an ID number is enrolled (and where,
// as far as scope allows), and search finds a record by ID or national number, so a script could
// probe a county's children one number at a time. Each caller (token subject) gets fixed-window
// counters in DynamoDB, one conditional ADD per window, so the limit holds across every Lambda
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

/** Counts one lookup for the caller; throws 429 when any window is full. */
export async function admitLookup(principal: Principal, now = Date.now()): Promise<void> {
  lookupLimits ??= parseLimits(process.env.RATE_LIMIT_LOOKUP);
  const table = tableName(THROTTLE_TABLE);
  const full = await Promise.all(
    lookupLimits.map(async (window) => {
      const start = Math.floor(now / 1000 / window.seconds) * window.seconds;
      try {
        await dynamo.send(
          new UpdateCommand({
            TableName: table,
            Key: { PK: `lookup#${window.seconds}#${start}#${principal.userId}` },
            UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expires)',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':one': 1, ':limit': window.count, ':expires': start + window.seconds + 60 },
          }),
        );
        return undefined;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return start + window.seconds - Math.floor(now / 1000);
        throw error;
      }
    }),
  );
  const waits = full.filter((wait): wait is number => wait !== undefined);
  if (waits.length > 0) {
    const wait = Math.max(...waits);
    throw new ApiError(429, 'RATE_LIMITED', `查询过于频繁，请 ${wait >= 3600 ? `${Math.ceil(wait / 3600)} 小时` : wait >= 60 ? `${Math.ceil(wait / 60)} 分钟` : `${wait} 秒`}后再试；批量注册请使用导入功能`, [], { 'retry-after': String(wait) });
  }
}
