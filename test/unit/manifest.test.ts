// The app manifest agrees with itself, with the route contracts (and so the OpenAPI document)
// and with the local router: every HTTP trigger has a contract, a handler file and one route.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import { allRoutes } from '#shared/api/routes.ts';
import { buildOpenApiDocument } from '#shared/api/openapi.ts';
import { buildRoutes } from '#local/http-routes.ts';

const root = resolve(import.meta.dirname, '../..');
const httpTriggers = appManifest.functions.flatMap((fn) => fn.triggers.flatMap((t) => (t.kind === 'http' ? [{ fn, key: `${t.method} ${t.route}`, auth: t.auth }] : [])));

describe('app manifest', () => {
  it('names existing entry files and unique function ids', () => {
    for (const fn of appManifest.functions) expect(existsSync(resolve(root, fn.entry)), fn.entry).toBe(true);
    expect(new Set(appManifest.functions.map((fn) => fn.id)).size).toBe(appManifest.functions.length);
  });

  it('grants only resources it defines', () => {
    const tables = new Set(appManifest.tables.map((t) => t.name));
    const buckets = new Set(appManifest.buckets.map((b) => b.name));
    const queues = new Set(appManifest.queues.map((q) => q.name));
    for (const fn of appManifest.functions) {
      for (const table of Object.keys(fn.tables ?? {})) expect(tables.has(table), `${fn.id} → ${table}`).toBe(true);
      for (const bucket of Object.keys(fn.buckets ?? {})) expect(buckets.has(bucket), `${fn.id} → ${bucket}`).toBe(true);
      for (const queue of Object.keys(fn.queues ?? {})) expect(queues.has(queue), `${fn.id} → ${queue}`).toBe(true);
      for (const trigger of fn.triggers) {
        if (trigger.kind === 'queue') expect(fn.queues?.[trigger.queue], `${fn.id} consumes ${trigger.queue}`).toMatch(/^consume/);
        if (trigger.kind === 'bucket') expect(buckets.has(trigger.bucket)).toBe(true);
      }
    }
  });

  it('has exactly one route contract per HTTP trigger, with the same auth', () => {
    const contracts = new Map(allRoutes.map((route) => [`${route.method} ${route.path}`, route]));
    expect(new Set(httpTriggers.map((t) => t.key))).toEqual(new Set(contracts.keys()));
    for (const trigger of httpTriggers) expect(contracts.get(trigger.key)?.auth, trigger.key).toBe(trigger.auth === 'jwt');
  });

  it('is served by the local router route for route, with each function and its grants', () => {
    const routes = buildRoutes(appManifest.functions);
    expect(routes.map((r) => r.routeKey).sort()).toEqual(httpTriggers.map((t) => t.key).sort());
    for (const route of routes) {
      const fn = appManifest.functions.find((f) => f.id === route.fn.id)!;
      expect(route.fn).toBe(fn);
      expect(route.fn.tables).toEqual(fn.tables);
    }
  });

  it('routes every trigger of an area to a handler of its entry, and no other', async () => {
    for (const fn of appManifest.functions) {
      const keys = fn.triggers.flatMap((t) => (t.kind === 'http' ? [`${t.method} ${t.route}`] : t.kind === 'http-default' ? ['$default'] : []));
      if (keys.length === 0) continue;
      const { handler } = (await import(pathToFileURL(resolve(root, fn.entry)).href)) as { handler: { routeKeys?: string[] } };
      expect(handler.routeKeys?.sort(), fn.id).toEqual(keys.sort());
    }
  });

  it('grants the throttle table to the areas whose routes count lookups', () => {
    const students = appManifest.functions.find((fn) => fn.id === 'Students')!;
    expect(students.tables?.throttle).toBe('readwrite');
  });

  it('is described by the OpenAPI document', () => {
    const document = buildOpenApiDocument(allRoutes, 'test') as { paths: Record<string, Record<string, unknown>> };
    for (const trigger of httpTriggers) {
      const [method, path] = trigger.key.split(' ');
      expect(document.paths[path!]?.[method!.toLowerCase()], trigger.key).toBeDefined();
    }
  });
});
