// One S3 bucket per manifest bucket (KMS, TLS only, no public access, versioned, retained), plus
// the bucket that receives their server access logs and the web distribution's CloudFront logs.
// Browser-upload buckets get CORS for the web origins (`allowBrowserOrigins`); expiring prefixes
// (temporary uploads) get a lifecycle rule. Replicated buckets are copied to the deployment's
// backup replica (another region) when it names one.
import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BucketDef, BucketName } from '#shared/manifest/types.ts';
import type { BackupReplica } from '../config.ts';
import { acknowledge } from '../nag.ts';
import { pascal } from '../names.ts';

export interface FileBucketsProps {
  defs: readonly BucketDef[];
  key: kms.IKey;
  /** Where the replicated buckets are copied; none when unset. */
  replica?: BackupReplica | undefined;
}

/** Server access logs are kept this long. */
const ACCESS_LOG_DAYS = 365;

export class FileBuckets extends Construct {
  readonly byName: ReadonlyMap<BucketName, s3.Bucket>;
  readonly accessLogs: s3.Bucket;
  readonly #defs: readonly BucketDef[];

  constructor(scope: Construct, id: string, props: FileBucketsProps) {
    super(scope, id);
    // S3 server access logging only delivers to buckets with S3-managed encryption. CloudFront's
    // standard logs are delivered by an ACL grant CloudFront adds for its log-delivery account, so
    // ACLs stay enabled (bucket owner preferred: the bucket owner still owns what S3 delivers);
    // public ACLs are blocked all the same.
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(ACCESS_LOG_DAYS) }],
    });

    const byName = new Map<BucketName, s3.Bucket>();
    for (const def of props.defs) {
      byName.set(
        def.name,
        new s3.Bucket(this, pascal(def.name), {
          encryption: s3.BucketEncryption.KMS,
          encryptionKey: props.key,
          bucketKeyEnabled: true,
          blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
          objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
          enforceSSL: true,
          minimumTLSVersion: 1.2,
          versioned: true,
          serverAccessLogsBucket: this.accessLogs,
          serverAccessLogsPrefix: `${def.name}/`,
          removalPolicy: RemovalPolicy.RETAIN,
          ...(def.replicated && props.replica ? { replicationRules: [this.#replicationRule(def, props.replica)] } : {}),
          lifecycleRules: [
            { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
            ...(def.expiringPrefixes ?? []).map(({ prefix, days }) => ({
              id: `expire-${prefix.replace(/[^A-Za-z0-9-]+/g, '-').replace(/-+$/, '')}`,
              prefix,
              expiration: Duration.days(days),
              noncurrentVersionExpiration: Duration.days(1),
            })),
          ],
        }),
      );
    }
    for (const def of props.defs) {
      const bucket = byName.get(def.name);
      if (def.replicated && props.replica && bucket) acknowledgeReplicationRole(bucket, props.replica);
    }
    this.byName = byName;
    this.#defs = props.defs;
  }

  /**
   * Every new object (KMS-encrypted with the data key) copied to the replica bucket, encrypted there
   * with the replica's key; deletions are not replicated, so the off-site copy outlives a mistake
   * here. CDK makes the replication role with exactly these rights.
   */
  #replicationRule(def: BucketDef, replica: BackupReplica): s3.ReplicationRule {
    const id = pascal(def.name);
    return {
      id: 'off-site-copy',
      destination: s3.Bucket.fromBucketAttributes(this, `${id}Replica`, { bucketName: replica.bucketName, region: replica.region }),
      kmsKey: kms.Key.fromKeyArn(this, `${id}ReplicaKey`, replica.keyArn),
      sseKmsEncryptedObjects: true,
      deleteMarkerReplication: false,
    };
  }

  /** CORS on the browser-upload buckets for `origins` (the web app's, which may be a token). */
  allowBrowserOrigins(origins: readonly string[]): void {
    if (origins.length === 0) return;
    for (const def of this.#defs) {
      if (def.browserUploads) this.byName.get(def.name)?.addCorsRule(browserUploadCors(origins));
    }
  }
}

/** The wildcards of the replication role CDK makes: objects of the two buckets, and KMS's action groups on the two keys. */
function acknowledgeReplicationRole(bucket: s3.Bucket, replica: BackupReplica): void {
  const role = bucket.node.tryFindChild('ReplicationRole');
  if (!role) return;
  const stack = Stack.of(bucket);
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  const logicalId = stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  acknowledge(role, `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/*]`, 'S3 replication reads every object version of this one bucket to copy it off-site; keys are generated per object.');
  acknowledge(role, `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::${replica.bucketName}/*]`, 'S3 replication writes the copies of every object into this one destination bucket in the other region.');
  const kmsReason = 'kms:GenerateDataKey* and kms:ReEncrypt* on the one replica key in the other region, which encrypts the copies; the resource is that key, not "*".';
  acknowledge(role, 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', kmsReason);
  acknowledge(role, 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', kmsReason);
}

function browserUploadCors(origins: readonly string[]): s3.CorsRule {
  return {
    allowedOrigins: [...origins],
    allowedMethods: [s3.HttpMethods.POST, s3.HttpMethods.PUT, s3.HttpMethods.GET],
    allowedHeaders: ['*'],
    exposedHeaders: ['ETag'],
    maxAge: 3600,
  };
}
