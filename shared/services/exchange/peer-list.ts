// The peer list, checked strictly (shared/domain/exchange/peers.ts): a list that does not check out
// answers ExchangeNotReady, so nobody gets in by a typo. Read again whenever it changes (peer-source.ts).
import { peersFrom, type ExchangePeer } from '#shared/domain/exchange/peers.ts';
import { logger } from '#shared/http/logger.ts';
import { ExchangeNotReady } from './keys.ts';
import { peerSource } from './peer-source.ts';

let loaded: { source: string; peers: ExchangePeer[] } | undefined;

/** The configured peers, and what the list was read from (it changes when the list does). */
export function configuredPeers(self: string): { source: string; peers: ExchangePeer[] } {
  const { source, read } = peerSource();
  if (loaded?.source !== `${self}|${source}`) {
    let peers: ExchangePeer[];
    try {
      peers = peersFrom(read(), self);
    } catch (error) {
      logger.error('exchange peers are misconfigured', error instanceof Error ? error : new Error(String(error)));
      throw new ExchangeNotReady('本部署的跨省交换对象配置有误，暂不能收发交换包');
    }
    loaded = { source: `${self}|${source}`, peers };
  }
  return loaded;
}
