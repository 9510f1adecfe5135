// Walks the manifest's functions: one AppFunction each (local-only ones are skipped), with its
// bundle from the one shared esbuild build, the environment naming the resources it may touch, the
// grants it lists and the triggers it has.
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { bucketEnv, queueUrlEnv, tableArnEnv, tableEnv } from '#shared/manifest/env-names.ts';
import type { AppManifest, FunctionDef } from '#shared/manifest/types.ts';
import { AppFunction } from './app-function.ts';
import { FunctionBundles } from './function-bundles.ts';
import type { AppHttpApi } from './http-api.ts';
import { grantBucket, grantQueue, grantTable } from '../wiring/grants.ts';
import { addTrigger } from '../wiring/triggers.ts';

export interface ManifestFunctionsProps {
  manifest: AppManifest;
  tables: ReadonlyMap<string, dynamodb.Table>;
  buckets: ReadonlyMap<string, s3.Bucket>;
  queues: ReadonlyMap<string, sqs.Queue>;
  api: AppHttpApi | undefined;
  /** Variables every handler gets (auth, version, logging, the cursor key). */
  environment: Record<string, string>;
  /** Encrypts the functions' environment at rest (it holds the cursor key). */
  environmentKey: kms.IKey;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

export class ManifestFunctions extends Construct {
  readonly byId: ReadonlyMap<string, AppFunction>;

  constructor(scope: Construct, id: string, props: ManifestFunctionsProps) {
    super(scope, id);
    const { manifest } = props;
    const table = (name: string) => found(props.tables.get(name), 'table', name);
    const bucket = (name: string) => found(props.buckets.get(name), 'bucket', name);
    const queue = (name: string) => found(props.queues.get(name), 'queue', name);
    const byId = new Map<string, AppFunction>();
    const deployed = deployedFunctions(manifest);
    // One esbuild build for all of them, run when CDK stages the first bundle (never when the
    // stack's bundling is skipped); every entry file is checked here either way.
    const bundles = new FunctionBundles(deployed);

    for (const def of deployed) {
      const environment: Record<string, string> = { ...props.environment };
      for (const name of Object.keys(def.tables ?? {})) environment[tableEnv(name)] = table(name).tableName;
      for (const [name, access] of Object.entries(def.tables ?? {})) if (access === 'export') environment[tableArnEnv(name)] = table(name).tableArn;
      for (const name of Object.keys(def.buckets ?? {})) environment[bucketEnv(name)] = bucket(name).bucketName;
      for (const name of Object.keys(def.queues ?? {})) environment[queueUrlEnv(name)] = queue(name).queueUrl;

      const fn = new AppFunction(this, def.id, {
        def,
        code: bundles.code(def),
        environment,
        environmentKey: props.environmentKey,
        logLevel: props.logLevel,
      });

      for (const [name, access] of Object.entries(def.tables ?? {})) {
        const hasIndexes = (manifest.tables.find((t) => t.name === name)?.indexes.length ?? 0) > 0;
        grantTable(fn, table(name), hasIndexes, access);
      }
      for (const [name, access] of Object.entries(def.buckets ?? {})) grantBucket(fn, bucket(name), access);
      // DynamoDB writes a table's export with the rights of whoever started it, ACL included.
      if (Object.values(def.tables ?? {}).includes('export')) {
        for (const [name, access] of Object.entries(def.buckets ?? {})) if (access === 'readwrite') bucket(name).grantPutAcl(fn);
      }
      const triggeredBy = new Set(def.triggers.flatMap((t) => (t.kind === 'queue' ? [t.queue] : [])));
      for (const [name, access] of Object.entries(def.queues ?? {})) {
        // A queue trigger's event source grants consumption; don't grant it twice.
        if (access === 'consume' && triggeredBy.has(name)) continue;
        grantQueue(fn, queue(name), access, triggeredBy.has(name));
      }
      def.triggers.forEach((trigger, index) =>
        addTrigger(this, def.id, fn, trigger, index, { api: props.api, queue, bucket, table, dataKey: props.environmentKey }),
      );
      byId.set(def.id, fn);
    }
    this.byId = byId;
  }
}

/** The functions that exist in the cloud: all but the local-only ones (the dev login). */
export function deployedFunctions(manifest: AppManifest): FunctionDef[] {
  return manifest.functions.filter((def) => !def.localOnly);
}

function found<T>(value: T | undefined, what: string, name: string): T {
  if (value === undefined) throw new Error(`The manifest names an undeclared ${what} "${name}"`);
  return value;
}
