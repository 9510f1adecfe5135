// The exchange packet between two deployments (跨省转学): what it carries and its limits. A packet
// is a compact JWS (ES256) of this payload, signed by the sending province; personal data travels
// only inside `secret`, a compact JWE to the receiving province's encryption key, so a packet that
// is stored, logged or relayed on the way shows none of it. `body` holds what the national form
// needs that is not personal (school codes, dates, the reason code).
import * as z from 'zod/mini';
import { once } from '../schema-once.ts';
import { isProvinceCode } from './provinces.ts';

export { isProvinceCode } from './provinces.ts';
export { newPacketId } from './packet-id.ts';

/**
 * A transfer across provinces (shared/domain/exchange/transfer.ts): the receiving side's request,
 * the sending side's release of the record, a rejection by either side, and the receiving side's
 * word that the record was taken in (transferAccepted). A receipt answers every packet at once.
 */
export const PACKET_TYPES = ['transferRequest', 'transferRelease', 'transferRejection', 'transferAccepted', 'receipt'] as const;
export type PacketType = (typeof PACKET_TYPES)[number];

/** The JWS `typ` of a packet: a token of another kind (a user's JWT) is never taken for one. */
export const PACKET_TYP = 'xueji-exchange+jws';
export const SIGNING_ALG = 'ES256';
export const KEY_WRAP_ALG = 'ECDH-ES+A256KW';
export const CONTENT_ALG = 'A256GCM';

/** How long a packet is valid by default; the receiver refuses it afterwards (a replay window). */
export const PACKET_LIFETIME_HOURS = 24;
/** No packet may claim a longer validity: a sender cannot mint packets that stay good for months. */
export const MAX_PACKET_LIFETIME_HOURS = 7 * 24;
/** Clocks of two deployments differ a little: a packet issued this far "in the future" still counts. */
export const CLOCK_SKEW_SECONDS = 300;
/** The largest packet taken (characters of the compact JWS, all ASCII). */
export const MAX_PACKET_CHARS = 256 * 1024;


export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const COMPACT_JWE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** An opaque reference of the case on the sender's side: letters, digits and `._:-`, so no name or text fits in it. */
export const CASE_REF = /^[A-Za-z0-9._:-]{1,64}$/;

const province = () => z.string().check(z.refine(isProvinceCode, '应为省级行政区划代码 (如 440000)'));

export const PacketPayloadSchema = once(() =>
  z
    .strictObject({
      packetId: z.string().check(z.regex(UUID_PATTERN)),
      type: z.enum(PACKET_TYPES),
      from: province(),
      to: province(),
      issuedAt: z.iso.datetime(),
      expiresAt: z.iso.datetime(),
      caseRef: z.string().check(z.regex(CASE_REF)),
      body: z.record(z.string(), z.unknown()),
      secret: z.optional(z.string().check(z.regex(COMPACT_JWE))),
    })
    .check(
      z.refine((packet) => {
        const lifetime = Date.parse(packet.expiresAt) - Date.parse(packet.issuedAt);
        return lifetime > 0 && lifetime <= MAX_PACKET_LIFETIME_HOURS * 3600_000;
      }, '有效期须在签发时间之后，且不超过 7 天'),
    ),
);

export type PacketPayload = z.infer<ReturnType<typeof PacketPayloadSchema>>;

/** What a receipt packet's body says: which packet arrived, when, and who took it. */
export interface ReceiptBody {
  packetId: string;
  receivedAt: string;
  by: string;
}
