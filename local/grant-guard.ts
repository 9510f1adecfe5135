// Enforces the manifest's grants locally, as IAM does in the cloud: each invocation runs in a
// scope naming its function, and a middleware on the shared SDK clients refuses any call to a
// table, bucket or queue the function's manifest entry does not grant. A missing grant thus
// fails in the local tests instead of after deployment.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FunctionDef } from '#shared/manifest/types.ts';

const scope = new AsyncLocalStorage<FunctionDef>();

export function withinGrants<T>(fn: FunctionDef, run: () => Promise<T>): Promise<T> {
  return scope.run(fn, run);
}

const DYNAMO_READS = new Set(['GetCommand', 'QueryCommand', 'ScanCommand', 'BatchGetCommand', 'TransactGetCommand', 'GetItemCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand', 'DescribeTableCommand']);
const S3_READS = new Set(['GetObjectCommand', 'HeadObjectCommand', 'ListObjectsV2Command', 'ListObjectsCommand', 'GetObjectAttributesCommand']);
const SQS_SENDS = new Set(['SendMessageCommand', 'SendMessageBatchCommand', 'GetQueueAttributesCommand', 'GetQueueUrlCommand']);

export class GrantDenied extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessDeniedException';
  }
}

function tablesOf(input: Record<string, unknown>): string[] {
  const names = new Set<string>();
  if (typeof input.TableName === 'string') names.add(input.TableName);
  for (const key of ['RequestItems'] as const) {
    const items = input[key];
    if (items && typeof items === 'object') for (const name of Object.keys(items)) names.add(name);
  }
  const transact = input.TransactItems;
  if (Array.isArray(transact)) {
    for (const item of transact as Record<string, { TableName?: string }>[]) {
      for (const op of Object.values(item)) if (op?.TableName) names.add(op.TableName);
    }
  }
  return [...names];
}

function check(service: 'dynamodb' | 's3' | 'sqs', command: string, input: Record<string, unknown>, queueNames: Map<string, string>): void {
  const fn = scope.getStore();
  if (!fn) return;
  const deny = (what: string) => {
    throw new GrantDenied(`函数 ${fn.id} 未在应用清单中获得授权: ${command} on ${what}`);
  };
  if (service === 'dynamodb') {
    const write = !DYNAMO_READS.has(command);
    for (const table of tablesOf(input)) {
      const access = fn.tables?.[table];
      if (!access || (write && access !== 'readwrite')) deny(`table ${table}`);
    }
  } else if (service === 's3') {
    const bucket = String(input.Bucket ?? '');
    const access = fn.buckets?.[bucket];
    if (!access || (!S3_READS.has(command) && access !== 'readwrite')) deny(`bucket ${bucket}`);
  } else {
    const queue = queueNames.get(String(input.QueueUrl ?? '')) ?? '';
    const access = fn.queues?.[queue];
    if (!access || (SQS_SENDS.has(command) ? false : access !== 'consume')) deny(`queue ${queue || String(input.QueueUrl)}`);
  }
}

interface MiddlewareStackLike {
  add(middleware: (next: (args: { input: object }) => Promise<unknown>, context: { commandName?: string }) => (args: { input: object }) => Promise<unknown>, options: { step: 'initialize'; name: string }): void;
}

/** Installs the guard on the handlers' shared clients (the very module instances they import). */
export async function installGrantGuard(queueNames: Map<string, string>): Promise<void> {
  const [{ dynamo }, { s3 }, { sqs }] = await Promise.all([import('#shared/data/dynamo-client.ts'), import('#shared/data/s3-client.ts'), import('#shared/data/sqs-client.ts')]);
  const targets: ['dynamodb' | 's3' | 'sqs', { middlewareStack: unknown }][] = [['dynamodb', dynamo], ['s3', s3], ['sqs', sqs]];
  for (const [service, client] of targets) {
    (client.middlewareStack as MiddlewareStackLike).add(
      (next, context) => async (args) => {
        check(service, context.commandName ?? '', args.input as Record<string, unknown>, queueNames);
        return next(args);
      },
      { step: 'initialize', name: `localGrantGuard-${service}` },
    );
  }
}
