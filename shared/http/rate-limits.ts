// The per-user lookup limits as configured ("count/seconds" windows), read by the throttle and
// checked by the deployment settings.
export interface Window {
  count: number;
  seconds: number;
}

export const DEFAULT_LOOKUP_LIMITS = '30/60,600/86400';

/** Parses "30/60,600/86400"; a malformed setting falls back to the default rather than to no limit. */
export function parseLimits(setting: string | undefined): Window[] {
  const parse = (text: string) =>
    text.split(',').map((part) => {
      const [count, seconds] = part.trim().split('/').map(Number);
      if (!Number.isInteger(count) || !Number.isInteger(seconds) || count! < 1 || seconds! < 1) throw new Error(`bad rate limit "${part}"`);
      return { count: count!, seconds: seconds! };
    });
  try {
    return parse(setting || DEFAULT_LOOKUP_LIMITS);
  } catch {
    return parse(DEFAULT_LOOKUP_LIMITS);
  }
}
