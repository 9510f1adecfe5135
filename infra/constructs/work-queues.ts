// One SQS queue per manifest queue, each with its own dead-letter queue of the same kind (FIFO
// or standard); both KMS-encrypted and TLS only.
import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueDef, QueueName } from '#shared/manifest/types.ts';
import { pascal } from '../names.ts';

export interface WorkQueuesProps {
  defs: readonly QueueDef[];
  key: kms.IKey;
}

export class WorkQueues extends Construct {
  readonly byName: ReadonlyMap<QueueName, sqs.Queue>;

  constructor(scope: Construct, id: string, props: WorkQueuesProps) {
    super(scope, id);
    const byName = new Map<QueueName, sqs.Queue>();
    for (const def of props.defs) {
      const common: sqs.QueueProps = {
        fifo: def.fifo ? true : undefined,
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: props.key,
        enforceSSL: true,
      };
      const deadLetters = new sqs.Queue(this, `${pascal(def.name)}Dlq`, {
        ...common,
        retentionPeriod: Duration.days(14),
      });
      byName.set(
        def.name,
        new sqs.Queue(this, pascal(def.name), {
          ...common,
          visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
          deadLetterQueue: { queue: deadLetters, maxReceiveCount: def.maxReceiveCount },
        }),
      );
    }
    this.byName = byName;
  }
}
