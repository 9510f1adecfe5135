// The lookup limit's windows, in this process against the stack's DynamoDB Local: every window
// counts in the same single write, a full short window refuses until it ends, a full long one
// until the day ends, and another caller is not affected.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useStackDynamo } from '../support/stack-dynamo.ts';
import { THROTTLE_TABLE } from '#shared/manifest/resources.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type * as ThrottleModule from '#shared/http/throttle.ts';

let admitLookup: typeof ThrottleModule.admitLookup;
beforeAll(async () => {
  useStackDynamo([THROTTLE_TABLE], { RATE_LIMIT_LOOKUP: '2/60,3/86400' });
  ({ admitLookup } = await import('#shared/http/throttle.ts'));
});

describe('lookup windows', () => {
  it('refuse a full minute until it ends and a full day until it ends, per caller', async () => {
    const caller = { userId: `local|probe-${randomUUID()}` } as Principal;
    const day = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    const at = (ms: number) => day + ms;
    await admitLookup(caller, at(1_000));
    await admitLookup(caller, at(2_000));
    await expect(admitLookup(caller, at(30_000))).rejects.toMatchObject({ status: 429, headers: { 'retry-after': '30' } });
    await admitLookup(caller, at(61_000));
    await expect(admitLookup(caller, at(125_000))).rejects.toMatchObject({ status: 429, headers: { 'retry-after': String(86_400 - 125) } });
    await admitLookup({ userId: `local|other-${randomUUID()}` } as Principal, at(125_000));
  });
});
