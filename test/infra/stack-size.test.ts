// Issue 6, item 18: the one stack must hold the whole product. The API planned in API.md has well
// over 100 routes plus queue consumers and schedules; CloudFormation allows 500 resources per
// stack. With one function per area, one API Gateway permission per function and a single route
// resource per route, a manifest of 150 routes (today's and 13 more areas), 10 queue consumers and
// 10 schedules (today's, and more up to those numbers), each a function of its own with its own queue, fits.
import { describe, expect, it } from 'vitest';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import type { AppManifest, FunctionDef, QueueDef } from '#shared/manifest/types.ts';
import { synth } from './support.ts';

const LIMIT = 500;
const ENTRY = 'functions/system/index.ts';

function productManifest(): AppManifest {
  const methods = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'] as const;
  const existing = appManifest.functions.flatMap((fn) => fn.triggers.filter((t) => t.kind === 'http')).length;
  const areas: FunctionDef[] = Array.from({ length: Math.ceil((150 - existing) / 10) }, (_, a) => ({
    id: `Area${a}`,
    entry: ENTRY,
    description: `Area ${a}`,
    triggers: Array.from({ length: 10 }, (_, r) => ({ kind: 'http' as const, method: methods[r % methods.length]!, route: `/v1/area${a}/things${Math.floor(r / methods.length)}/{id}`, auth: 'jwt' as const })),
    tables: { directory: 'read', records: 'readwrite' },
  }));
  const consumersNow = appManifest.functions.filter((fn) => fn.triggers.some((t) => t.kind === 'queue' || t.kind === 'bucket')).length;
  const schedulesNow = appManifest.functions.filter((fn) => fn.triggers.some((t) => t.kind === 'schedule')).length;
  const queues: QueueDef[] = Array.from({ length: Math.max(0, 10 - consumersNow) }, (_, q) => ({ name: `work${q}`, fifo: q % 2 === 0, visibilityTimeoutSeconds: 60, maxReceiveCount: 5 }));
  const consumers: FunctionDef[] = queues.map((queue, q) => ({
    id: `Consumer${q}`,
    entry: ENTRY,
    description: `Consumes ${queue.name}`,
    triggers: [{ kind: 'queue', queue: queue.name, batchSize: 10 }],
    tables: { records: 'readwrite' },
    queues: { [queue.name]: 'consume', [queues[(q + 1) % queues.length]!.name]: 'send' },
    buckets: { files: 'readwrite' },
  }));
  const schedules: FunctionDef[] = Array.from({ length: Math.max(0, 10 - schedulesNow) }, (_, s) => ({
    id: `Nightly${s}`,
    entry: ENTRY,
    description: `Nightly job ${s}`,
    triggers: [{ kind: 'schedule', cron: { minute: String(s), hour: '2' } }],
    tables: { records: 'read' },
    buckets: { files: 'readwrite' },
  }));
  return { ...appManifest, queues: [...appManifest.queues, ...queues], functions: [...appManifest.functions, ...areas, ...consumers, ...schedules] };
}

const resourceCount = (manifest: AppManifest, stackId: string) => Object.keys(synth({ manifest, stackId }).json.Resources).length;

describe('stack size', () => {
  it('a product-sized manifest (150 routes, 10 consumers, 10 schedules) fits one stack', () => {
    const manifest = productManifest();
    const routes = manifest.functions.flatMap((fn) => fn.triggers.filter((t) => t.kind === 'http'));
    expect(routes.length).toBeGreaterThanOrEqual(150);
    const count = resourceCount(manifest, 'Xueji-product');
    console.warn(`stack size: ${count} CloudFormation resources for ${routes.length} routes, 10 consumers, 10 schedules (limit ${LIMIT})`);
    expect(count).toBeLessThan(LIMIT);
  });

  it('today it costs one resource per route, and a handful per function', () => {
    const base = resourceCount(appManifest, 'Xueji-base');
    const oneMoreRoute = structuredClone(appManifest);
    oneMoreRoute.functions.find((fn) => fn.id === 'Students')!.triggers.push({ kind: 'http', method: 'GET', route: '/v1/students/{studentId}/extra', auth: 'jwt' });
    expect(resourceCount(oneMoreRoute, 'Xueji-route') - base).toBe(1);
  });
});
