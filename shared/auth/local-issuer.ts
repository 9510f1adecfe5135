// The local token issuer: one ES256 key pair kept in the data folder (so tokens survive a
// restart), its public half served as a JWKS, its private half signing demo-user tokens.
// Only the local runtime creates the key; a deployed stack has none, so nothing can be signed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

export const LOCAL_ISSUER_KID = 'local-dev-1';
const TOKEN_LIFETIME = '8h';

export async function loadOrCreateLocalKey(file: string): Promise<{ publicJwk: JWK }> {
  if (!existsSync(file)) {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ ...(await exportJWK(privateKey)), kid: LOCAL_ISSUER_KID, alg: 'ES256' }), { mode: 0o600 });
  }
  const { d: _private, ...publicJwk } = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  return { publicJwk: { ...publicJwk, use: 'sig' } };
}

export async function signLocalToken(keyFile: string, subject: string, claims: { issuer: string; audience?: string }): Promise<string> {
  const jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const key = await importJWK(jwk, 'ES256');
  let token = new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: LOCAL_ISSUER_KID }).setSubject(subject).setIssuer(claims.issuer).setIssuedAt().setExpirationTime(TOKEN_LIFETIME);
  if (claims.audience) token = token.setAudience(claims.audience);
  return token.sign(key);
}
