// Exchange between deployments (跨省转学), step 1, against the local stack: the well-known document,
// and packets from a test peer province (江苏, 320000) taken once with a signed receipt, or refused
// with their code and an audit entry. No user token anywhere: the packet's signature is the
// credential. The stack learns the test peer from `<dataDir>/exchange-peers.json`, which it reads
// again whenever the file changes (local/runtime.ts, shared/services/exchange/peers.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { base64url, createLocalJWKSet, type JSONWebKeySet, type JWK } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openPacket } from '#shared/domain/exchange/open.ts';
import { sealPacket, signPayload } from '#shared/domain/exchange/seal.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { ExchangeKeys } from '#shared/services/exchange/keys.ts';
import { generateExchangeJwks, jwkExchangeKeys, publicHalf, type ExchangeKeyPair } from '#shared/services/exchange/local-keys.ts';
import { call } from '../support/api.ts';

const US = '440000';
const PEER = '320000';
const HAN = /[\u4e00-\u9fff]/;

interface ErrorReply {
  error: { code: string; message: string; fields: unknown[] };
}
interface Document {
  province: string;
  keys: JWK[];
}

let doc: DynamoDBDocumentClient;
let peer: { pair: ExchangeKeyPair; keys: ExchangeKeys };
let stranger: ExchangeKeys;
let ourDocument: Document;

const PERSONAL = { name: '王小明', idNumber: '320102201503070016', guardians: [{ name: '王大明', phone: '13912345678' }] };

/** A transfer request from the test peer, its personal data encrypted to the stack's published key. */
async function fromPeer(overrides: Partial<Parameters<typeof sealPacket>[0]> = {}, signer = peer.keys.signer) {
  const encryption = ourDocument.keys.find((key) => key.use === 'enc')!;
  return sealPacket({ type: 'transferRequest', from: PEER, to: US, caseRef: 'JS-2026-000777', body: { toSchool: '2144010601', reason: '11' }, secret: PERSONAL, recipientKey: encryption, ...overrides }, signer);
}

const deliver = (packet: string, headers: Record<string, string> = {}) => call<{ receipt: string } & ErrorReply>('POST', '/v1/exchange/packets', { body: { packet }, headers });

async function auditOf(entity: string) {
  const result = await doc.send(new QueryCommand({ TableName: RECORDS_TABLE, KeyConditionExpression: 'PK = :p AND begins_with(SK, :a)', ExpressionAttributeValues: { ':p': `EXCHANGE#${entity}`, ':a': 'AUDIT#' } }));
  return (result.Items ?? []) as { action: string; correlationId?: string; changes: { field: string; new: Record<string, unknown> }[] }[];
}

/** The refusal's answer and its one audit entry, found by the request's correlation id. */
async function expectRefused(packet: string, status: number, code: string, entity: string, packetId?: string) {
  const correlationId = `exchange-test-${Math.random().toString(36).slice(2)}`;
  const reply = await deliver(packet, { 'x-correlation-id': correlationId });
  expect(reply.status, code).toBe(status);
  expect(reply.body.error.code).toBe(code);
  expect(reply.body.error.message).toMatch(HAN);
  // Nothing of the packet is echoed.
  expect(JSON.stringify(reply.body)).not.toMatch(/JS-2026|王|3201022015/);
  const entries = (await auditOf(entity)).filter((entry) => entry.correlationId === correlationId);
  expect(entries, code).toHaveLength(1);
  expect(entries[0]).toMatchObject({ action: 'exchange.refused', changes: [{ field: 'refusal', new: { code, ...(packetId ? { packetId } : {}) } }] });
  expect(JSON.stringify(entries[0])).not.toMatch(/王|3201022015|13912345678/);
}

beforeAll(async () => {
  const stack = inject('stack');
  doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: stack.endpoints.dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const pair = await generateExchangeJwks();
  peer = { pair, keys: await jwkExchangeKeys(pair) };
  stranger = await jwkExchangeKeys(await generateExchangeJwks());
  // The stack's peer list: our test province with its public keys only.
  const jwks: JSONWebKeySet = { keys: [publicHalf(pair.signing), publicHalf(pair.encryption)] as JWK[] };
  writeFileSync(join(stack.dataDir, 'exchange-peers.json'), JSON.stringify([{ province: PEER, baseUrl: 'https://xueji.js.example.cn', jwks }]));
  ourDocument = (await call<Document>('GET', '/.well-known/xueji-exchange')).body;
});

describe('GET /.well-known/xueji-exchange', () => {
  it('publishes the province and the two public keys, no private part, cacheable, with no token', async () => {
    const reply = await call<Document>('GET', '/.well-known/xueji-exchange');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(reply.body.province).toBe(US);
    expect(reply.body.keys.map((key) => [key.use, key.alg])).toEqual([['sig', 'ES256'], ['enc', 'ECDH-ES+A256KW']]);
    for (const key of reply.body.keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', kid: expect.any(String) });
      expect(key).not.toHaveProperty('d');
    }
  });
});

describe('POST /v1/exchange/packets', () => {
  it('takes a packet from a peer once: a receipt signed with the published key, one inbox item, one audit entry; again the same receipt', async () => {
    const { packet, payload } = await fromPeer();
    // A bearer token is not what authenticates a packet: a stray one changes nothing.
    const first = await deliver(packet, { authorization: 'Bearer not-a-token' });
    expect(first.status).toBe(202);
    expect(Object.keys(first.body)).toEqual(['receipt']);

    const receipt = await openPacket(first.body.receipt, { self: PEER, peer: (province) => (province === US ? createLocalJWKSet(ourDocument as JSONWebKeySet) : undefined), decrypt: (jwe) => peer.keys.decrypt(jwe) });
    expect(receipt).toMatchObject({ ok: true, payload: { type: 'receipt', from: US, to: PEER, caseRef: payload.caseRef, body: { packetId: payload.packetId, by: US } } });

    const second = await deliver(packet);
    expect(second.status).toBe(202);
    expect(second.body.receipt).toBe(first.body.receipt);

    const { Item } = await doc.send(new GetCommand({ TableName: RECORDS_TABLE, Key: { PK: `EXCHANGEIN#${payload.packetId}`, SK: 'PACKET' } }));
    expect(Item).toMatchObject({ itemType: 'exchangeIn', packetId: payload.packetId, from: PEER, type: 'transferRequest', packet, receipt: first.body.receipt });
    expect(Item).not.toHaveProperty('expiresAt');
    // Kept as it came: the personal data stays encrypted.
    expect(JSON.stringify(Item)).not.toMatch(/王|320102201503070016|13912345678/);
    const received = (await auditOf(PEER)).filter((entry) => entry.action === 'exchange.received' && entry.changes[0]?.new.packetId === payload.packetId);
    expect(received).toHaveLength(1);
  });

  it('refuses a packet id already received with other content: 409 REPLAYED, audited, the first kept', async () => {
    const { packet, payload } = await fromPeer();
    expect((await deliver(packet)).status).toBe(202);
    const other = await fromPeer({ packetId: payload.packetId, caseRef: 'JS-2026-000778' });
    await expectRefused(other.packet, 409, 'REPLAYED', PEER, payload.packetId);
    const { Item } = await doc.send(new GetCommand({ TableName: RECORDS_TABLE, Key: { PK: `EXCHANGEIN#${payload.packetId}`, SK: 'PACKET' } }));
    expect(Item?.caseRef).toBe('JS-2026-000777');
  });

  it('refuses tampered, unsigned, unknown-peer, expired, not-for-us and malformed packets, each with its code and an audit entry', async () => {
    const { packet, payload } = await fromPeer();
    const [header, body, signature] = packet.split('.') as [string, string, string];
    const decoded = JSON.parse(new TextDecoder().decode(base64url.decode(body))) as Record<string, unknown>;
    const tampered = `${header}.${base64url.encode(JSON.stringify({ ...decoded, caseRef: 'JS-2026-000999' }))}.${signature}`;
    await expectRefused(tampered, 401, 'BAD_SIGNATURE', PEER, payload.packetId);

    const unsigned = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'xueji-exchange+jws' }))}.${body}.`;
    await expectRefused(unsigned, 401, 'UNSIGNED', PEER, payload.packetId);
    await expectRefused(JSON.stringify(payload), 401, 'UNSIGNED', PEER, payload.packetId);

    const wrongKey = await fromPeer({}, stranger.signer);
    await expectRefused(wrongKey.packet, 401, 'BAD_SIGNATURE', PEER, wrongKey.payload.packetId);

    const beijing = await fromPeer({ from: '110000' }, stranger.signer);
    await expectRefused(beijing.packet, 400, 'UNKNOWN_PEER', '110000', beijing.payload.packetId);

    const stale = await fromPeer({ now: new Date(Date.now() - 48 * 3600_000) });
    await expectRefused(stale.packet, 400, 'EXPIRED', PEER, stale.payload.packetId);

    const forShanghai = await fromPeer({ to: '310000' });
    await expectRefused(forShanghai.packet, 400, 'NOT_FOR_US', PEER, forShanghai.payload.packetId);

    const tooLong = await signPayload({ ...payload, expiresAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString() }, peer.keys.signer);
    await expectRefused(tooLong, 400, 'MALFORMED', PEER, payload.packetId);
    await expectRefused('not a packet', 400, 'MALFORMED', 'unknown');
  });

  it('answers a body that is no packet at all with the API\'s validation error', async () => {
    const reply = await call<ErrorReply>('POST', '/v1/exchange/packets', { body: { packet: 42 } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
  });
});
