// This deployment's side of the exchange, from its environment: its province (PROVINCE_CODE) and
// its keys: the local stack's key files (EXCHANGE_SIGNING_KEY_FILE, EXCHANGE_ENCRYPTION_KEY_FILE,
// set by the local runtime), or on AWS the KMS keys' ARNs (EXCHANGE_SIGNING_KEY_ID,
// EXCHANGE_ENCRYPTION_KEY_ID, set by the stack on the exchange function only). Never both in one
// place; should they be, the files win, so a stray variable in a developer's shell cannot send the
// local stack to KMS. Whatever is missing answers ExchangeNotReady: the exchange is off, the rest of
// the system is not.
import { isProvinceCode } from '#shared/domain/exchange/packet.ts';
import { ExchangeNotReady, type ExchangeKeys } from './keys.ts';
import { KmsExchangeKeys } from './kms-keys.ts';
import { localExchangeKeys } from './local-keys.ts';

export function ownProvince(): string {
  const code = process.env.PROVINCE_CODE;
  if (!isProvinceCode(code)) throw new ExchangeNotReady('本部署尚未设置省份代码 (PROVINCE_CODE)，暂不能收发交换包');
  return code;
}

// Read once per container: the keys change only with a deployment (or a restart of the local stack);
// on AWS that is two GetPublicKey calls per cold start of the exchange function.
let keys: Promise<ExchangeKeys> | undefined;

function loadKeys(): Promise<ExchangeKeys> {
  const { EXCHANGE_SIGNING_KEY_FILE: signingFile, EXCHANGE_ENCRYPTION_KEY_FILE: encryptionFile, EXCHANGE_SIGNING_KEY_ID: signingKeyId, EXCHANGE_ENCRYPTION_KEY_ID: encryptionKeyId } = process.env;
  if (signingFile && encryptionFile) return localExchangeKeys(signingFile, encryptionFile);
  // Reads both public keys from KMS once: the signer needs its kid, a secret the key it names.
  if (signingKeyId && encryptionKeyId) return KmsExchangeKeys.load(signingKeyId, encryptionKeyId);
  return Promise.reject(new ExchangeNotReady('本部署尚未配置跨省交换密钥，暂不能收发交换包'));
}

export function exchangeKeys(): Promise<ExchangeKeys> {
  keys ??= loadKeys().catch((error: unknown) => {
    // A failed load is tried again on the next request (a key file being written, say).
    keys = undefined;
    throw error;
  });
  return keys;
}
