// Seals a packet: the personal data encrypted to the receiver's public encryption key (a compact
// JWE, ECDH-ES+A256KW with A256GCM), then the whole payload signed with the sender's key (a
// compact JWS, ES256). The signing itself is the signer's: a key in the data folder locally, a KMS
// key on AWS, so this never holds a private key and works the same with both.
import { base64url, CompactEncrypt, importJWK, type JWK } from 'jose';
import * as z from 'zod/mini';
import { CONTENT_ALG, KEY_WRAP_ALG, newPacketId, PACKET_LIFETIME_HOURS, PACKET_TYP, PacketPayloadSchema, SIGNING_ALG, type PacketPayload, type PacketType, type ReceiptBody } from './packet.ts';

/** Signs with the deployment's signing key: `sign` answers the raw ES256 signature (r ‖ s, 64 bytes) of `input`. */
export interface PacketSigner {
  readonly kid: string;
  sign(input: Uint8Array): Promise<Uint8Array>;
}

export interface SealInput {
  type: PacketType;
  from: string;
  to: string;
  caseRef: string;
  body: Record<string, unknown>;
  /** The personal data, encrypted for the receiver; needs `recipientKey`. */
  secret?: unknown;
  /** The receiver's public encryption key (from its well-known document), with its kid. */
  recipientKey?: JWK;
  packetId?: string;
  now?: Date;
  lifetimeHours?: number;
}

const encoder = new TextEncoder();

/** The compact JWS of `payload`, signed by `signer`. */
export async function signPayload(payload: PacketPayload, signer: PacketSigner): Promise<string> {
  const header = base64url.encode(JSON.stringify({ alg: SIGNING_ALG, kid: signer.kid, typ: PACKET_TYP }));
  const input = `${header}.${base64url.encode(JSON.stringify(payload))}`;
  const signature = await signer.sign(encoder.encode(input));
  if (signature.length !== 64) throw new Error(`An ES256 signature is 64 bytes (r ‖ s), the signer gave ${signature.length}`);
  return `${input}.${base64url.encode(signature)}`;
}

async function encryptSecret(secret: unknown, recipientKey: JWK): Promise<string> {
  if (!recipientKey.kid) throw new Error('The receiver\'s encryption key has no kid');
  if ('d' in recipientKey) throw new Error('The receiver\'s encryption key must be its public half');
  const key = await importJWK(recipientKey, KEY_WRAP_ALG);
  return new CompactEncrypt(encoder.encode(JSON.stringify(secret))).setProtectedHeader({ alg: KEY_WRAP_ALG, enc: CONTENT_ALG, kid: recipientKey.kid, cty: 'json' }).encrypt(key);
}

export async function sealPacket(input: SealInput, signer: PacketSigner): Promise<{ packet: string; payload: PacketPayload }> {
  const now = input.now ?? new Date();
  let secret: string | undefined;
  if (input.secret !== undefined) {
    if (!input.recipientKey) throw new Error('A packet with personal data needs the receiver\'s encryption key');
    secret = await encryptSecret(input.secret, input.recipientKey);
  }
  // Parsed before signing: a packet this side would refuse is a bug here, not a message there.
  const payload = z.parse(PacketPayloadSchema(), {
    packetId: input.packetId ?? newPacketId(now.getTime()),
    type: input.type,
    from: input.from,
    to: input.to,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (input.lifetimeHours ?? PACKET_LIFETIME_HOURS) * 3600_000).toISOString(),
    caseRef: input.caseRef,
    body: input.body,
    ...(secret ? { secret } : {}),
  });
  return { packet: await signPayload(payload, signer), payload };
}

/** The signed receipt of a packet taken in: a packet of its own, back to the sender, on the same case. */
export async function sealReceipt(received: PacketPayload, receivedAt: Date, signer: PacketSigner): Promise<string> {
  const body: ReceiptBody = { packetId: received.packetId, receivedAt: receivedAt.toISOString(), by: received.to };
  const { packet } = await sealPacket({ type: 'receipt', from: received.to, to: received.from, caseRef: received.caseRef, body: { ...body }, now: receivedAt }, signer);
  return packet;
}
