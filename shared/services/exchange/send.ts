// Sends one packet of the exchange's outbox to its peer (the queue's `send` work): builds it from
// the case (and for a release from the record and its history) on the first attempt, seals it
// (personal data encrypted to the peer, the whole signed) and keeps the sealed packet, so every
// later attempt resends exactly that packet and the peer's idempotency on the packet id holds.
// Then POST /v1/exchange/packets on the peer. A 202 with a receipt signed by the peer for this
// packet: delivered (the outbox item goes, the case's `delivery` says so, an audit entry keeps the
// receipt). A peer that is down or not ready: tried again later, with backoff (the caller sets the
// message's visibility); after the retry window, or at once for a refusal that will not change,
// the packet is given up: `failed` on the case and the outbox item, an audit entry, and an alert
// in the log (the message itself ends in the dead-letter queue).
import { commitWithAudit, TransactionConflict, type AuditEntry, type TransactItem } from '#shared/data/audit.ts';
import { getCase } from '#shared/data/change-repo.ts';
import { getOrg } from '#shared/data/directory-repo.ts';
import { caseDeliveryUpdate, getOutgoing, noteAttempt, noteCaseAttempt, outgoingDelete, outgoingFailed, storeSealed, type OutboxItem } from '#shared/data/exchange-outbox.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { getStudent, studentHistory } from '#shared/data/student-repo.ts';
import { reportSteps, type StatusChange } from '#shared/domain/changes/case.ts';
import { EXCHANGE_MAX_RECEIVES, refusalIsTransient, retryDelaySeconds, retrySettingsFrom } from '#shared/domain/exchange/delivery.ts';
import { openPacket } from '#shared/domain/exchange/open.ts';
import { sealPacket } from '#shared/domain/exchange/seal.ts';
import { releasedHistory, releasedRecord, TRANSFER_PACKET_LIFETIME_HOURS, MAX_RELEASED_HISTORY } from '#shared/domain/exchange/transfer.ts';
import { logger } from '#shared/http/logger.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { ExchangeNotReady } from './keys.ts';
import { PeerUnavailable, peerEncryptionKey, peerOf } from './peer-keys.ts';
import { exchangeKeys, ownProvince } from './settings.ts';

const POST_TIMEOUT_MS = 10_000;
/** Margin on top of a retry's wait before the sweeper thinks its message lost. */
const SWEEP_MARGIN_MS = 120_000;

/** The packet cannot be built or will never be taken: retrying does not help. */
class GiveUp extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GiveUp';
  }
}

const SYSTEM = { userId: 'system', displayName: '系统', role: 'system' };

async function schoolOf(orgId: string): Promise<{ code: string; name: string }> {
  const org = await getOrg(orgId);
  return { code: org?.code || orgId, name: org?.name ?? orgId };
}

async function caseOf(item: OutboxItem): Promise<StatusChange> {
  const change = item.changeId ? await getCase(item.changeId) : undefined;
  if (!change) throw new GiveUp(`the case of packet ${item.packetId} is gone`);
  return change;
}

/** What the packet says: its body (nothing personal) and its secret (encrypted to the peer). */
async function contentOf(item: OutboxItem): Promise<{ body: Record<string, unknown>; secret?: unknown }> {
  const peerCaseRef = typeof item.params.peerCaseRef === 'string' ? { peerCaseRef: item.params.peerCaseRef } : {};
  switch (item.kind) {
    case 'transferRequest': {
      const change = await caseOf(item);
      const school = await schoolOf(change.applicant.orgId);
      return {
        body: { toSchoolCode: school.code, toSchoolName: school.name },
        secret: { nationalStudentNo: String(change.request.nationalStudentNo), name: change.studentName, reason: String(change.request.reason ?? ''), steps: reportSteps(change) },
      };
    }
    case 'transferRelease': {
      const change = await caseOf(item);
      const record = await getStudent(change.studentId);
      if (!record) throw new GiveUp(`the record of case ${change.changeId} is gone`);
      const history = await studentHistory(record.studentId, { limit: MAX_RELEASED_HISTORY });
      const school = await schoolOf(record.schoolId);
      return {
        body: { ...peerCaseRef, fromSchoolCode: school.code, fromSchoolName: school.name },
        secret: { record: releasedRecord(record), history: releasedHistory(history.items), steps: reportSteps(change) },
      };
    }
    case 'transferRejection': {
      const change = item.changeId ? await getCase(item.changeId) : undefined;
      return {
        body: { ...peerCaseRef, outcome: item.params.outcome === 'cancelled' ? 'cancelled' : 'rejected' },
        secret: { reason: String(item.params.reason ?? '对方省份退回'), ...(change ? { steps: reportSteps(change) } : {}) },
      };
    }
    case 'transferAccepted':
      return { body: { ...peerCaseRef } };
  }
}

/** The sealed packet: the one kept from an earlier attempt, or sealed now and kept. */
async function sealed(item: OutboxItem, self: string): Promise<string> {
  if (item.packet) return item.packet;
  const keys = await exchangeKeys();
  const { peer } = peerOf(self, item.to);
  const content = await contentOf(item);
  const recipientKey = content.secret === undefined ? undefined : await peerEncryptionKey(peer);
  const { packet } = await sealPacket(
    { type: item.kind, from: self, to: item.to, caseRef: item.caseRef, body: content.body, ...(content.secret === undefined ? {} : { secret: content.secret, recipientKey }), packetId: item.packetId, lifetimeHours: TRANSFER_PACKET_LIFETIME_HOURS },
    keys.signer,
  );
  return storeSealed(item.sk, packet);
}

type PostResult = { ok: true; receipt: string } | { ok: false; transient: boolean; error: string };

async function post(item: OutboxItem, packet: string, self: string): Promise<PostResult> {
  const { peer, verifier } = peerOf(self, item.to);
  let response: Response;
  try {
    response = await fetch(new URL('/v1/exchange/packets', peer.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ packet }),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
    return { ok: false, transient: true, error: `unreachable (${cause ?? (error as Error).name})` };
  }
  const answer = (await response.json().catch(() => undefined)) as { receipt?: unknown; error?: { code?: string } } | undefined;
  if (response.status !== 202) {
    const code = answer?.error?.code;
    return { ok: false, transient: refusalIsTransient(response.status, code), error: `${response.status} ${code ?? ''}`.trim() };
  }
  // The receipt must be the peer's, for this very packet: else it was not taken (a proxy's answer, say).
  const receipt = typeof answer?.receipt === 'string' ? answer.receipt : '';
  const keys = await exchangeKeys();
  const opened = await openPacket(receipt, { self, peer: (province) => (province === item.to ? verifier : undefined), decrypt: (jwe) => keys.decrypt(jwe) });
  if (!opened.ok || opened.payload.type !== 'receipt' || opened.payload.body.packetId !== item.packetId) return { ok: false, transient: true, error: `receipt not valid (${opened.ok ? 'another packet' : opened.code})` };
  return { ok: true, receipt };
}

const entityOf = (item: OutboxItem) => (item.changeId ? { type: 'CHANGE', id: item.changeId } : { type: 'EXCHANGE', id: item.to });
const summary = (item: OutboxItem) => ({ packetId: item.packetId, type: item.kind, to: item.to, caseRef: item.caseRef });

/** Commits the outbox item's change, then the case's delivery when there is a case; without the case's part when the case no longer waits on this packet. */
async function commitOutcome(own: TransactItem, delivery: TransactItem | undefined, entry: AuditEntry): Promise<void> {
  const table = tableName(RECORDS_TABLE);
  try {
    await commitWithAudit(table, [own, ...(delivery ? [delivery] : [])], entry);
  } catch (error) {
    if (!(error instanceof TransactionConflict)) throw error;
    // Another attempt got there first.
    if (error.reasons[0] === 'ConditionalCheckFailed') return;
    if (delivery && error.reasons[1] === 'ConditionalCheckFailed') return commitOutcome(own, undefined, entry);
    throw error;
  }
}

async function delivered(item: OutboxItem, receipt: string): Promise<void> {
  const now = new Date().toISOString();
  const delivery = item.changeId ? caseDeliveryUpdate(item.changeId, item.packetId, { state: 'delivered', attempts: item.attempts, at: now }) : undefined;
  await commitOutcome(outgoingDelete(item.sk), delivery, { entity: entityOf(item), actor: SYSTEM, action: 'exchange.sent', changes: [{ field: 'outbox', old: null, new: { ...summary(item), receipt } }] });
}

async function givenUp(item: OutboxItem, attempts: number, error: string): Promise<void> {
  const now = new Date().toISOString();
  const delivery = item.changeId ? caseDeliveryUpdate(item.changeId, item.packetId, { state: 'failed', attempts, at: now, lastError: error }) : undefined;
  await commitOutcome(outgoingFailed(item.sk, attempts, error), delivery, {
    entity: entityOf(item),
    actor: SYSTEM,
    action: 'exchange.failed',
    changes: [{ field: 'outbox', old: null, new: { ...summary(item), attempts, error } }],
    reason: '交换包未能送达对方省份，已放弃发送',
  });
  // The alert: one line operators (and a metric filter on AWS) look for.
  logger.error('exchange packet given up', { alert: 'EXCHANGE_DELIVERY_FAILED', ...summary(item), attempts, lastError: error });
}

/** A failed attempt shows on the case (等待对方省份响应) without moving its version. */
async function countAttempt(item: OutboxItem, attempts: number, waitSeconds: number, error: string): Promise<void> {
  await noteAttempt(item.sk, attempts, new Date(Date.now() + waitSeconds * 1000 + SWEEP_MARGIN_MS).toISOString(), error);
  if (item.changeId) await noteCaseAttempt(item.changeId, item.packetId, attempts, error);
}

export type SendOutcome = { done: true } | { done: false; retryAfterSeconds: number };

/**
 * One attempt at the packet under `key`, the `receiveCount`-th of its message. `done`: delivered,
 * given up for good, or nothing to send (delivered before); else the message comes back after
 * `retryAfterSeconds` (after the last attempt the queue then moves it to its dead-letter queue).
 */
export async function sendOutgoing(key: string, receiveCount: number): Promise<SendOutcome> {
  const item = await getOutgoing(key);
  if (!item) return { done: true };
  const attempts = item.attempts + 1;
  let failure: { transient: boolean; error: string };
  try {
    const self = ownProvince();
    const packet = await sealed(item, self);
    const result = await post(item, packet, self);
    if (result.ok) {
      await delivered(item, result.receipt);
      return { done: true };
    }
    failure = result;
  } catch (error) {
    if (error instanceof GiveUp) failure = { transient: false, error: error.message };
    else if (error instanceof PeerUnavailable || error instanceof ExchangeNotReady) failure = { transient: true, error: error.message };
    else throw error;
  }
  logger.warn('exchange packet not delivered', { ...summary(item), attempt: attempts, error: failure.error });
  if (!failure.transient) {
    await givenUp(item, attempts, failure.error);
    return { done: true };
  }
  if (receiveCount >= EXCHANGE_MAX_RECEIVES) {
    await givenUp(item, attempts, failure.error);
    // Back in a second (not at once: the local emulator loses a message made visible with 0), to be moved to the dead-letter queue.
    return { done: false, retryAfterSeconds: 1 };
  }
  const wait = retryDelaySeconds(receiveCount, retrySettingsFrom(process.env));
  await countAttempt(item, attempts, wait, failure.error);
  return { done: false, retryAfterSeconds: wait };
}
