// Opens a packet that arrived: checks it in an order where nothing unverified is trusted further
// than needed to find the sender's keys, and answers the payload and the decrypted personal data,
// or a refusal code (shared/domain/exchange/refusals.ts).
//
// Order: the shape (three canonical base64url parts, our header, a payload the schema accepts) →
// the sender is a known peer → the signature verifies with one of its signing keys → the packet is
// for us → it is within its validity → its secret decrypts. A refusal carries what could be read
// for the audit (packet id, sender, type; only values of their exact formats, never content) and
// whether the signature had been verified by then.
import { base64url, compactVerify, type CompactVerifyGetKey } from 'jose';
import * as z from 'zod/mini';
import { CLOCK_SKEW_SECONDS, isProvinceCode, MAX_PACKET_CHARS, PACKET_TYP, PACKET_TYPES, PacketPayloadSchema, SIGNING_ALG, UUID_PATTERN, type PacketPayload, type PacketType } from './packet.ts';
import type { RefusalCode } from './refusals.ts';

/** The sender's signing keys; `createLocalJWKSet` or `createRemoteJWKSet` of jose make one. */
export type PeerVerifier = CompactVerifyGetKey;

/** A secret that is not a JWE we can open with our key: the sender's fault, never ours. */
export class UndecryptableSecret extends Error {
  constructor(cause: unknown) {
    super('the secret cannot be decrypted with this deployment\'s key', { cause });
    this.name = 'UndecryptableSecret';
  }
}

export interface OpenContext {
  /** Our own province code. */
  self: string;
  /** The verifier of a known peer province, undefined for any other. */
  peer(province: string): Promise<PeerVerifier | undefined> | PeerVerifier | undefined;
  /**
   * Decrypts a secret encrypted to our encryption key. Rejects with UndecryptableSecret when the
   * secret cannot be opened (the packet is refused); any other rejection is a fault of ours (the
   * key store down, throttled), which fails the request so that the sender sends it again.
   */
  decrypt(jwe: string): Promise<Uint8Array>;
  now?: Date;
}

export interface Opened {
  ok: true;
  payload: PacketPayload;
  /** The personal data, decrypted; undefined when the packet carries none. */
  secret: unknown;
}

export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** Whether the sender's signature had been verified when the packet was refused. */
  verified: boolean;
  packetId?: string;
  from?: string;
  type?: PacketType;
}

export type OpenResult = Opened | Refusal;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The bytes of a base64url part, only when it is the one canonical encoding of them (no padding, no stray bits). */
function canonicalBytes(part: string): Uint8Array | undefined {
  if (!BASE64URL.test(part) || part.length % 4 === 1) return undefined;
  try {
    const bytes = base64url.decode(part);
    return base64url.encode(bytes) === part ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function jsonObject(bytes: Uint8Array | undefined): Record<string, unknown> | undefined {
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function looksLikeJson(text: string): boolean {
  if (!/^\s*\{/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** What an unverified payload may tell the audit: its id, sender and type, only in their exact formats. */
function hints(payload: Record<string, unknown> | undefined): Pick<Refusal, 'packetId' | 'from' | 'type'> {
  if (!payload) return {};
  const { packetId, from, type } = payload;
  return {
    ...(typeof packetId === 'string' && UUID_PATTERN.test(packetId) ? { packetId } : {}),
    ...(isProvinceCode(from) ? { from } : {}),
    ...(typeof type === 'string' && (PACKET_TYPES as readonly string[]).includes(type) ? { type: type as PacketType } : {}),
  };
}

const HEADER_KEYS = ['alg', 'kid', 'typ'];

export async function openPacket(packet: string, context: OpenContext): Promise<OpenResult> {
  const refuse = (code: RefusalCode, verified: boolean, payload?: Record<string, unknown>): Refusal => ({ ok: false, code, verified, ...hints(payload) });
  if (typeof packet !== 'string' || packet.length === 0 || packet.length > MAX_PACKET_CHARS) return refuse('MALFORMED', false);
  // A payload sent as it is, with no signature around it.
  if (looksLikeJson(packet)) return refuse('UNSIGNED', false, jsonObject(new TextEncoder().encode(packet)));

  const parts = packet.split('.');
  if (parts.length !== 3) return refuse('MALFORMED', false);
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = jsonObject(canonicalBytes(headerPart));
  const payloadObject = jsonObject(canonicalBytes(payloadPart));
  if (!header) return refuse('MALFORMED', false, payloadObject);
  // alg "none" (an unsecured JWS) or no signature at all.
  if (typeof header.alg === 'string' && header.alg.toLowerCase() === 'none') return refuse('UNSIGNED', false, payloadObject);
  if (signaturePart === '') return refuse('UNSIGNED', false, payloadObject);
  if (header.alg !== SIGNING_ALG) return refuse('BAD_SIGNATURE', false, payloadObject);
  if (header.typ !== PACKET_TYP || typeof header.kid !== 'string' || Object.keys(header).some((key) => !HEADER_KEYS.includes(key))) return refuse('MALFORMED', false, payloadObject);
  const signature = canonicalBytes(signaturePart);
  if (!signature || signature.length !== 64) return refuse('BAD_SIGNATURE', false, payloadObject);

  const parsed = z.safeParse(PacketPayloadSchema(), payloadObject);
  if (!parsed.success) return refuse('MALFORMED', false, payloadObject);
  const payload = parsed.data;

  const verifier = await context.peer(payload.from);
  if (!verifier || payload.from === context.self) return refuse('UNKNOWN_PEER', false, payloadObject);
  try {
    await compactVerify(packet, verifier, { algorithms: [SIGNING_ALG] });
  } catch {
    return refuse('BAD_SIGNATURE', false, payloadObject);
  }

  if (payload.to !== context.self) return refuse('NOT_FOR_US', true, payloadObject);
  const now = (context.now ?? new Date()).getTime();
  if (Date.parse(payload.issuedAt) > now + CLOCK_SKEW_SECONDS * 1000 || Date.parse(payload.expiresAt) <= now) return refuse('EXPIRED', true, payloadObject);

  let secret: unknown;
  if (payload.secret !== undefined) {
    let plaintext: Uint8Array;
    try {
      plaintext = await context.decrypt(payload.secret);
    } catch (error) {
      if (error instanceof UndecryptableSecret) return refuse('MALFORMED', true, payloadObject);
      throw error;
    }
    try {
      secret = JSON.parse(decoder.decode(plaintext));
    } catch {
      return refuse('MALFORMED', true, payloadObject);
    }
  }
  return { ok: true, payload, secret };
}
