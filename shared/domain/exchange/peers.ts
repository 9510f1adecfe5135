// The peer provinces a deployment exchanges with, from configuration (EXCHANGE_PEERS, or locally
// the data folder's exchange-peers.json): each one's province code, base URL, and its public keys
// either inline (`jwks`) or where it publishes them (`jwksUrl`, its /.well-known/xueji-exchange).
// Checked strictly: a wrong setting must stop the exchange, not let a stranger in.
import type { JSONWebKeySet } from 'jose';
import * as z from 'zod/mini';
import { isProvinceCode } from './packet.ts';

export interface ExchangePeer {
  province: string;
  baseUrl: string;
  jwks?: JSONWebKeySet;
  jwksUrl?: string;
}

/** Members only a private or secret key has: a peer's keys are published, never its private halves. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

const webUrl = () => z.url({ protocol: /^https?$/ });

const PeersSchema = () =>
  z.array(
    z.strictObject({
      province: z.string().check(z.refine(isProvinceCode, 'province must be a province-level code such as 440000')),
      baseUrl: webUrl(),
      jwks: z.optional(z.object({ keys: z.array(z.looseObject({ kty: z.string() })).check(z.minLength(1)) })),
      jwksUrl: z.optional(webUrl()),
    }),
  );

/** The peers of `json` (a JSON array); throws with what is wrong. `self` is our own province, never a peer. */
export function peersFrom(json: string | undefined, self: string | undefined): ExchangePeer[] {
  if (json === undefined || json.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('exchange peers: not JSON (an array of {province, baseUrl, jwks | jwksUrl})');
  }
  const parsed = z.safeParse(PeersSchema(), value);
  if (!parsed.success) throw new Error(`exchange peers: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const seen = new Set<string>();
  for (const peer of parsed.data) {
    if (seen.has(peer.province)) throw new Error(`exchange peers: province ${peer.province} is listed twice`);
    seen.add(peer.province);
    if (peer.province === self) throw new Error(`exchange peers: ${peer.province} is this deployment's own province`);
    if ((peer.jwks === undefined) === (peer.jwksUrl === undefined)) throw new Error(`exchange peers: ${peer.province} needs either jwks or jwksUrl`);
    if (peer.jwks?.keys.some((key) => PRIVATE_MEMBERS.some((member) => member in key))) {
      throw new Error(`exchange peers: a key of ${peer.province} has a private part; give only the public keys`);
    }
  }
  return parsed.data as ExchangePeer[];
}
