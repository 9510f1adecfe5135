// The deployment's exchange document (GET /.well-known/xueji-exchange): its province and the
// public halves of its signing and encryption keys. `keys` makes the document itself a JWKS, so a
// peer can name this URL as its `jwksUrl` for us.
import type { PublicExchangeJwk } from './keys.ts';
import { exchangeKeys, ownProvince } from './settings.ts';

export async function exchangeDocument(): Promise<{ province: string; keys: PublicExchangeJwk[] }> {
  const province = ownProvince();
  return { province, keys: await (await exchangeKeys()).publicKeys() };
}
