// "No Scan on any request path": no handler or shared module may use Scan, but the problem-record
// scan's one module, which only the jobs consumer reaches, and no HTTP area's entry.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appManifest } from '#shared/manifest/app-manifest.ts';

const root = resolve(import.meta.dirname, '../..');
/** The one module that scans: a job's chunk (shared/services/problems/scan-worker.ts) reads the table through it. */
const SCANNER = 'shared/data/record-scan.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The repository's modules a module imports (values, not `import type`), by path from the root. */
function importsOf(file: string): string[] {
  const code = readFileSync(join(root, file), 'utf8');
  const specifiers = [...code.matchAll(/^(?:import(?!\s+type\s)|export)\b[^;]*?from\s+'([^']+)'/gms)].map((match) => match[1]!);
  return specifiers.flatMap((specifier) => {
    if (specifier.startsWith('#shared/')) return [specifier.slice(1)];
    if (specifier.startsWith('.')) return [relative(root, resolve(dirname(join(root, file)), specifier))];
    return [];
  });
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...importsOf(file));
  }
  return seen;
}

describe('request paths', () => {
  it('never scan a table, but through the problem scan’s module', () => {
    const offenders = [...sources(join(root, 'functions')), ...sources(join(root, 'shared'))]
      .filter((file) => /\bScan(Command)?\b/.test(readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([SCANNER]);
  });

  it('reach the scanning module from no HTTP area, only from the jobs consumer', () => {
    const areas = appManifest.functions.filter((fn) => fn.triggers.some((trigger) => trigger.kind === 'http' || trigger.kind === 'http-default'));
    expect(areas.filter((fn) => reachable(fn.entry).has(SCANNER)).map((fn) => fn.id)).toEqual([]);
    const scanning = appManifest.functions.filter((fn) => reachable(fn.entry).has(SCANNER)).map((fn) => fn.id);
    expect(scanning).toEqual(['Jobs']);
  });
});
