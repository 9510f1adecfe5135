// The exchange keys on AWS (shared/services/exchange/kms-keys.ts): the KMS signature turned from
// DER into the JWS form, and a secret opened with KMS's shared secret and our own Concat KDF, AES
// key unwrap and AES-GCM, checked against jose on the other side of each.
//
// Why a fake KMS: KMS cannot run locally (the local stack has no emulator of it, and the asymmetric
// operations used here, Sign with a digest and DeriveSharedSecret, are not in any emulator we run),
// and the unit tests call no cloud. `fakeKms` below stands in for the three calls with node:crypto
// and local P-256 key pairs, answering exactly what KMS answers: the public key as SPKI DER, the
// signature as DER, the raw ECDH shared secret Z. Everything after those answers is the real code.
import { createHash, createPublicKey, diffieHellman, generateKeyPairSync, randomBytes, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import {
  GetPublicKeyCommand,
  SignCommand,
  type DeriveSharedSecretCommand,
  type DeriveSharedSecretCommandOutput,
  type GetPublicKeyCommandOutput,
  type SignCommandOutput,
} from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { base64url, calculateJwkThumbprint, CompactEncrypt, compactVerify, createLocalJWKSet, importJWK, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPacket, UndecryptableSecret, type OpenContext } from '#shared/domain/exchange/open.ts';
import { sealPacket, sealReceipt } from '#shared/domain/exchange/seal.ts';
import { ExchangeNotReady, type ExchangeKeys, type PublicExchangeJwk } from '#shared/services/exchange/keys.ts';
import { derToJoseSignature, KmsExchangeKeys, type KmsCalls } from '#shared/services/exchange/kms-keys.ts';
import { generateExchangeJwks, jwkExchangeKeys, publicHalf, type ExchangeKeyPair } from '#shared/services/exchange/local-keys.ts';

const US = '440000';
const PEER = '320000';
const SIGNING_ARN = 'arn:aws:kms:cn-northwest-1:123456789012:key/0a1b2c3d-0000-4000-8000-000000000001';
const ENCRYPTION_ARN = 'arn:aws:kms:cn-northwest-1:123456789012:key/0a1b2c3d-0000-4000-8000-000000000002';
const PERSONAL = { name: '李𠮷祥', idNumber: '440106201903150023', guardians: [{ name: '李建国', phone: '13900139000' }] };

// ---------------------------------------------------------------------------------------------
// DER, written here from X.690 (not with the code under test): INTEGER = 0x02, length, the
// big-endian value with a 0x00 in front when its high bit is set; the signature a SEQUENCE (0x30).

const bigintOf = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

function derInteger(value: bigint): Buffer {
  const hex = value.toString(16);
  let bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  if ((bytes[0]! & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

function derSignature(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

// ---------------------------------------------------------------------------------------------
// ECDSA on P-256 of a given digest. KMS signs a digest it is handed (MessageType DIGEST); node:crypto
// and WebCrypto always hash the message themselves, so the fake does the arithmetic (FIPS 186-4).

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const G: Point = [0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n, 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n];
type Point = readonly [bigint, bigint] | null;

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
function inverse(a: bigint, m: bigint): bigint {
  let [result, base, exponent] = [1n, mod(a, m), m - 2n];
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % m;
    base = (base * base) % m;
    exponent >>= 1n;
  }
  return result;
}

function add(p: Point, q: Point): Point {
  if (!p) return q;
  if (!q) return p;
  if (p[0] === q[0] && mod(p[1] + q[1], P) === 0n) return null;
  // a = -3 on P-256: the tangent's slope is (3x² - 3) / 2y.
  const slope = p[0] === q[0] ? mod((3n * p[0] * p[0] - 3n) * inverse(2n * p[1], P), P) : mod((q[1] - p[1]) * inverse(q[0] - p[0], P), P);
  const x = mod(slope * slope - p[0] - q[0], P);
  return [x, mod(slope * (p[0] - x) - p[1], P)];
}

function multiply(k: bigint, point: Point): Point {
  let result: Point = null;
  for (let addend = point; k > 0n; k >>= 1n, addend = add(addend, addend)) if (k & 1n) result = add(result, addend);
  return result;
}

function signDigest(privateKey: KeyObject, digest: Uint8Array): Buffer {
  const d = bigintOf(Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url'));
  const e = bigintOf(digest);
  for (;;) {
    const k = mod(bigintOf(randomBytes(40)), N - 1n) + 1n;
    const r = mod(multiply(k, G)![0], N);
    const s = mod(inverse(k, N) * (e + r * d), N);
    if (r !== 0n && s !== 0n) return derSignature(r, s);
  }
}

// ---------------------------------------------------------------------------------------------

interface FakeKms extends KmsCalls {
  /** Every call made, by operation name. */
  calls: string[];
  /** DER signatures answered, for the test to see which forms came up. */
  signatures: Buffer[];
  /** The error the next calls throw, as KMS's client would (its `name`), when set. */
  failWith?: string | undefined;
}

interface FakeKeys {
  signing: KeyObject;
  agreement: KeyObject;
  /** What GetPublicKey says each key is, when not the right kind. */
  describeAs?: { KeySpec?: string; KeyUsage?: string };
}

function fakeKms({ signing, agreement, describeAs }: FakeKeys): FakeKms {
  const fake: FakeKms = {
    calls: [],
    signatures: [],
    send: (async (command: GetPublicKeyCommand | SignCommand | DeriveSharedSecretCommand): Promise<GetPublicKeyCommandOutput | SignCommandOutput | DeriveSharedSecretCommandOutput> => {
      fake.calls.push(command.constructor.name.replace(/Command$/, ''));
      if (fake.failWith) throw Object.assign(new Error(`${fake.failWith} (fake)`), { name: fake.failWith });
      const keyOf = (keyId: string | undefined, expected: string, key: KeyObject) => {
        if (keyId !== expected) throw Object.assign(new Error(`wrong key for this call: ${keyId}`), { name: 'InvalidKeyUsageException' });
        return key;
      };
      const $metadata = {};
      if (command instanceof GetPublicKeyCommand) {
        const isSigning = command.input.KeyId === SIGNING_ARN;
        const key = isSigning ? signing : keyOf(command.input.KeyId, ENCRYPTION_ARN, agreement);
        return {
          $metadata,
          KeyId: command.input.KeyId,
          PublicKey: createPublicKey(key).export({ type: 'spki', format: 'der' }),
          KeySpec: 'ECC_NIST_P256',
          KeyUsage: isSigning ? 'SIGN_VERIFY' : 'KEY_AGREEMENT',
          ...describeAs,
        } as GetPublicKeyCommandOutput;
      }
      if (command instanceof SignCommand) {
        const { KeyId, Message, MessageType, SigningAlgorithm } = command.input;
        const key = keyOf(KeyId, SIGNING_ARN, signing);
        // What KMS asks of a digest: ECDSA_SHA_256 takes exactly 32 bytes.
        if (MessageType !== 'DIGEST' || SigningAlgorithm !== 'ECDSA_SHA_256' || Message?.length !== 32) throw Object.assign(new Error('fake KMS: a SHA-256 digest only'), { name: 'ValidationException' });
        const signature = signDigest(key, Message);
        fake.signatures.push(signature);
        return { $metadata, KeyId, Signature: signature, SigningAlgorithm };
      }
      const { KeyId, KeyAgreementAlgorithm, PublicKey } = command.input;
      const key = keyOf(KeyId, ENCRYPTION_ARN, agreement);
      if (KeyAgreementAlgorithm !== 'ECDH' || !PublicKey) throw Object.assign(new Error('fake KMS: ECDH with a public key'), { name: 'ValidationException' });
      const theirs = createPublicKey({ key: Buffer.from(PublicKey), format: 'der', type: 'spki' });
      return { $metadata, KeyId, KeyAgreementAlgorithm, SharedSecret: diffieHellman({ privateKey: key, publicKey: theirs }) };
    }) as KmsCalls['send'],
  };
  return fake;
}

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

let keys: { signing: KeyObject; agreement: KeyObject };
let kms: FakeKms;
let ours: KmsExchangeKeys;
let published: PublicExchangeJwk[];
let peer: { pair: ExchangeKeyPair; keys: ExchangeKeys };
let stranger: ExchangeKeyPair;

beforeAll(async () => {
  keys = { signing: p256(), agreement: p256() };
  kms = fakeKms(keys);
  ours = await KmsExchangeKeys.load(SIGNING_ARN, ENCRYPTION_ARN, kms);
  published = await ours.publicKeys();
  const [peerPair, strangerPair] = await Promise.all([generateExchangeJwks(), generateExchangeJwks()]);
  peer = { pair: peerPair, keys: await jwkExchangeKeys(peerPair) };
  stranger = strangerPair;
});

const ourSigningKey = () => published[0] as JWK;
const ourEncryptionKey = () => published[1] as JWK;

/** A peer's view of us: our published keys, as it would read them from our well-known document. */
const peerContext = (): OpenContext => {
  const verifier = createLocalJWKSet({ keys: published as JWK[] });
  return { self: PEER, peer: (province) => (province === US ? verifier : undefined), decrypt: (jwe) => peer.keys.decrypt(jwe) };
};
/** Our view of the peer, with the KMS keys decrypting. */
const ourContext = (keysOfUs: ExchangeKeys = ours): OpenContext => {
  const verifier = createLocalJWKSet({ keys: [publicHalf(peer.pair.signing), publicHalf(peer.pair.encryption)] as JWK[] });
  return { self: US, peer: (province) => (province === PEER ? verifier : undefined), decrypt: (jwe) => keysOfUs.decrypt(jwe) };
};

const encoder = new TextEncoder();
async function encryptTo(key: JWK, plaintext: Uint8Array, header: Record<string, unknown> = {}, parameters: { apu?: Uint8Array; apv?: Uint8Array } = {}): Promise<string> {
  const jwe = new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: key.kid, cty: 'json', ...header });
  if (parameters.apu || parameters.apv) jwe.setKeyManagementParameters(parameters);
  return jwe.encrypt(await importJWK(key, 'ECDH-ES+A256KW'));
}

describe('DER to JOSE signatures', () => {
  it('round-trips any r and s: short ones (leading zeros) padded, high-bit ones without their sign byte', () => {
    const scalar = fc.oneof(
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      // Leading zero bytes: a DER INTEGER shorter than 32.
      fc.tuple(fc.integer({ min: 1, max: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 })).map(([zeros, bytes]) => bytes.fill(0, 0, zeros)),
      // The high bit set: a DER INTEGER of 33 bytes, 0x00 first.
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => ((bytes[0] = bytes[0]! | 0x80), bytes)),
    );
    fc.assert(
      fc.property(scalar, scalar, (r, s) => {
        const raw = derToJoseSignature(derSignature(bigintOf(r), bigintOf(s)));
        expect(Buffer.from(raw).toString('hex')).toBe(Buffer.concat([r, s]).toString('hex'));
      }),
      { numRuns: 2000 },
    );
  });

  it('this file\'s DER encoder agrees with node:crypto (so the round trip above proves something)', () => {
    const key = p256();
    for (let i = 0; i < 50; i += 1) {
      const message = randomBytes(64);
      const raw = sign('sha256', message, { key, dsaEncoding: 'ieee-p1363' });
      const der = derSignature(bigintOf(raw.subarray(0, 32)), bigintOf(raw.subarray(32)));
      expect(verify('sha256', message, { key, dsaEncoding: 'der' }, der)).toBe(true);
    }
  });

  it('turns node:crypto\'s own DER signatures into ones that verify as r ‖ s, short integers included', () => {
    const key = p256();
    let short = 0;
    let long = 0;
    for (let i = 0; (short < 2 || long < 2) && i < 20_000; i += 1) {
      const message = randomBytes(32);
      const der = sign('sha256', message, { key, dsaEncoding: 'der' });
      const lengths = [der[3]!, der[5 + der[3]!]!];
      short += lengths.filter((length) => length < 32).length;
      long += lengths.filter((length) => length === 33).length;
      expect(verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, derToJoseSignature(der))).toBe(true);
    }
    expect(short).toBeGreaterThanOrEqual(2);
    expect(long).toBeGreaterThanOrEqual(2);
  });

  it('refuses what is not such a signature', () => {
    const good = derSignature(5n, 7n);
    const cases = [
      Buffer.alloc(0),
      Buffer.from([0x31, ...good.subarray(1)]),
      Buffer.from([0x30, good[1]! + 1, ...good.subarray(2)]),
      Buffer.concat([good, Buffer.from([0])]),
      Buffer.from([0x30, 0x06, 0x02, 0x01, 0x05, 0x03, 0x01, 0x07]),
      // A negative INTEGER, an INTEGER of 34 bytes, an empty one.
      Buffer.from([0x30, 0x06, 0x02, 0x01, 0x85, 0x02, 0x01, 0x07]),
      derSignature(1n << 264n, 7n),
      Buffer.from([0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x07]),
    ];
    for (const der of cases) expect(() => derToJoseSignature(der), der.toString('hex')).toThrow(/DER/);
  });
});

describe('KmsExchangeKeys', () => {
  it('publishes the KMS keys\' public halves as JWKs, kid the RFC 7638 thumbprint, read once', async () => {
    const expected = async (key: KeyObject, use: 'sig' | 'enc', alg: string) => {
      const { x, y } = createPublicKey(key).export({ format: 'jwk' });
      return { kty: 'EC', crv: 'P-256', x, y, kid: await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: x!, y: y! }), use, alg };
    };
    expect(published).toEqual([await expected(keys.signing, 'sig', 'ES256'), await expected(keys.agreement, 'enc', 'ECDH-ES+A256KW')]);
    expect(ours.signer.kid).toBe(published[0]!.kid);
    // The same answer on every request, without asking KMS again; a copy the caller cannot spoil.
    (await ours.publicKeys())[0]!.kid = 'spoilt';
    expect(await ours.publicKeys()).toEqual(published);
    expect(kms.calls.filter((call) => call === 'GetPublicKey')).toHaveLength(2);
  });

  it('signs through KMS: packets and receipts verify with jose against the published key', async () => {
    const before = kms.signatures.length;
    const signingKey = await importJWK(ourSigningKey(), 'ES256');
    for (let i = 0; i < 24; i += 1) {
      const { packet, payload } = await sealPacket({ type: 'transferRelease', from: US, to: PEER, caseRef: `GD-2026-${i}`, body: { reason: '11' }, secret: PERSONAL, recipientKey: publicHalf(peer.pair.encryption) as JWK }, ours.signer);
      const { protectedHeader } = await compactVerify(packet, signingKey, { algorithms: ['ES256'] });
      expect(protectedHeader.kid).toBe(published[0]!.kid);
      expect(await openPacket(packet, peerContext())).toEqual({ ok: true, payload, secret: PERSONAL });
    }
    // Some of KMS's DER signatures had an INTEGER of 33 bytes (the high bit set): those verified too.
    expect(kms.signatures.slice(before).some((der) => der[3] === 33 || der[5 + der[3]!] === 33)).toBe(true);
  });

  it('signs a packet larger than KMS\'s 4096-byte RAW limit (it is handed the digest)', async () => {
    const body = { note: 'x'.repeat(20_000) };
    const { packet } = await sealPacket({ type: 'transferRequest', from: US, to: PEER, caseRef: 'GD-big', body }, ours.signer);
    expect(packet.length).toBeGreaterThan(20_000);
    await compactVerify(packet, await importJWK(ourSigningKey(), 'ES256'));
  });

  it('opens what jose sealed to the published encryption key: sealPacket → openPacket round-trip, and a receipt back', async () => {
    const { packet, payload } = await sealPacket(
      { type: 'transferRequest', from: PEER, to: US, caseRef: 'JS-2026-000123', body: { toSchool: '2144010601' }, secret: PERSONAL, recipientKey: ourEncryptionKey() },
      peer.keys.signer,
    );
    const opened = await openPacket(packet, ourContext());
    expect(opened).toEqual({ ok: true, payload, secret: PERSONAL });
    const receipt = await sealReceipt(payload, new Date(), ours.signer);
    expect(await openPacket(receipt, peerContext())).toMatchObject({ ok: true, payload: { type: 'receipt', from: US, to: PEER, body: { packetId: payload.packetId } } });
  });

  it('opens any plaintext, with or without apu and apv (the Concat KDF takes both)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.option(fc.uint8Array({ maxLength: 40 })), fc.option(fc.uint8Array({ maxLength: 40 })), async (plaintext, apu, apv) => {
        // jose refuses equal apu and apv, and so do we (see 'refuses secrets that are not ours').
        fc.pre(!apu || !apv || !Buffer.from(apu).equals(Buffer.from(apv)));
        const jwe = await encryptTo(ourEncryptionKey(), plaintext, {}, { ...(apu ? { apu } : {}), ...(apv ? { apv } : {}) });
        expect(Buffer.from(await ours.decrypt(jwe)).equals(Buffer.from(plaintext))).toBe(true);
      }),
      { numRuns: 60 },
    );
    const large = randomBytes(200 * 1024);
    expect(Buffer.from(await ours.decrypt(await encryptTo(ourEncryptionKey(), large))).equals(large)).toBe(true);
  });

  it('refuses a secret with any character changed', async () => {
    const jwe = await encryptTo(ourEncryptionKey(), encoder.encode(JSON.stringify(PERSONAL)), {}, { apu: randomBytes(8), apv: randomBytes(8) });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: jwe.length - 1 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.='), async (at, character) => {
        fc.pre(jwe[at] !== character);
        await expect(ours.decrypt(`${jwe.slice(0, at)}${character}${jwe.slice(at + 1)}`)).rejects.toThrow();
      }),
      { numRuns: 400 },
    );
    // Each part on its own, at its last character too (spare bits: the same bytes, spelt otherwise).
    const parts = jwe.split('.');
    for (let part = 0; part < 5; part += 1) {
      for (const at of [0, parts[part]!.length - 1]) {
        const changed = [...parts];
        changed[part] = `${parts[part]!.slice(0, at)}${parts[part]![at] === 'A' ? 'B' : 'A'}${parts[part]!.slice(at + 1)}`;
        await expect(ours.decrypt(changed.join('.')), `part ${part} at ${at}`).rejects.toThrow();
      }
    }
    await expect(ours.decrypt(jwe)).resolves.toBeDefined();
  });

  it('refuses secrets that are not ours or not of our kind, before or at KMS', async () => {
    const plaintext = encoder.encode('{}');
    const strangerKey = publicHalf(stranger.encryption) as JWK;
    const header = (jwe: string) => JSON.parse(Buffer.from(jwe.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const withHeader = (jwe: string, changes: Record<string, unknown>) => {
      const [, ...rest] = jwe.split('.');
      return [Buffer.from(JSON.stringify({ ...header(jwe), ...changes })).toString('base64url'), ...rest].join('.');
    };
    const good = await encryptTo(ourEncryptionKey(), plaintext);
    // A changed header changes the additional data, so GCM alone would refuse it: each case names
    // the check that refuses it first, before KMS is asked when the header says enough.
    const beforeKms = kms.calls.filter((call) => call === 'DeriveSharedSecret').length;
    const cases: [string, string, RegExp][] = [
      ['to another key', await encryptTo(strangerKey, plaintext), /another encryption key/],
      ['ECDH-ES direct', await new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: ourEncryptionKey().kid }).encrypt(await importJWK(ourEncryptionKey(), 'ECDH-ES')), /is ECDH-ES\+A256KW with A256GCM/],
      ['A128GCM', await encryptTo(ourEncryptionKey(), plaintext, { enc: 'A128GCM' }), /is ECDH-ES\+A256KW with A256GCM/],
      ['zip', withHeader(good, { zip: 'DEF' }), /member this side does not take/],
      ['crit', withHeader(good, { crit: ['exp'], exp: 1 }), /member this side does not take/],
      ['an epk off the curve', withHeader(good, { epk: { ...(header(good).epk as object), y: base64url.encode(new Uint8Array(32).fill(7)) } }), /Invalid JWK EC key/],
      ['an epk with its private part', withHeader(good, { epk: { ...(header(good).epk as object), d: base64url.encode(new Uint8Array(32).fill(7)) } }), /not a public P-256 key/],
      ['an epk on P-384', withHeader(good, { epk: generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' }) }), /not a public P-256 key/],
      ['apu and apv the same', withHeader(good, { apu: 'AQID', apv: 'AQID' }), /apu and apv are the same/],
      ['apu not base64url', withHeader(good, { apu: 'AQ=D' }), /apu is not base64url/],
      ['four parts', good.split('.').slice(0, 4).join('.'), /five parts/],
      ['a JWS', (await sealPacket({ type: 'receipt', from: US, to: PEER, caseRef: 'x', body: {} }, ours.signer)).packet, /five parts/],
    ];
    // Each is the secret's fault (UndecryptableSecret, the packet refused), never a fault of ours.
    for (const [what, jwe, reason] of cases) {
      const error = await ours.decrypt(jwe).then(() => undefined, (thrown: unknown) => thrown);
      expect(error, what).toBeInstanceOf(UndecryptableSecret);
      expect(((error as Error).cause as Error).message, what).toMatch(reason);
    }
    expect(kms.calls.filter((call) => call === 'DeriveSharedSecret').length).toBe(beforeKms);
    // A secret to another key under our kid gets as far as KMS; the AES key unwrap refuses it.
    await expect(ours.decrypt(await encryptTo({ ...strangerKey, kid: ourEncryptionKey().kid }, plaintext))).rejects.toBeInstanceOf(UndecryptableSecret);
  });

  it('the local keys and the KMS keys open each other\'s recipients\' secrets alike (same JWE, same result)', async () => {
    // A local stand-in holding the very key KMS holds decrypts through jose: both paths agree.
    const agreementJwk = { ...(keys.agreement.export({ format: 'jwk' }) as JWK), kid: published[1]!.kid, alg: 'ECDH-ES+A256KW', use: 'enc' };
    const viaJose = await jwkExchangeKeys({ signing: peer.pair.signing, encryption: agreementJwk });
    const jwe = await encryptTo(ourEncryptionKey(), encoder.encode(JSON.stringify(PERSONAL)), {}, { apu: encoder.encode('320000'), apv: encoder.encode('440000') });
    expect(Buffer.from(await ours.decrypt(jwe))).toEqual(Buffer.from(await viaJose.decrypt(jwe)));
  });

  it('asks KMS what it would: the digest of the signing input, ECDH with the ephemeral key as SPKI', async () => {
    const seen: unknown[] = [];
    const spy: KmsCalls = {
      send: (async (command: GetPublicKeyCommand | SignCommand | DeriveSharedSecretCommand) => {
        seen.push(command.input);
        return (kms.send as (c: unknown) => Promise<unknown>)(command);
      }) as KmsCalls['send'],
    };
    const keysWithSpy = await KmsExchangeKeys.load(SIGNING_ARN, ENCRYPTION_ARN, spy);
    const input = encoder.encode('header.payload');
    await keysWithSpy.signer.sign(input);
    const jwe = await encryptTo(ourEncryptionKey(), encoder.encode('{}'));
    await keysWithSpy.decrypt(jwe);
    const epk = JSON.parse(Buffer.from(jwe.split('.')[0]!, 'base64url').toString('utf8')).epk as JWK;
    expect(seen).toEqual([
      { KeyId: SIGNING_ARN },
      { KeyId: ENCRYPTION_ARN },
      { KeyId: SIGNING_ARN, Message: createHash('sha256').update(input).digest(), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' },
      { KeyId: ENCRYPTION_ARN, KeyAgreementAlgorithm: 'ECDH', PublicKey: createPublicKey({ key: epk as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'der' }) },
    ]);
  });

  it('a key of the wrong kind, or one KMS will not use, is a setup fault: ExchangeNotReady (503), not a bug', async () => {
    await expect(KmsExchangeKeys.load(SIGNING_ARN, ENCRYPTION_ARN, fakeKms({ ...keys, describeAs: { KeyUsage: 'ENCRYPT_DECRYPT' } }))).rejects.toBeInstanceOf(ExchangeNotReady);
    await expect(KmsExchangeKeys.load(SIGNING_ARN, ENCRYPTION_ARN, fakeKms({ ...keys, describeAs: { KeySpec: 'ECC_NIST_P384' } }))).rejects.toBeInstanceOf(ExchangeNotReady);
    // The two ids swapped: each key is of the other kind.
    await expect(KmsExchangeKeys.load(ENCRYPTION_ARN, SIGNING_ARN, fakeKms(keys))).rejects.toBeInstanceOf(ExchangeNotReady);
    for (const name of ['AccessDeniedException', 'NotFoundException', 'DisabledException', 'KMSInvalidStateException']) {
      const refusing = fakeKms(keys);
      refusing.failWith = name;
      await expect(KmsExchangeKeys.load(SIGNING_ARN, ENCRYPTION_ARN, refusing), name).rejects.toBeInstanceOf(ExchangeNotReady);
    }
    const later = fakeKms(keys);
    const loaded = await KmsExchangeKeys.load(SIGNING_ARN, ENCRYPTION_ARN, later);
    later.failWith = 'DisabledException';
    await expect(loaded.signer.sign(encoder.encode('x'))).rejects.toBeInstanceOf(ExchangeNotReady);
  });

  it('other KMS errors are thrown as they are (a throttled request is retried by the sender, not a 503)', async () => {
    const busy = fakeKms(keys);
    const loaded = await KmsExchangeKeys.load(SIGNING_ARN, ENCRYPTION_ARN, busy);
    busy.failWith = 'ThrottlingException';
    const error = await loaded.signer.sign(encoder.encode('x')).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(ExchangeNotReady);
    expect((error as Error).name).toBe('ThrottlingException');
  });

  it('a packet whose secret meets a throttled KMS is not refused: the request fails, and the sender sends it again', async () => {
    const busy = fakeKms(keys);
    const loaded = await KmsExchangeKeys.load(SIGNING_ARN, ENCRYPTION_ARN, busy);
    const { packet } = await sealPacket({ type: 'transferRequest', from: PEER, to: US, caseRef: 'c-1', body: {}, secret: PERSONAL, recipientKey: ourEncryptionKey() }, peer.keys.signer);
    busy.failWith = 'ThrottlingException';
    const error = await openPacket(packet, { ...ourContext(), decrypt: (jwe) => loaded.decrypt(jwe) }).then(() => undefined, (thrown: unknown) => thrown);
    expect((error as Error).name).toBe('ThrottlingException');
  });
});
