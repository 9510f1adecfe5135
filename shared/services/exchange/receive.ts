// Takes in a packet from another deployment: opens it (shared/domain/exchange/open.ts), stores it
// once in the inbox with its audit entry, and answers a signed receipt. A second delivery of the
// same packet answers the first receipt and writes nothing; a packet id seen with other content is
// a replay. Every refusal leaves an audit entry under EXCHANGE#<sender or unknown> with its code
// and what could be read of the packet's id and type, never its content; the sender is told the
// code and a message, nothing of what it sent.
import { createHash } from 'node:crypto';
import type { AuditEntry } from '#shared/data/audit.ts';
import { auditOnly, getInboxItem, storeReceived, type InboxItem } from '#shared/data/exchange-inbox.ts';
import { applyPut, sendSoon } from '#shared/data/exchange-outbox.ts';
import { logger } from '#shared/http/logger.ts';
import { openPacket, type Refusal } from '#shared/domain/exchange/open.ts';
import { REFUSAL_MESSAGES, type RefusalCode } from '#shared/domain/exchange/refusals.ts';
import { sealReceipt } from '#shared/domain/exchange/seal.ts';
import { ApiError } from '#shared/http/api-error.ts';
import { knownPeers } from './peers.ts';
import { exchangeKeys, ownProvince } from './settings.ts';

const STATUS: Record<RefusalCode, number> = {
  MALFORMED: 400,
  EXPIRED: 400,
  NOT_FOR_US: 400,
  UNKNOWN_PEER: 400,
  UNSIGNED: 401,
  BAD_SIGNATURE: 401,
  REPLAYED: 409,
};

/** The peer as the audit names it: a deployment, not a person. */
const actorFor = (from: string) => ({ userId: `exchange:${from}`, displayName: `跨省交换 ${from}`, role: 'system' });

/** SHA-256 of the signed payload: the packet's content, whatever its signature's bytes. */
const digestOf = (packet: string) => createHash('sha256').update(packet.split('.')[1] ?? '').digest('hex');

async function refuse(refusal: Pick<Refusal, 'code' | 'verified' | 'packetId' | 'from' | 'type'>, correlationId: string): Promise<never> {
  const from = refusal.from ?? 'unknown';
  const entry: AuditEntry = {
    entity: { type: 'EXCHANGE', id: from },
    actor: actorFor(from),
    action: 'exchange.refused',
    changes: [
      {
        field: 'refusal',
        old: null,
        new: { code: refusal.code, verified: refusal.verified, ...(refusal.packetId ? { packetId: refusal.packetId } : {}), ...(refusal.type ? { type: refusal.type } : {}) },
      },
    ],
    reason: REFUSAL_MESSAGES[refusal.code],
    correlationId,
  };
  await auditOnly(entry);
  throw new ApiError(STATUS[refusal.code], refusal.code, REFUSAL_MESSAGES[refusal.code]);
}

export async function receivePacket(packet: string, correlationId: string): Promise<{ receipt: string }> {
  const self = ownProvince();
  const keys = await exchangeKeys();
  const peers = knownPeers(self);
  const opened = await openPacket(packet, { self, peer: (province) => peers.get(province)?.verifier, decrypt: (jwe) => keys.decrypt(jwe) });
  const digest = digestOf(packet);

  if (!opened.ok) {
    // A packet that did arrive, delivered again after it expired: the sender still learns it arrived.
    if (opened.code === 'EXPIRED' && opened.verified && opened.packetId) {
      const stored = await getInboxItem(opened.packetId);
      if (stored?.digest === digest) return { receipt: stored.receipt };
    }
    return refuse(opened, correlationId);
  }

  // The personal data was decrypted only to prove it can be; it is kept encrypted, in the packet.
  const { payload } = opened;
  const receivedAt = new Date();
  const item: InboxItem = {
    packetId: payload.packetId,
    type: payload.type,
    from: payload.from,
    caseRef: payload.caseRef,
    digest,
    packet,
    receipt: await sealReceipt(payload, receivedAt, keys.signer),
    receivedAt: receivedAt.toISOString(),
    packetExpiresAt: payload.expiresAt,
  };
  const entry: AuditEntry = {
    entity: { type: 'EXCHANGE', id: payload.from },
    actor: actorFor(payload.from),
    action: 'exchange.received',
    changes: [{ field: 'inbox', old: null, new: { packetId: payload.packetId, type: payload.type, caseRef: payload.caseRef } }],
    correlationId,
  };
  // A packet of a transfer is applied through the exchange's queue (shared/services/exchange/
  // apply.ts): its work item is stored with it, so it is applied even if the message is lost.
  const apply = payload.type === 'receipt' ? undefined : applyPut({ packetId: payload.packetId, type: payload.type, from: payload.from, receivedAt: item.receivedAt });
  if ((await storeReceived(item, entry, apply ? [apply.item] : [])) === 'stored') {
    if (apply) await sendSoon([apply.work], (error) => logger.warn('exchange work not sent; the sweeper will send it', { packetId: payload.packetId, error: error.name }));
    return { receipt: item.receipt };
  }

  const stored = await getInboxItem(payload.packetId);
  if (stored?.digest === digest) return { receipt: stored.receipt };
  return refuse({ code: 'REPLAYED', verified: true, packetId: payload.packetId, from: payload.from, type: payload.type }, correlationId);
}
