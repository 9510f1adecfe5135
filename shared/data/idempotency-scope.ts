// The Idempotency-Key of the request being served, if any, and what its first committed write must
// carry: the write flips the key's record from "in progress" to "committed" in the same
// transaction, on condition that this request still holds the key. So a request whose lease ran
// out while another copy took over can never commit a second effect, and a committed effect is
// never run again.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TransactItem } from './audit.ts';

export interface HeldKey {
  table: string;
  key: { PK: string; SK: string };
  lockId: string;
  /** Set once the marker went into a transaction; later writes of the request don't repeat it. */
  committed?: boolean;
}

const scope = new AsyncLocalStorage<HeldKey>();

export const withHeldKey = <T>(held: HeldKey, run: () => Promise<T>): Promise<T> => scope.run(held, run);

export const heldKey = (): HeldKey | undefined => scope.getStore();

/** Raised when the key's record no longer belongs to this request (its lease ran out). */
export class KeyLost extends Error {
  constructor() {
    super('idempotency key taken over by another request');
    this.name = 'KeyLost';
  }
}

/** The marker to add to the request's first transaction, naming what it created (its first item). */
export function committedMarker(items: TransactItem[]): { item: TransactItem; held: HeldKey } | undefined {
  const held = scope.getStore();
  if (!held || held.committed) return undefined;
  const first = items[0];
  const created = (first?.Put?.Item ?? first?.Update?.Key) as { PK: string; SK: string } | undefined;
  return {
    held,
    item: {
      Update: {
        TableName: held.table,
        Key: held.key,
        UpdateExpression: 'SET #status = :committed, created = :created',
        ConditionExpression: '#status = :inProgress AND lockId = :lock',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':committed': 'COMMITTED', ':inProgress': 'IN_PROGRESS', ':lock': held.lockId, ':created': created ? { PK: created.PK, SK: created.SK } : null },
      },
    },
  };
}
