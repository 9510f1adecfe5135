// The known peers and their signing keys: the peer list (peer-list.ts: EXCHANGE_PEERS on AWS, or
// locally the data folder's exchange-peers.json, read again whenever it changes), each peer with a
// verifier of its signatures: its keys inline (`jwks`), or where it publishes them (`jwksUrl`).
import { createLocalJWKSet, createRemoteJWKSet } from 'jose';
import type { PeerVerifier } from '#shared/domain/exchange/open.ts';
import type { ExchangePeer } from '#shared/domain/exchange/peers.ts';
import { configuredPeers } from './peer-list.ts';

interface Loaded {
  /** What the list was read from: the variable's text, or the file's modification time and size. */
  source: string;
  peers: Map<string, { peer: ExchangePeer; verifier: PeerVerifier }>;
}

let loaded: Loaded | undefined;
// Remote key sets keep their own cache and cooldown; one per URL for the life of the container.
const remote = new Map<string, PeerVerifier>();

function verifierOf(peer: ExchangePeer): PeerVerifier {
  if (peer.jwks) return createLocalJWKSet(peer.jwks);
  const url = peer.jwksUrl!;
  let verifier = remote.get(url);
  if (!verifier) {
    verifier = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cacheMaxAge: 3600_000 });
    remote.set(url, verifier);
  }
  return verifier;
}

/** The known peers by province, with a verifier of each one's signatures. */
export function knownPeers(self: string): Loaded['peers'] {
  const { source, peers } = configuredPeers(self);
  if (loaded?.source !== source) loaded = { source, peers: new Map(peers.map((peer) => [peer.province, { peer, verifier: verifierOf(peer) }])) };
  return loaded.peers;
}
