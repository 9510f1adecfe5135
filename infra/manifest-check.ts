// Refuses a manifest the stacks cannot build faithfully: a function that names an undeclared
// table, bucket or queue, a duplicate id or route, or a queue whose visibility timeout is shorter
// than its consumer's timeout (Lambda would reject the event source at deploy time), or two
// resources whose names map to the same environment variable.
import { bucketEnv, queueUrlEnv, tableEnv } from '#shared/manifest/env-names.ts';
import type { AppManifest } from '#shared/manifest/types.ts';
import { DEFAULT_TIMEOUT_SECONDS } from './constructs/app-function.ts';

export function manifestProblems(manifest: AppManifest): string[] {
  const problems: string[] = [];
  const tables = unique(manifest.tables.map((t) => t.name), 'table', problems);
  const buckets = unique(manifest.buckets.map((b) => b.name), 'bucket', problems);
  const queues = unique(manifest.queues.map((q) => q.name), 'queue', problems);
  unique(manifest.functions.map((f) => f.id), 'function id', problems);
  unique(
    [...manifest.tables.map((t) => tableEnv(t.name)), ...manifest.buckets.map((b) => bucketEnv(b.name)),
      ...manifest.queues.map((q) => queueUrlEnv(q.name))],
    'environment variable',
    problems,
  );
  const routes = new Map<string, string>();

  for (const def of manifest.functions) {
    const where = `function ${def.id}`;
    if (def.localOnly && def.cloudOnly) problems.push(`${where} is both local-only and cloud-only: it would run nowhere`);
    for (const name of Object.keys(def.tables ?? {})) {
      if (!tables.has(name)) problems.push(`${where} uses undeclared table "${name}"`);
    }
    for (const name of Object.keys(def.buckets ?? {})) {
      if (!buckets.has(name)) problems.push(`${where} uses undeclared bucket "${name}"`);
    }
    for (const name of Object.keys(def.queues ?? {})) {
      if (!queues.has(name)) problems.push(`${where} uses undeclared queue "${name}"`);
    }
    for (const trigger of def.triggers) {
      switch (trigger.kind) {
        case 'http': {
          if (def.localOnly) break;
          const key = `${trigger.method} ${trigger.route}`;
          const other = routes.get(key);
          if (other) problems.push(`${where} and function ${other} both claim route "${key}"`);
          routes.set(key, def.id);
          break;
        }
        case 'queue': {
          const queue = manifest.queues.find((q) => q.name === trigger.queue);
          if (!queue) {
            problems.push(`${where} is triggered by undeclared queue "${trigger.queue}"`);
            break;
          }
          const timeout = def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
          if (queue.visibilityTimeoutSeconds < timeout) {
            problems.push(
              `queue "${queue.name}" has a visibility timeout of ${queue.visibilityTimeoutSeconds}s, ` +
                `shorter than the ${timeout}s timeout of its consumer ${def.id}`,
            );
          }
          if (queue.fifo && trigger.maxBatchingWindowSeconds !== undefined) {
            problems.push(`${where}: FIFO queue "${queue.name}" does not support a batching window`);
          }
          break;
        }
        case 'http-default': {
          const other = routes.get('$default');
          if (other) problems.push(`${where} and function ${other} both claim the $default route`);
          routes.set('$default', def.id);
          break;
        }
        case 'bucket':
          if (!buckets.has(trigger.bucket)) {
            problems.push(`${where} is triggered by undeclared bucket "${trigger.bucket}"`);
          }
          break;
        case 'schedule':
          break;
        case 'tableStream':
          if (!manifest.tables.some((table) => table.name === trigger.table && table.stream)) {
            problems.push(`${where} is triggered by the stream of "${trigger.table}", which is not a declared table with a stream`);
          }
          break;
      }
    }
  }
  return problems;
}

export function assertDeployable(manifest: AppManifest): void {
  const problems = manifestProblems(manifest);
  if (problems.length > 0) {
    throw new Error(`The app manifest cannot be deployed:\n- ${problems.join('\n- ')}`);
  }
}

function unique(names: string[], what: string, problems: string[]): Set<string> {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) problems.push(`duplicate ${what} "${name}"`);
    seen.add(name);
  }
  return seen;
}
