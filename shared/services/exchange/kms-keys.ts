// The exchange keys on AWS: asymmetric KMS keys (ECC_NIST_P256; SIGN_VERIFY for signing, KEY_AGREEMENT
// for the encryption key), so the private halves never leave KMS and never sit in an environment
// variable. The function would get the keys' ids (EXCHANGE_SIGNING_KEY_ID, EXCHANGE_ENCRYPTION_KEY_ID)
// and the right to use them (kms:Sign, kms:DeriveSharedSecret, kms:GetPublicKey).
//
// NOT BUILT YET: the KMS client (@aws-sdk/client-kms) is not a dependency of the project. What is
// left: `sign` = KMS Sign (ECDSA_SHA_256, MessageType RAW) with the DER signature turned into r ‖ s;
// `decrypt` = KMS DeriveSharedSecret with the JWE's ephemeral public key, then the Concat KDF and
// AES key unwrap of ECDH-ES+A256KW and A256GCM done here; `publicKeys` = GetPublicKey (SPKI → JWK,
// kid the RFC 7638 thumbprint). Until then every use answers ExchangeNotReady (503).
import type { PacketSigner } from '#shared/domain/exchange/seal.ts';
import { ExchangeNotReady, type ExchangeKeys, type PublicExchangeJwk } from './keys.ts';

const NOT_BUILT = '本部署的跨省交换密钥 (KMS) 尚未接入，暂不能收发交换包';

export class KmsExchangeKeys implements ExchangeKeys {
  readonly signingKeyId: string;
  readonly encryptionKeyId: string;

  constructor(signingKeyId: string, encryptionKeyId: string) {
    this.signingKeyId = signingKeyId;
    this.encryptionKeyId = encryptionKeyId;
  }

  get signer(): PacketSigner {
    throw new ExchangeNotReady(NOT_BUILT);
  }

  decrypt(_jwe: string): Promise<Uint8Array> {
    return Promise.reject(new ExchangeNotReady(NOT_BUILT));
  }

  publicKeys(): Promise<PublicExchangeJwk[]> {
    return Promise.reject(new ExchangeNotReady(NOT_BUILT));
  }
}
