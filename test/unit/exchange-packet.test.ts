// The exchange packet (跨省转学): sealed by one deployment, opened by another with the sender's
// published keys. Every way a packet can be wrong is refused with its own code, and no single
// changed byte of a sealed packet gets through.
import fc from 'fast-check';
import { base64url, createLocalJWKSet, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPacket, type OpenContext, type OpenResult } from '#shared/domain/exchange/open.ts';
import { newPacketId, UUID_PATTERN, type PacketPayload } from '#shared/domain/exchange/packet.ts';
import { peersFrom } from '#shared/domain/exchange/peers.ts';
import { sealPacket, sealReceipt, signPayload, type PacketSigner } from '#shared/domain/exchange/seal.ts';
import type { ExchangeKeys } from '#shared/services/exchange/keys.ts';
import { generateExchangeJwks, jwkExchangeKeys, jwkSigner, publicHalf, type ExchangeKeyPair } from '#shared/services/exchange/local-keys.ts';

const US = '440000';
const PEER = '320000';

interface Party {
  pair: ExchangeKeyPair;
  keys: ExchangeKeys;
}

let us: Party;
let peer: Party;
let stranger: Party;

async function party(): Promise<Party> {
  const pair = await generateExchangeJwks();
  return { pair, keys: await jwkExchangeKeys(pair) };
}

const jwksOf = (p: Party) => ({ keys: [publicHalf(p.pair.signing), publicHalf(p.pair.encryption)] as JWK[] });

/** What `self` knows: the other party as its only peer. */
function contextOf(self: Party, selfCode: string, other: Party, otherCode: string, now?: Date): OpenContext {
  const verifier = createLocalJWKSet(jwksOf(other));
  return { self: selfCode, peer: (province) => (province === otherCode ? verifier : undefined), decrypt: (jwe) => self.keys.decrypt(jwe), ...(now ? { now } : {}) };
}

const ours = (now?: Date) => contextOf(us, US, peer, PEER, now);

const PERSONAL = { name: '李𠮷祥', idNumber: '440106201903150023', guardians: [{ name: '李建国', phone: '13900139000' }] };

async function sealFromPeer(overrides: Partial<Parameters<typeof sealPacket>[0]> = {}, signer?: PacketSigner) {
  return sealPacket(
    { type: 'transferRequest', from: PEER, to: US, caseRef: 'JS-2026-000123', body: { toSchool: '2144010601', reason: '11' }, secret: PERSONAL, recipientKey: publicHalf(us.pair.encryption) as JWK, ...overrides },
    signer ?? peer.keys.signer,
  );
}

const parts = (packet: string) => packet.split('.') as [string, string, string];
const decodePart = (part: string) => JSON.parse(new TextDecoder().decode(base64url.decode(part))) as Record<string, unknown>;
const encodePart = (value: unknown) => base64url.encode(JSON.stringify(value));

function refusedWith(result: OpenResult): string {
  expect(result.ok).toBe(false);
  return result.ok ? 'OK' : result.code;
}

beforeAll(async () => {
  [us, peer, stranger] = await Promise.all([party(), party(), party()]);
});

describe('sealPacket and openPacket', () => {
  it('round-trip: the receiver reads the payload and the personal data, which the packet itself never shows', async () => {
    const { packet, payload } = await sealFromPeer();
    const opened = await openPacket(packet, ours());
    expect(opened).toEqual({ ok: true, payload, secret: PERSONAL });
    expect(payload).toMatchObject({ type: 'transferRequest', from: PEER, to: US, caseRef: 'JS-2026-000123' });
    expect(Date.parse(payload.expiresAt) - Date.parse(payload.issuedAt)).toBe(24 * 3600_000);
    expect(payload.packetId).toMatch(UUID_PATTERN);
    const visible = `${JSON.stringify(decodePart(parts(packet)[0]))}${JSON.stringify(decodePart(parts(packet)[1]))}`;
    for (const value of ['李𠮷祥', '440106201903150023', '李建国', '13900139000']) expect(visible).not.toContain(value);
    expect(decodePart(parts(packet)[0])).toEqual({ alg: 'ES256', kid: peer.pair.signing.kid, typ: 'xueji-exchange+jws' });
  });

  it('a packet without personal data opens with secret undefined', async () => {
    const { packet } = await sealPacket({ type: 'transferRejection', from: PEER, to: US, caseRef: 'JS-1', body: { reason: '名额已满' } }, peer.keys.signer);
    const opened = await openPacket(packet, ours());
    expect(opened.ok && opened.secret).toBeUndefined();
  });

  it('refuses a changed payload: BAD_SIGNATURE, with what it could read for the audit', async () => {
    const { packet, payload } = await sealFromPeer();
    const [header, body, signature] = parts(packet);
    const changed = encodePart({ ...decodePart(body), caseRef: 'JS-2026-999999' });
    expect(await openPacket(`${header}.${changed}.${signature}`, ours())).toEqual({ ok: false, code: 'BAD_SIGNATURE', verified: false, packetId: payload.packetId, from: PEER, type: 'transferRequest' });
  });

  it('refuses a changed secret (BAD_SIGNATURE), and a signed secret this side cannot decrypt (MALFORMED)', async () => {
    const { packet } = await sealFromPeer();
    const [header, body, signature] = parts(packet);
    const decoded = decodePart(body) as PacketPayload;
    const secret = decoded.secret!;
    const flipped = `${secret.slice(0, -5)}${secret.at(-5) === 'A' ? 'B' : 'A'}${secret.slice(-4)}`;
    expect(refusedWith(await openPacket(`${header}.${encodePart({ ...decoded, secret: flipped })}.${signature}`, ours()))).toBe('BAD_SIGNATURE');

    const forSomeoneElse = await sealFromPeer({ recipientKey: publicHalf(stranger.pair.encryption) as JWK });
    const refused = await openPacket(forSomeoneElse.packet, ours());
    expect(refused).toMatchObject({ ok: false, code: 'MALFORMED', verified: true });
  });

  it('refuses a packet signed by a key the peer does not publish, even under its kid: BAD_SIGNATURE', async () => {
    const impostor = await jwkSigner({ ...stranger.pair.signing, kid: peer.pair.signing.kid });
    expect(refusedWith(await openPacket((await sealFromPeer({}, impostor)).packet, ours()))).toBe('BAD_SIGNATURE');
    expect(refusedWith(await openPacket((await sealFromPeer({}, stranger.keys.signer)).packet, ours()))).toBe('BAD_SIGNATURE');
  });

  it('refuses unsigned packets: alg none, no signature, plain JSON', async () => {
    const { packet, payload } = await sealFromPeer();
    const [, body] = parts(packet);
    const none = `${encodePart({ alg: 'none', typ: 'xueji-exchange+jws' })}.${body}.`;
    expect(await openPacket(none, ours())).toMatchObject({ ok: false, code: 'UNSIGNED', packetId: payload.packetId, from: PEER });
    expect(refusedWith(await openPacket(`${parts(packet)[0]}.${body}.`, ours()))).toBe('UNSIGNED');
    expect(refusedWith(await openPacket(JSON.stringify(payload), ours()))).toBe('UNSIGNED');
  });

  it('refuses a sender that is not a peer (UNKNOWN_PEER), also our own province', async () => {
    const fromBeijing = await sealFromPeer({ from: '110000' }, stranger.keys.signer);
    expect(await openPacket(fromBeijing.packet, ours())).toMatchObject({ ok: false, code: 'UNKNOWN_PEER', from: '110000', verified: false });
    const fromUs = await sealFromPeer({ from: US, to: US }, us.keys.signer);
    expect(refusedWith(await openPacket(fromUs.packet, ours()))).toBe('UNKNOWN_PEER');
  });

  it('refuses a packet past its validity or issued in the future: EXPIRED', async () => {
    const { packet, payload } = await sealFromPeer();
    const later = new Date(Date.parse(payload.expiresAt) + 1);
    expect(await openPacket(packet, ours(later))).toMatchObject({ ok: false, code: 'EXPIRED', verified: true });
    const earlier = new Date(Date.parse(payload.issuedAt) - 10 * 60_000);
    expect(refusedWith(await openPacket(packet, ours(earlier)))).toBe('EXPIRED');
    // A few minutes of clock difference between the two deployments are fine.
    expect((await openPacket(packet, ours(new Date(Date.parse(payload.issuedAt) - 60_000)))).ok).toBe(true);
  });

  it('refuses a packet for another province: NOT_FOR_US', async () => {
    const { packet } = await sealFromPeer({ to: '310000' });
    expect(await openPacket(packet, ours())).toMatchObject({ ok: false, code: 'NOT_FOR_US', verified: true });
  });

  it('refuses what is not a packet of ours: MALFORMED', async () => {
    const { packet, payload } = await sealFromPeer();
    const [header, body, signature] = parts(packet);
    const now = Date.now();
    const tooLong = { ...payload, expiresAt: new Date(now + 8 * 24 * 3600_000).toISOString() };
    const cases = [
      '',
      'not a packet',
      `${header}.${body}`,
      `${header}.${body}.${signature}.x`,
      `${encodePart({ ...decodePart(header), typ: 'JWT' })}.${body}.${signature}`,
      `${encodePart({ ...decodePart(header), jku: 'https://evil.example/jwks' })}.${body}.${signature}`,
      `${header}.${encodePart({ ...payload, extra: 'x' })}.${signature}`,
      `${header}.${encodePart({ ...payload, from: '440100' })}.${signature}`,
      await signPayload(tooLong, peer.keys.signer),
      'x'.repeat(256 * 1024 + 1),
    ];
    for (const candidate of cases) expect(refusedWith(await openPacket(candidate, ours())), candidate.slice(0, 80)).toBe('MALFORMED');
  });

  it('refuses any packet with a single byte changed', async () => {
    const { packet } = await sealFromPeer();
    const context = ours();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: packet.length - 1 }), fc.integer({ min: 0, max: 255 }), async (at, code) => {
        fc.pre(packet.charCodeAt(at) !== code);
        const changed = `${packet.slice(0, at)}${String.fromCharCode(code)}${packet.slice(at + 1)}`;
        expect((await openPacket(changed, context)).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    // The last character of the signature has spare bits: a non-canonical encoding of the same bytes is refused too.
    const last = packet.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const other of alphabet) if (other !== last) expect((await openPacket(`${packet.slice(0, -1)}${other}`, context)).ok).toBe(false);
  });

  it('answers a receipt the sender verifies with the receiver\'s published keys', async () => {
    const { packet, payload } = await sealFromPeer();
    const opened = await openPacket(packet, ours());
    if (!opened.ok) throw new Error(opened.code);
    const receivedAt = new Date();
    const receipt = await sealReceipt(opened.payload, receivedAt, us.keys.signer);
    const read = await openPacket(receipt, contextOf(peer, PEER, us, US));
    expect(read).toMatchObject({ ok: true, payload: { type: 'receipt', from: US, to: PEER, caseRef: payload.caseRef, body: { packetId: payload.packetId, receivedAt: receivedAt.toISOString(), by: US } } });
  });
});

describe('packet ids', () => {
  it('are UUIDs (version 7) that sort by time', () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((at) => newPacketId(at));
    for (const id of ids) expect(id).toMatch(UUID_PATTERN);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]![14]).toBe('7');
  });
});

describe('peer configuration', () => {
  const jwks = () => ({ keys: [publicHalf(peer.pair.signing)] });

  it('reads peers with inline keys or a key URL; none when unset', () => {
    const peers = peersFrom(JSON.stringify([{ province: PEER, baseUrl: 'https://xueji.js.example.cn', jwks: jwks() }, { province: '110000', baseUrl: 'https://xueji.bj.example.cn', jwksUrl: 'https://xueji.bj.example.cn/.well-known/xueji-exchange' }]), US);
    expect(peers.map((p) => p.province)).toEqual([PEER, '110000']);
    expect(peersFrom(undefined, US)).toEqual([]);
    expect(peersFrom('', US)).toEqual([]);
  });

  it('refuses private keys, a peer without keys or with both, our own province, duplicates and bad codes', () => {
    const base = { province: PEER, baseUrl: 'https://xueji.js.example.cn' };
    const bad = [
      [{ ...base, jwks: { keys: [peer.pair.signing] } }],
      [base],
      [{ ...base, jwks: jwks(), jwksUrl: 'https://xueji.js.example.cn/.well-known/xueji-exchange' }],
      [{ ...base, province: US, jwks: jwks() }],
      [{ ...base, jwks: jwks() }, { ...base, jwks: jwks() }],
      [{ ...base, province: '320100', jwks: jwks() }],
      [{ ...base, baseUrl: 'ftp://x', jwks: jwks() }],
      [{ ...base, jwks: jwks(), extra: true }],
    ];
    for (const peers of bad) expect(() => peersFrom(JSON.stringify(peers), US), JSON.stringify(peers).slice(0, 120)).toThrow(/exchange peers/);
    expect(() => peersFrom('{', US)).toThrow(/not JSON/);
  });
});
