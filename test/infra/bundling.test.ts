// Real esbuild bundling, as `cdk synth` does it (one build for all functions, one asset each), for
// a public and an authenticated handler of the app manifest: minified ESM with the SDK inside, a
// source map and a `require` shim, each in an asset of its own whose hash depends only on its own
// bundle; the bundle really runs on Node 24 (the Lambda runtime) with nothing but its own directory.
// And with bundling skipped, as the other infra suites do, the entry files are still checked.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { appVersion } from '#infra/paths.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import type { AppManifest, FunctionDef } from '#shared/manifest/types.ts';
import { logicalIdAt, synth, type Synthesized } from './support.ts';

const isPublic = (f: FunctionDef) => f.triggers.some((t) => t.kind === 'http' && t.auth === 'none');
const deployed = appManifest.functions.filter((f) => !f.localOnly);
const picked = [deployed.find((f) => f.id === 'System'), deployed.find((f) => !isPublic(f))].filter(
  (f): f is FunctionDef => f !== undefined,
);
const manifest: AppManifest = { ...appManifest, functions: picked };

let s: Synthesized;
beforeAll(() => {
  s = synth({ manifest, bundle: true, stackId: 'Xueji-bundling' });
});

const lambdaAt = (synthesized: Synthesized, id: string) =>
  synthesized.json.Resources[logicalIdAt(synthesized, `Functions/${id}/Handler/Resource`)]!;
const assetDir = (id: string): string => join(s.app.outdir, lambdaAt(s, id).Metadata?.['aws:asset:path'] as string);
const assetKey = (synthesized: Synthesized, id: string): unknown =>
  (lambdaAt(synthesized, id).Properties?.Code as { S3Key: unknown }).S3Key;

describe('bundles', () => {
  it('covers a public and an authenticated handler', () => {
    expect(picked.map((f) => f.id)).toContain('System');
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
    expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
    const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[]; sourcesContent?: unknown };
    // Paths relative to the bundle, the same wherever it was built, and no copy of the sources.
    expect(map.sources).toContain(`../../${def.entry}`);
    expect(map.sourcesContent).toBeUndefined();
  });

  it('each function has an asset of its own, holding only its bundle and source map', () => {
    expect(new Set(picked.map((def) => assetKey(s, def.id))).size).toBe(picked.length);
    for (const def of picked) expect(readdirSync(assetDir(def.id)).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    expect(lambdaAt(s, 'System').Properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs24.x' });
  });

  it("an asset's hash depends only on its own bundle, not on the other functions or the output directory", () => {
    const alone = synth({ manifest: { ...appManifest, functions: [picked[0]!] }, bundle: true, stackId: 'Xueji-bundling' });
    expect(alone.app.outdir).not.toBe(s.app.outdir);
    expect(assetKey(alone, 'System')).toEqual(assetKey(s, 'System'));
  });

  it('System answers GET /v1/health with 200 and the version when run by Node 24 straight from its bundle', () => {
    const bundle = pathToFileURL(join(assetDir('System'), 'index.mjs')).href;
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
      cwd: assetDir('System'),
      env: { PATH: process.env.PATH, APP_VERSION: appVersion, AWS_REGION: 'cn-north-1', LOG_LEVEL: 'SILENT' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ status: 'ok', version: appVersion });
  });
});

describe('with bundling skipped', () => {
  it('still refuses a manifest whose entry file does not exist', () => {
    const missing: AppManifest = {
      ...appManifest,
      functions: [{ ...picked[0]!, entry: 'functions/system/no-such-handler.ts' }],
    };
    expect(() => synth({ manifest: missing, stackId: 'Xueji-missing' })).toThrow(/no-such-handler\.ts does not exist/);
  });
});
