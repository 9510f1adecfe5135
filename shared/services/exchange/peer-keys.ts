// What the sender needs of a peer: where it takes packets, the key to encrypt its personal data
// to, and its signing keys to verify its receipts. From the peer list (shared/services/exchange/
// peers.ts): a peer given with `jwks` has its keys inline; one given with `jwksUrl` publishes them
// there (its /.well-known/xueji-exchange, itself a JWKS), read when needed and kept ten minutes.
import type { JWK } from 'jose';
import type { PeerVerifier } from '#shared/domain/exchange/open.ts';
import { KEY_WRAP_ALG } from '#shared/domain/exchange/packet.ts';
import type { ExchangePeer } from '#shared/domain/exchange/peers.ts';
import { knownPeers } from './peers.ts';

/** The peer cannot be reached or has no usable key now: worth trying again later. */
export class PeerUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeerUnavailable';
  }
}

const DOCUMENT_TTL_MS = 10 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;
const documents = new Map<string, { at: number; keys: JWK[] }>();

export interface Peer {
  peer: ExchangePeer;
  verifier: PeerVerifier;
}

export function peerOf(self: string, province: string): Peer {
  const found = knownPeers(self).get(province);
  if (!found) throw new PeerUnavailable(`province ${province} is not a configured peer`);
  return found;
}

async function publishedKeys(peer: ExchangePeer): Promise<JWK[]> {
  if (peer.jwks) return peer.jwks.keys as JWK[];
  const url = peer.jwksUrl!;
  const cached = documents.get(url);
  if (cached && Date.now() - cached.at < DOCUMENT_TTL_MS) return cached.keys;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
  } catch (error) {
    throw new PeerUnavailable(`keys of ${peer.province} not reachable: ${(error as Error).name}`);
  }
  if (!response.ok) throw new PeerUnavailable(`keys of ${peer.province} answered ${response.status}`);
  const document = (await response.json().catch(() => undefined)) as { province?: unknown; keys?: unknown } | undefined;
  if (!document || !Array.isArray(document.keys)) throw new PeerUnavailable(`keys of ${peer.province}: not a key set`);
  if (document.province !== undefined && document.province !== peer.province) throw new PeerUnavailable(`keys at ${url} are of province ${String(document.province)}, not ${peer.province}`);
  const keys = document.keys as JWK[];
  documents.set(url, { at: Date.now(), keys });
  return keys;
}

/** The public key the peer's personal data is encrypted to (its `use: "enc"` key, with a kid). */
export async function peerEncryptionKey(peer: ExchangePeer): Promise<JWK> {
  const key = (await publishedKeys(peer)).find((candidate) => candidate.use === 'enc' && (candidate.alg === undefined || candidate.alg === KEY_WRAP_ALG) && candidate.kid);
  if (!key) throw new PeerUnavailable(`province ${peer.province} publishes no encryption key`);
  if ('d' in key) throw new PeerUnavailable(`the encryption key of ${peer.province} has a private part`);
  return key;
}
