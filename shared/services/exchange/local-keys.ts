// The exchange keys of the local stack: two private JWKs in the data folder (keys/
// exchange-signing.json, ES256; keys/exchange-encryption.json, ECDH-ES on P-256), created on the
// first start like the local token issuer's key, so packets and receipts stay verifiable after a
// restart. Handlers find them through EXCHANGE_SIGNING_KEY_FILE and EXCHANGE_ENCRYPTION_KEY_FILE,
// set by the local runtime only; a deployed stack has no such files (kms-keys.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, compactDecrypt, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { CONTENT_ALG, KEY_WRAP_ALG, SIGNING_ALG } from '#shared/domain/exchange/packet.ts';
import { UndecryptableSecret } from '#shared/domain/exchange/open.ts';
import type { PacketSigner } from '#shared/domain/exchange/seal.ts';
import type { ExchangeKeys, PublicExchangeJwk } from './keys.ts';

export const SIGNING_KEY_FILE = 'exchange-signing.json';
export const ENCRYPTION_KEY_FILE = 'exchange-encryption.json';

export interface ExchangeKeyPair {
  signing: JWK;
  encryption: JWK;
}

/** A fresh pair of private JWKs, each with its RFC 7638 thumbprint as kid (a peer's test keys too). */
export async function generateExchangeJwks(): Promise<ExchangeKeyPair> {
  const make = async (alg: string, use: 'sig' | 'enc'): Promise<JWK> => {
    const { privateKey } = await generateKeyPair(alg, { crv: 'P-256', extractable: true });
    const jwk = await exportJWK(privateKey);
    return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg, use };
  };
  return { signing: await make(SIGNING_ALG, 'sig'), encryption: await make(KEY_WRAP_ALG, 'enc') };
}

/** Creates the key files in `dir` when missing (the first start), and answers their paths. */
export async function ensureLocalExchangeKeys(dir: string): Promise<{ signingFile: string; encryptionFile: string }> {
  const signingFile = join(dir, SIGNING_KEY_FILE);
  const encryptionFile = join(dir, ENCRYPTION_KEY_FILE);
  if (!existsSync(signingFile) || !existsSync(encryptionFile)) {
    const keys = await generateExchangeJwks();
    mkdirSync(dir, { recursive: true });
    writeFileSync(signingFile, JSON.stringify(keys.signing), { mode: 0o600 });
    writeFileSync(encryptionFile, JSON.stringify(keys.encryption), { mode: 0o600 });
  }
  return { signingFile, encryptionFile };
}

/** The public half of a private EC JWK, as published. */
export function publicHalf(jwk: JWK): PublicExchangeJwk {
  const { kty, crv, x, y, kid, use, alg } = jwk;
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y || !kid) throw new Error('An exchange key is an EC P-256 JWK with a kid');
  return { kty: 'EC', crv: 'P-256', x, y, kid, use: use === 'enc' ? 'enc' : 'sig', alg: alg === KEY_WRAP_ALG ? KEY_WRAP_ALG : SIGNING_ALG };
}

/** Signs with a private JWK through WebCrypto, whose ECDSA signature is already the JWS form (r ‖ s). */
export async function jwkSigner(jwk: JWK): Promise<PacketSigner> {
  if (!jwk.kid) throw new Error('The signing key has no kid');
  const key = (await importJWK(jwk, SIGNING_ALG)) as CryptoKey;
  return {
    kid: jwk.kid,
    sign: async (input) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, input)),
  };
}

/** Keys held as private JWKs: the local stack's, or a test peer's. */
export async function jwkExchangeKeys(pair: ExchangeKeyPair): Promise<ExchangeKeys> {
  const signer = await jwkSigner(pair.signing);
  const decryptionKey = await importJWK(pair.encryption, KEY_WRAP_ALG);
  const published = [publicHalf(pair.signing), publicHalf(pair.encryption)];
  return {
    signer,
    decrypt: async (jwe) => {
      // A secret names the key it was encrypted to; one meant for another key is not tried at all.
      const keyFor = (header: { kid?: string }) => {
        if (header.kid !== pair.encryption.kid) throw new Error('The secret names another encryption key');
        return decryptionKey;
      };
      // Keys in memory: whatever fails here is the secret's fault.
      try {
        const { plaintext } = await compactDecrypt(jwe, keyFor, { keyManagementAlgorithms: [KEY_WRAP_ALG], contentEncryptionAlgorithms: [CONTENT_ALG] });
        return plaintext;
      } catch (error) {
        throw new UndecryptableSecret(error);
      }
    },
    publicKeys: async () => published,
  };
}

export async function localExchangeKeys(signingFile: string, encryptionFile: string): Promise<ExchangeKeys> {
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as JWK;
  return jwkExchangeKeys({ signing: read(signingFile), encryption: read(encryptionFile) });
}
