// Enforces the manifest's grants locally, as IAM does in the cloud: each invocation runs in a
// scope naming its function, and a middleware on the handlers' shared DynamoDB client refuses
// any call to a table the function's manifest entry does not grant (or grants read-only, for a
// write). A missing grant thus fails in the local tests instead of after deployment. Buckets get
// the same guard on the handlers' object store (its presigned uploads and links included: in the
// cloud, S3 refuses what the signing role may not do). Queues are not guarded yet.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FunctionDef } from '#shared/manifest/types.ts';

const scope = new AsyncLocalStorage<FunctionDef>();

export function withinGrants<T>(fn: FunctionDef, run: () => Promise<T>): Promise<T> {
  return scope.run(fn, run);
}

const READS = new Set(['GetCommand', 'QueryCommand', 'ScanCommand', 'BatchGetCommand', 'TransactGetCommand', 'GetItemCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand', 'DescribeTableCommand']);

export class GrantDenied extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessDeniedException';
  }
}

function tablesOf(input: Record<string, unknown>): string[] {
  const names = new Set<string>();
  if (typeof input.TableName === 'string') names.add(input.TableName);
  const batch = input.RequestItems;
  if (batch && typeof batch === 'object') for (const name of Object.keys(batch)) names.add(name);
  const transact = input.TransactItems;
  if (Array.isArray(transact)) {
    for (const item of transact as Record<string, { TableName?: string }>[]) {
      for (const op of Object.values(item)) if (op?.TableName) names.add(op.TableName);
    }
  }
  return [...names];
}

function check(command: string, input: Record<string, unknown>): void {
  const fn = scope.getStore();
  if (!fn) return;
  const write = !READS.has(command);
  for (const table of tablesOf(input)) {
    const access = fn.tables?.[table];
    // `export` lets a function start exports only, never read or write items itself.
    if (!access || access === 'export' || (write && access !== 'readwrite')) throw new GrantDenied(`函数 ${fn.id} 未在应用清单中获得授权: ${command} on table ${table}`);
  }
}

interface MiddlewareStackLike {
  add(middleware: (next: (args: { input: object }) => Promise<unknown>, context: { commandName?: string }) => (args: { input: object }) => Promise<unknown>, options: { step: 'initialize'; name: string }): void;
}

function checkBucket(bucket: string, operation: string, write: boolean): void {
  const fn = scope.getStore();
  if (!fn) return;
  const access = fn.buckets?.[bucket];
  if (!access || (write && access !== 'readwrite')) throw new GrantDenied(`函数 ${fn.id} 未在应用清单中获得授权: ${operation} on bucket ${bucket}`);
}

/** Installs the guard on the handlers' shared clients (the very module instances they import). */
export async function installGrantGuard(): Promise<void> {
  const { objectStoreGuard } = await import('#shared/data/object-store.ts');
  objectStoreGuard.check = checkBucket;
  // The document client shares its middleware stack with the base client, so both are covered.
  const { dynamo } = await import('#shared/data/dynamo-client.ts');
  (dynamo.middlewareStack as MiddlewareStackLike).add(
    (next, context) => async (args) => {
      check(context.commandName ?? '', args.input as Record<string, unknown>);
      return next(args);
    },
    { step: 'initialize', name: 'localGrantGuard' },
  );
}
