// The deployment's own exchange keys, behind one interface so the handlers do not know where they
// are kept: in the data folder locally (local-keys.ts), in KMS on AWS (kms-keys.ts, still to come),
// where a private key never leaves KMS and never sits in an environment variable.
import type { PacketSigner } from '#shared/domain/exchange/seal.ts';

/** A public key as the well-known document publishes it. */
export interface PublicExchangeJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  use: 'sig' | 'enc';
  alg: 'ES256' | 'ECDH-ES+A256KW';
}

export interface ExchangeKeys {
  /** Signs packets and receipts with the signing key (ES256). */
  readonly signer: PacketSigner;
  /** Opens a secret encrypted to the encryption key (ECDH-ES+A256KW, A256GCM); throws when it cannot. */
  decrypt(jwe: string): Promise<Uint8Array>;
  /** The public halves of both keys, signing first. */
  publicKeys(): Promise<PublicExchangeJwk[]>;
}

/** The exchange is not set up on this deployment (no province code, no keys, a bad peer list): 503, not a bug. */
export class ExchangeNotReady extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExchangeNotReady';
  }
}
