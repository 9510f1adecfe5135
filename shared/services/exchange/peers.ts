// The known peers and their signing keys. On AWS the list is EXCHANGE_PEERS (JSON, from the
// deployment's `exchangePeers` setting), read once. Locally it may instead be a file of the data
// folder (EXCHANGE_PEERS_FILE, `<dataDir>/exchange-peers.json`), read again whenever it changes, so
// a peer is added to a running stack (as the integration tests do) without a restart; no file, no
// peers. A list that does not check out answers ExchangeNotReady: nobody gets in by a typo.
import { readFileSync, statSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet } from 'jose';
import type { PeerVerifier } from '#shared/domain/exchange/open.ts';
import { peersFrom, type ExchangePeer } from '#shared/domain/exchange/peers.ts';
import { logger } from '#shared/http/logger.ts';
import { ExchangeNotReady } from './keys.ts';

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

function currentSource(): { source: string; read: () => string | undefined } {
  const inline = process.env.EXCHANGE_PEERS;
  if (inline !== undefined && inline.trim() !== '') return { source: `env:${inline}`, read: () => inline };
  const file = process.env.EXCHANGE_PEERS_FILE;
  if (!file) return { source: 'none', read: () => undefined };
  try {
    const stat = statSync(file);
    return { source: `file:${stat.mtimeMs}:${stat.size}`, read: () => readFileSync(file, 'utf8') };
  } catch {
    return { source: 'none', read: () => undefined };
  }
}

/** The known peers by province, with a verifier of each one's signatures. */
export function knownPeers(self: string): Loaded['peers'] {
  const { source, read } = currentSource();
  if (loaded?.source !== source) {
    let peers: ExchangePeer[];
    try {
      peers = peersFrom(read(), self);
    } catch (error) {
      logger.error('exchange peers are misconfigured', error instanceof Error ? error : new Error(String(error)));
      throw new ExchangeNotReady('本部署的跨省交换对象配置有误，暂不能收发交换包');
    }
    loaded = { source, peers: new Map(peers.map((peer) => [peer.province, { peer, verifier: verifierOf(peer) }])) };
  }
  return loaded.peers;
}
