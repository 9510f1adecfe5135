// Every minute: the exchange's work whose message went missing is sent again: packets to a peer
// whose attempt is overdue (never made, or its retry should have come back by now), and packets
// received but not applied within a minute. Duplicates are harmless: a packet is sealed once and
// the peer takes a packet id once; a received packet is applied once.
import { sendExchangeWork, staleApplies, staleOutgoing, type ExchangeWork } from '#shared/data/exchange-outbox.ts';
import { logger } from '#shared/http/logger.ts';

const graceMs = () => Number(process.env.OUTBOX_GRACE_SECONDS ?? 60) * 1000;

export async function resendStaleExchange(now = Date.now()): Promise<number> {
  const before = new Date(now - graceMs()).toISOString();
  const [sends, applies] = await Promise.all([staleOutgoing(before, 200), staleApplies(before, 200)]);
  const work: ExchangeWork[] = [...sends.map((key) => ({ work: 'send' as const, key })), ...applies.map((key) => ({ work: 'apply' as const, key }))];
  if (work.length === 0) return 0;
  const failed = await sendExchangeWork(work);
  if (failed.length > 0) logger.warn('some exchange messages not sent; next run retries', { count: failed.length });
  return work.length - failed.length;
}
