// The deployment's own keys for the exchange between deployments (跨省转学): two asymmetric KMS keys
// on P-256, one that signs packets and receipts (SIGN_VERIFY, ES256) and one that peers encrypt
// personal data to (KEY_AGREEMENT, ECDH-ES+A256KW). Their private halves never leave KMS; the
// exchange function learns their ARNs and may use them for exactly what it does with them
// (shared/services/exchange/kms-keys.ts), and their public halves are published at
// GET /.well-known/xueji-exchange.
//
// Retained: peers know the keys by their kid (a thumbprint of the public key); a key deleted with the
// stack and made anew would be a new kid that no peer has yet. Asymmetric keys do not rotate in KMS
// (cdk-nag's rotation rule applies to symmetric keys only): a new key is a new key, published next
// to the old one for a while, which is for later.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { AppFunction } from './app-function.ts';

export interface ExchangeKeysProps {
  /** For the aliases: alias/<service>/<stage>/exchange-signing and …/exchange-encryption. */
  service: string;
  stage: string;
}

export class ExchangeKeys extends Construct {
  readonly signing: kms.Key;
  readonly encryption: kms.Key;

  constructor(scope: Construct, id: string, props: ExchangeKeysProps) {
    super(scope, id);
    const common = {
      keySpec: kms.KeySpec.ECC_NIST_P256,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.signing = new kms.Key(this, 'Signing', {
      ...common,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      description: `Signs the exchange packets and receipts of ${props.service} (${props.stage}), ES256`,
      alias: `alias/${props.service}/${props.stage}/exchange-signing`,
    });
    this.encryption = new kms.Key(this, 'Encryption', {
      ...common,
      keyUsage: kms.KeyUsage.KEY_AGREEMENT,
      description: `Opens the personal data peers encrypt to ${props.service} (${props.stage}), ECDH-ES+A256KW`,
      alias: `alias/${props.service}/${props.stage}/exchange-encryption`,
    });
  }

  /** Hands the keys to the exchange function: their ARNs, and the rights its code uses, nothing more. */
  useIn(fn: AppFunction): void {
    fn.fn.addEnvironment('EXCHANGE_SIGNING_KEY_ID', this.signing.keyArn);
    fn.fn.addEnvironment('EXCHANGE_ENCRYPTION_KEY_ID', this.encryption.keyArn);
    this.signing.grant(fn, 'kms:Sign', 'kms:GetPublicKey');
    this.encryption.grant(fn, 'kms:DeriveSharedSecret', 'kms:GetPublicKey');
  }
}
