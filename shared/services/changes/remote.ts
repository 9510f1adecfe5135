// A case's packets to the other province (跨省转学): the producers' side of the exchange's outbox.
// Each packet is an outbox item written in the same transaction as the change of the case that
// makes it necessary, and the case then shows it on its way (`delivery: pending`); the exchange's
// queue builds, seals and sends it (shared/services/exchange/send.ts).
import type { TransactItem } from '#shared/data/audit.ts';
import { outgoingPut, type ExchangeWork, type OutgoingPacket } from '#shared/data/exchange-outbox.ts';
import type { StatusChange } from '#shared/domain/changes/case.ts';
import { newPacketId } from '#shared/domain/exchange/packet-id.ts';

export interface WithPacket {
  /** The case, showing the packet on its way. */
  change: StatusChange;
  writes: TransactItem[];
  work: ExchangeWork[];
}

/** A packet of `change` to its other side. */
export function packetOf(change: StatusChange, kind: OutgoingPacket['kind'], params: Record<string, unknown>, now: string): WithPacket {
  if (!change.remote) throw new Error(`case ${change.changeId} is not across provinces`);
  const packetId = newPacketId(Date.parse(now));
  const peerCaseRef = change.remote.peerCaseRef ? { peerCaseRef: change.remote.peerCaseRef } : {};
  const { item, work } = outgoingPut({ packetId, kind, to: change.remote.province, caseRef: change.changeId, changeId: change.changeId, params: { ...peerCaseRef, ...params }, createdAt: now });
  return { change: { ...change, delivery: { state: 'pending', packetId, kind, since: now } }, writes: [item], work: [work] };
}

/**
 * This side's steps are done: the receiving side asks the sending deployment for the student
 * (transferRequest), the sending side releases the record to the receiving one (transferRelease).
 */
export function toOtherSide(change: StatusChange, now: string): WithPacket {
  return packetOf(change, change.remote?.side === 'sending' ? 'transferRelease' : 'transferRequest', {}, now);
}

/**
 * The case ended here while the other side still has its own open: a rejection by a party here,
 * or the receiving school's withdrawal once its request went out. Nothing to send when the other
 * side has not been told of the case yet.
 */
export function endingPacket(before: StatusChange, after: StatusChange, reason: string, now: string): WithPacket | undefined {
  if (!before.remote) return undefined;
  const told = before.remote.side === 'sending' || before.steps.some((step) => step.remote && step.status !== 'waiting');
  if (!told) return undefined;
  return packetOf(after, 'transferRejection', { outcome: after.status === 'cancelled' ? 'cancelled' : 'rejected', reason }, now);
}
