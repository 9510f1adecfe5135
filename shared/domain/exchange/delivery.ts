// Delivering packets to the other deployment (出站交换包): how often to try and for how long, and
// which answers are worth trying again. Pure: the queue's consumer (shared/services/exchange/
// send.ts) asks these and sets the message's visibility accordingly; the queue's redrive policy
// moves a message to its dead-letter queue after EXCHANGE_MAX_RECEIVES receives.
import type { Delivery } from '../changes/case.ts';

/** Receives of one message before the exchange queue gives up on it (its redrive policy): the retry window. */
export const EXCHANGE_MAX_RECEIVES = 30;

export interface RetrySettings {
  /** The wait after the first failed attempt, doubled after each further one. */
  baseSeconds: number;
  /** The longest wait between two attempts (SQS allows a message to stay invisible 12 hours at most). */
  maxSeconds: number;
}

/** 30 s, 1 min, 2 min … then hourly: 30 attempts span about a day. */
export const DEFAULT_RETRY: RetrySettings = { baseSeconds: 30, maxSeconds: 3600 };

const SQS_MAX_VISIBILITY_SECONDS = 12 * 3600;

/** The settings from the environment (EXCHANGE_RETRY_BASE_SECONDS, EXCHANGE_RETRY_MAX_SECONDS); the tests make them short. */
export function retrySettingsFrom(env: Record<string, string | undefined>): RetrySettings {
  const number = (value: string | undefined, fallback: number) => {
    const parsed = Number(value);
    return value !== undefined && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
  };
  const baseSeconds = number(env.EXCHANGE_RETRY_BASE_SECONDS, DEFAULT_RETRY.baseSeconds);
  return { baseSeconds, maxSeconds: Math.min(SQS_MAX_VISIBILITY_SECONDS, Math.max(baseSeconds, number(env.EXCHANGE_RETRY_MAX_SECONDS, DEFAULT_RETRY.maxSeconds))) };
}

/** How long to wait after the `attempt`-th failed attempt (1 = the first), in whole seconds. */
export function retryDelaySeconds(attempt: number, settings: RetrySettings = DEFAULT_RETRY): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.round(Math.min(settings.maxSeconds, settings.baseSeconds * 2 ** exponent));
}

/** The time from the first attempt to the last: how long a peer may be down before the packet is given up. */
export function retryWindowSeconds(settings: RetrySettings = DEFAULT_RETRY, receives = EXCHANGE_MAX_RECEIVES): number {
  let total = 0;
  for (let attempt = 1; attempt < receives; attempt += 1) total += retryDelaySeconds(attempt, settings);
  return total;
}

/**
 * Whether the peer's refusal may go away by itself: its exchange not set up yet (503), our keys
 * not yet known to it (a peer caches our key set for an hour; a new peer entry is read on its next
 * request). Everything else it refuses (a malformed or misaddressed packet, a replay, an expired
 * packet) will be refused again: the packet is given up at once.
 */
export function refusalIsTransient(status: number, code: string | undefined): boolean {
  if (status >= 500 || status === 429 || status === 408) return true;
  return code === 'UNKNOWN_PEER' || code === 'BAD_SIGNATURE' || code === 'EXCHANGE_NOT_CONFIGURED';
}

/** What a case waiting on a packet shows (the API's `remote.note`). */
export function deliveryNote(delivery: Delivery | undefined, waitingForPeer: boolean): string | undefined {
  if (!delivery) return undefined;
  if (delivery.state === 'failed') return '交换包发送失败：对方省份长时间无响应或拒收，已转入死信队列，请联系系统管理员';
  if (delivery.state === 'pending') return delivery.attempts ? '等待对方省份响应' : '正在发送至对方省份';
  return waitingForPeer ? '已送达对方省份，等待对方办理' : undefined;
}
