// Where the peer list comes from, and what a function that only needs to name the peers reads of
// it (the changes function, filing a transfer from another province): their province codes, so its
// bundle carries neither the list's full schema nor jose nor the KMS client. The exchange function
// reads the list strictly (peer-list.ts, peers.ts). On AWS the list is EXCHANGE_PEERS (JSON, from
// the deployment's `exchangePeers` setting); locally it may instead be a file of the data folder
// (EXCHANGE_PEERS_FILE, `<dataDir>/exchange-peers.json`), read again whenever it changes.
import { readFileSync, statSync } from 'node:fs';
import { isProvinceCode } from '#shared/domain/exchange/provinces.ts';
import { ExchangeNotReady } from './keys.ts';

/** This deployment's province (PROVINCE_CODE), as settings.ts reads it, without loading the keys. */
export function ownProvinceCode(): string {
  const code = process.env.PROVINCE_CODE;
  if (!isProvinceCode(code)) throw new ExchangeNotReady('本部署尚未设置省份代码 (PROVINCE_CODE)，暂不能收发交换包');
  return code;
}

/** The list's text and what it was read from (it changes when the list does). */
export function peerSource(): { source: string; read: () => string | undefined } {
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

/** The peers' province codes (not this deployment's own); a list that is not an array of peers answers ExchangeNotReady. */
export function peerProvinces(self: string): string[] {
  const text = peerSource().read();
  if (text === undefined || text.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ExchangeNotReady('本部署的跨省交换对象配置有误，暂不能收发交换包');
  }
  if (!Array.isArray(value)) throw new ExchangeNotReady('本部署的跨省交换对象配置有误，暂不能收发交换包');
  return value.flatMap((peer: unknown) => {
    const province = (peer as { province?: unknown } | null)?.province;
    return isProvinceCode(province) && province !== self ? [province] : [];
  });
}
