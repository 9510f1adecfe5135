// The exchange keys on AWS: two asymmetric KMS keys (ECC_NIST_P256; SIGN_VERIFY for signing,
// KEY_AGREEMENT for the encryption key), so the private halves never leave KMS and never sit in an
// environment variable. The function gets the keys' ARNs (EXCHANGE_SIGNING_KEY_ID,
// EXCHANGE_ENCRYPTION_KEY_ID) and the right to use them: kms:Sign and kms:GetPublicKey on the one,
// kms:DeriveSharedSecret and kms:GetPublicKey on the other (infra/constructs/exchange-keys.ts).
//
// - Public keys: GetPublicKey (SPKI DER → JWK, kid the RFC 7638 thumbprint), read once when the keys
//   are loaded and kept for the container's life.
// - Signing: KMS Sign (ECDSA_SHA_256) of the SHA-256 digest of the JWS signing input, sent as
//   MessageType DIGEST: KMS signs a RAW message of at most 4096 bytes and a packet may be 256 KB,
//   and an ES256 signature is exactly ECDSA over that digest. KMS answers DER (a SEQUENCE of two
//   INTEGERs); a JWS wants r ‖ s, 32 bytes each (derToJoseSignature).
// - Decrypting a secret (compact JWE, ECDH-ES+A256KW with A256GCM): KMS DeriveSharedSecret (ECDH)
//   with the JWE's ephemeral public key gives the raw shared secret Z; the rest of RFC 7518 is done
//   here with node:crypto: the Concat KDF (§4.6.2), the AES key unwrap of the content key (RFC 3394)
//   and AES-256-GCM with the protected header as additional data.
//
// Faults of the setup (a key missing, disabled, of another kind, or not granted) answer
// ExchangeNotReady (503 EXCHANGE_NOT_CONFIGURED); other KMS errors (throttling, say) are thrown as
// they are.
import { createDecipheriv, createHash, createPublicKey } from 'node:crypto';
import {
  DeriveSharedSecretCommand,
  GetPublicKeyCommand,
  KMSClient,
  SignCommand,
  type DeriveSharedSecretCommandOutput,
  type GetPublicKeyCommandOutput,
  type SignCommandOutput,
} from '@aws-sdk/client-kms';
import { calculateJwkThumbprint } from 'jose';
import { CONTENT_ALG, KEY_WRAP_ALG, SIGNING_ALG } from '#shared/domain/exchange/packet.ts';
import { UndecryptableSecret } from '#shared/domain/exchange/open.ts';
import type { PacketSigner } from '#shared/domain/exchange/seal.ts';
import { logger } from '#shared/http/logger.ts';
import { ExchangeNotReady, type ExchangeKeys, type PublicExchangeJwk } from './keys.ts';

/** The three KMS calls the exchange makes: a KMSClient, or a stand-in in the tests. */
export interface KmsCalls {
  send(command: GetPublicKeyCommand): Promise<GetPublicKeyCommandOutput>;
  send(command: SignCommand): Promise<SignCommandOutput>;
  send(command: DeriveSharedSecretCommand): Promise<DeriveSharedSecretCommandOutput>;
}

// One client for the life of the container; region and credentials come from Lambda's environment.
const defaultClient: KmsCalls = new KMSClient({});

/** KMS errors that mean the setup is wrong, not that the request failed: the exchange is not ready. */
const SETUP_FAULTS = new Set(['AccessDeniedException', 'NotFoundException', 'DisabledException', 'KMSInvalidStateException', 'InvalidKeyUsageException']);

const NOT_READY = '本部署的跨省交换密钥 (KMS) 不可用，暂不能收发交换包';

async function kmsCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Error && SETUP_FAULTS.has(error.name)) {
      logger.error(`exchange keys: KMS ${what} refused`, error);
      throw new ExchangeNotReady(NOT_READY);
    }
    throw error;
  }
}

/**
 * The JOSE form of an ECDSA P-256 signature (r ‖ s, each left-padded to 32 bytes) from its DER form
 * (SEQUENCE { INTEGER r, INTEGER s }, each INTEGER with a leading zero byte when its high bit is set).
 */
export function derToJoseSignature(der: Uint8Array): Uint8Array {
  const fail = () => new Error('Not a DER-encoded ECDSA P-256 signature');
  // At most 2 + 2 × (2 + 33) bytes: the length always fits in one byte.
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) throw fail();
  const raw = new Uint8Array(64);
  let at = 2;
  for (const offset of [0, 32]) {
    const length = der[at + 1] ?? 0;
    if (der[at] !== 0x02 || length < 1 || length > 33 || at + 2 + length > der.length) throw fail();
    let value = der.subarray(at + 2, at + 2 + length);
    // A negative INTEGER is no part of a signature.
    if ((value[0]! & 0x80) !== 0) throw fail();
    while (value.length > 1 && value[0] === 0) value = value.subarray(1);
    if (value.length > 32) throw fail();
    raw.set(value, offset + 32 - value.length);
    at += 2 + length;
  }
  if (at !== der.length) throw fail();
  return raw;
}

type KeyRole = { use: 'sig'; alg: typeof SIGNING_ALG; usage: 'SIGN_VERIFY' } | { use: 'enc'; alg: typeof KEY_WRAP_ALG; usage: 'KEY_AGREEMENT' };

const SIGNING: KeyRole = { use: 'sig', alg: SIGNING_ALG, usage: 'SIGN_VERIFY' };
const ENCRYPTION: KeyRole = { use: 'enc', alg: KEY_WRAP_ALG, usage: 'KEY_AGREEMENT' };

/** The public half of a KMS key as the well-known document publishes it; a key of another kind is a setup fault. */
async function publicJwkOf(client: KmsCalls, keyId: string, role: KeyRole): Promise<PublicExchangeJwk> {
  const answer = await kmsCall('GetPublicKey', () => client.send(new GetPublicKeyCommand({ KeyId: keyId })));
  if (answer.KeySpec !== 'ECC_NIST_P256' || answer.KeyUsage !== role.usage || !answer.PublicKey) {
    logger.error('exchange keys: a KMS key of the wrong kind', { keySpec: answer.KeySpec, keyUsage: answer.KeyUsage, expected: `ECC_NIST_P256/${role.usage}` });
    throw new ExchangeNotReady(NOT_READY);
  }
  const jwk = createPublicKey({ key: Buffer.from(answer.PublicKey), format: 'der', type: 'spki' }).export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new ExchangeNotReady(NOT_READY);
  const kid = await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid, use: role.use, alg: role.alg };
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The bytes of a base64url part, only in its one canonical spelling (no padding, no stray bits). */
function bytesOf(part: string, what: string): Buffer {
  const bytes = BASE64URL.test(part) ? Buffer.from(part, 'base64url') : undefined;
  if (!bytes || bytes.toString('base64url') !== part) throw new Error(`The secret's ${what} is not base64url`);
  return bytes;
}

/**
 * Header members refused, as jose (the local keys' path) refuses them: compression, and critical
 * extensions this code would have to understand. Other members are let be, as there.
 */
const REFUSED_MEMBERS = ['zip', 'crit'];
/** Members only a private key has (jose refuses an `epk` with any of them too). */
const PRIVATE_MEMBERS = ['d', 'k', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'priv'];

interface SecretHeader {
  epk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  apu: Buffer;
  apv: Buffer;
}

function headerOf(part: string, kid: string): SecretHeader {
  let header: unknown;
  try {
    header = JSON.parse(bytesOf(part, 'header').toString('utf8'));
  } catch {
    throw new Error('The secret\'s header is not JSON');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw new Error('The secret\'s header is not an object');
  const { alg, enc, kid: named, epk, apu, apv } = header as Record<string, unknown>;
  if (REFUSED_MEMBERS.some((member) => Object.hasOwn(header, member))) throw new Error('The secret\'s header has a member this side does not take');
  if (alg !== KEY_WRAP_ALG || enc !== CONTENT_ALG) throw new Error(`A secret is ${KEY_WRAP_ALG} with ${CONTENT_ALG}`);
  // A secret names the key it was encrypted to; one meant for another key is not tried at all.
  if (named !== kid) throw new Error('The secret names another encryption key');
  if (epk === null || typeof epk !== 'object' || Array.isArray(epk)) throw new Error('The secret has no ephemeral public key');
  const { kty, crv, x, y } = epk as Record<string, unknown>;
  if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string' || PRIVATE_MEMBERS.some((member) => Object.hasOwn(epk, member))) {
    throw new Error('The secret\'s ephemeral key is not a public P-256 key');
  }
  const party = (value: unknown, what: string) => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new Error(`The secret's ${what} is not base64url`);
    return bytesOf(value, what);
  };
  const [partyU, partyV] = [party(apu, 'apu'), party(apv, 'apv')];
  // As jose has it: the two parties' infos, when both given, differ.
  if (partyU && partyV && partyU.equals(partyV)) throw new Error('The secret\'s apu and apv are the same');
  return { epk: { kty, crv, x, y }, apu: partyU ?? Buffer.alloc(0), apv: partyV ?? Buffer.alloc(0) };
}

const uint32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};
const withLength = (data: Buffer) => Buffer.concat([uint32(data.length), data]);

/**
 * The key-encryption key of ECDH-ES+A256KW: the Concat KDF of RFC 7518 §4.6.2 (NIST SP 800-56A) with
 * SHA-256, one round for 256 bits: SHA-256(counter 1 ‖ Z ‖ AlgorithmID ‖ PartyUInfo ‖ PartyVInfo ‖
 * SuppPubInfo), each info a 32-bit big-endian length and its bytes, SuppPubInfo the key length in bits.
 */
export function concatKdf(z: Uint8Array, apu: Uint8Array, apv: Uint8Array): Buffer {
  return createHash('sha256')
    .update(uint32(1))
    .update(z)
    .update(withLength(Buffer.from(KEY_WRAP_ALG, 'ascii')))
    .update(withLength(Buffer.from(apu)))
    .update(withLength(Buffer.from(apv)))
    .update(uint32(256))
    .digest();
}

/** RFC 3394's default initial value, the integrity check of the AES key unwrap. */
const KEY_WRAP_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

/** Runs a step of opening a secret: what it throws is the secret's fault. */
function refusing<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new UndecryptableSecret(error);
  }
}

export class KmsExchangeKeys implements ExchangeKeys {
  readonly signer: PacketSigner;
  readonly #client: KmsCalls;
  readonly #encryptionKeyId: string;
  readonly #published: PublicExchangeJwk[];

  /** Reads both public keys first (`load`), so the signer knows its kid and a secret its key. */
  private constructor(client: KmsCalls, signingKeyId: string, encryptionKeyId: string, published: [PublicExchangeJwk, PublicExchangeJwk]) {
    this.#client = client;
    this.#encryptionKeyId = encryptionKeyId;
    this.#published = published;
    this.signer = {
      kid: published[0].kid,
      sign: async (input) => {
        const digest = createHash('sha256').update(input).digest();
        const { Signature } = await kmsCall('Sign', () =>
          client.send(new SignCommand({ KeyId: signingKeyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' })),
        );
        if (!Signature) throw new Error('KMS answered no signature');
        return derToJoseSignature(Signature);
      },
    };
  }

  /** The keys of this deployment in KMS, by key id or ARN; `client` is a KMSClient but in tests. */
  static async load(signingKeyId: string, encryptionKeyId: string, client: KmsCalls = defaultClient): Promise<KmsExchangeKeys> {
    const published = await Promise.all([publicJwkOf(client, signingKeyId, SIGNING), publicJwkOf(client, encryptionKeyId, ENCRYPTION)]);
    return new KmsExchangeKeys(client, signingKeyId, encryptionKeyId, published);
  }

  async decrypt(jwe: string): Promise<Uint8Array> {
    // What the secret holds is checked before KMS is asked and opened after: a failure there is
    // the secret's (UndecryptableSecret); KMS's own errors (throttling, an outage) stay faults.
    const read = refusing(() => {
      const parts = jwe.split('.');
      if (parts.length !== 5) throw new Error('A secret is a compact JWE of five parts');
      const [headerPart, wrappedPart, ivPart, ciphertextPart, tagPart] = parts as [string, string, string, string, string];
      const header = headerOf(headerPart, this.#published[1]!.kid);
      const wrapped = bytesOf(wrappedPart, 'encrypted key');
      const iv = bytesOf(ivPart, 'iv');
      const ciphertext = bytesOf(ciphertextPart, 'ciphertext');
      const tag = bytesOf(tagPart, 'tag');
      if (wrapped.length !== 40 || iv.length !== 12 || tag.length !== 16) throw new Error('The secret\'s key, iv or tag has the wrong length');
      // Throws on a point that is not on the curve, before KMS is asked anything.
      const ephemeral = createPublicKey({ key: header.epk, format: 'jwk' }).export({ type: 'spki', format: 'der' });
      return { headerPart, header, wrapped, iv, ciphertext, tag, ephemeral };
    });
    const { SharedSecret } = await this.#client.send(
      new DeriveSharedSecretCommand({ KeyId: this.#encryptionKeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: read.ephemeral }),
    );
    if (SharedSecret?.length !== 32) throw new Error('KMS answered no shared secret');
    return refusing(() => {
      const kek = concatKdf(SharedSecret, read.header.apu, read.header.apv);
      const unwrap = createDecipheriv('id-aes256-wrap', kek, KEY_WRAP_IV);
      const cek = Buffer.concat([unwrap.update(read.wrapped), unwrap.final()]);
      const gcm = createDecipheriv('aes-256-gcm', cek, read.iv, { authTagLength: 16 });
      gcm.setAAD(Buffer.from(read.headerPart, 'ascii'));
      gcm.setAuthTag(read.tag);
      return new Uint8Array(Buffer.concat([gcm.update(read.ciphertext), gcm.final()]));
    });
  }

  publicKeys(): Promise<PublicExchangeJwk[]> {
    return Promise.resolve(this.#published.map((jwk) => ({ ...jwk })));
  }
}
