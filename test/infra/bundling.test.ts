// Real esbuild bundling, as `cdk synth` does it, for a public and an authenticated handler of the
// app manifest: minified ESM with the SDK inside, a source map and a `require` shim; and the
// bundle really runs on Node 24 (the Lambda runtime) with nothing but its own directory.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { appVersion } from '#infra/paths.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import type { AppManifest, FunctionDef } from '#shared/manifest/types.ts';
import { logicalIdAt, synth, type Synthesized } from './support.ts';

const isPublic = (f: FunctionDef) => f.triggers.some((t) => t.kind === 'http' && t.auth === 'none');
const deployed = appManifest.functions.filter((f) => !f.localOnly);
const picked = [deployed.find((f) => f.id === 'Health'), deployed.find((f) => !isPublic(f))].filter(
  (f): f is FunctionDef => f !== undefined,
);
const manifest: AppManifest = { ...appManifest, functions: picked };

let s: Synthesized;
beforeAll(() => {
  s = synth({ manifest, bundle: true, stackId: 'Xueji-bundling' });
});

const assetDir = (id: string): string => {
  const fn = s.json.Resources[logicalIdAt(s, `Functions/${id}/Handler/Resource`)]!;
  return join(s.app.outdir, fn.Metadata?.['aws:asset:path'] as string);
};

describe('bundles', () => {
  it('covers a public and an authenticated handler', () => {
    expect(picked.map((f) => f.id)).toContain('Health');
    expect(picked.length).toBe(2);
  });

  it.each(picked)('$id: one minified ESM file with a require shim, the SDK bundled, a source map', (def) => {
    const dir = assetDir(def.id);
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire as __xuejiCreateRequire } from 'node:module';")).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
    // Every remaining import is a Node.js built-in: dependencies, the SDK included, are inside.
    const imports = [...code.matchAll(/\bfrom\s*"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] ?? m[2]);
    expect(imports.filter((name) => !name!.startsWith('node:') && !/^[a-z_]+$/.test(name!))).toEqual([]);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
  });

  it('Health answers 200 with the version when run by Node 24 straight from its bundle', () => {
    const bundle = pathToFileURL(join(assetDir('Health'), 'index.mjs')).href;
    const event = {
      version: '2.0',
      routeKey: 'GET /v1/health',
      rawPath: '/v1/health',
      rawQueryString: '',
      headers: { host: 'api.example.cn' },
      requestContext: {
        requestId: 'bundling-test',
        routeKey: 'GET /v1/health',
        stage: '$default',
        http: { method: 'GET', path: '/v1/health', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      },
      isBase64Encoded: false,
    };
    const context = { functionName: 'health', awsRequestId: 'bundling-test', getRemainingTimeInMillis: () => 10_000 };
    const script = `
      const { handler } = await import(${JSON.stringify(bundle)});
      const context = ${JSON.stringify(context).replace('}', ', getRemainingTimeInMillis: () => 10000 }')};
      const result = await handler(${JSON.stringify(event)}, context);
      process.stdout.write(JSON.stringify(result));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '--enable-source-maps', '-e', script], {
      cwd: assetDir('Health'),
      env: { PATH: process.env.PATH, APP_VERSION: appVersion, AWS_REGION: 'cn-north-1', POWERTOOLS_LOG_LEVEL: 'SILENT' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ status: 'ok', version: appVersion });
  });
});
