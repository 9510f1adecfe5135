// One S3 bucket per manifest bucket (KMS, TLS only, no public access, versioned, retained), plus
// the bucket that receives their server access logs and the web distribution's CloudFront logs.
// Browser-upload buckets get CORS for the web origins (`allowBrowserOrigins`); expiring prefixes
// (temporary uploads) get a lifecycle rule.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BucketDef, BucketName } from '#shared/manifest/types.ts';
import { pascal } from '../names.ts';

export interface FileBucketsProps {
  defs: readonly BucketDef[];
  key: kms.IKey;
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
    this.byName = byName;
    this.#defs = props.defs;
  }

  /** CORS on the browser-upload buckets for `origins` (the web app's, which may be a token). */
  allowBrowserOrigins(origins: readonly string[]): void {
    if (origins.length === 0) return;
    for (const def of this.#defs) {
      if (def.browserUploads) this.byName.get(def.name)?.addCorsRule(browserUploadCors(origins));
    }
  }
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
