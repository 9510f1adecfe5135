// The web app's weight in the browser, built as `cdk synth` builds it for the bucket: the initial
// JavaScript (the entry chunk and every chunk it imports statically, gzipped) may not exceed
// WEB_INITIAL_JS_LIMIT_BYTES (set at the measure when it was introduced plus 10 %; the goal is
// 300 KB). `npm run bench -- web` prints the whole picture and the biggest chunks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWebApp,
  gzipTotal,
  measureWebBuild,
  WEB_INITIAL_JS_LIMIT_BYTES,
  type WebBuildSizes,
} from '#infra/constructs/web-app-build.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

let dir: string;
let sizes: WebBuildSizes;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xueji-web-size-'));
  buildWebApp(dir, { manifest: true });
  sizes = measureWebBuild(dir);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('web app size', () => {
  it('counts as initial exactly what index.html loads: its module script and modulepreloads', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const loaded = [
      ...html.matchAll(/<script type="module"[^>]*\ssrc="\/([^"]+)"/g),
      ...html.matchAll(/<link rel="modulepreload"[^>]*\shref="\/([^"]+)"/g),
    ].map((m) => m[1]!);
    expect(sizes.initial.map((c) => c.file).sort()).toEqual(loaded.sort());
  });

  it(`loads at most ${kb(WEB_INITIAL_JS_LIMIT_BYTES)} of JavaScript, gzipped, before the first screen`, () => {
    const initial = gzipTotal(sizes.initial);
    console.warn(`web: initial JavaScript ${kb(initial)} gzipped (limit ${kb(WEB_INITIAL_JS_LIMIT_BYTES)}, goal 300 KB)`);
    expect(initial).toBeLessThanOrEqual(WEB_INITIAL_JS_LIMIT_BYTES);
  });

  it('measures the login screen as the initial chunks and more', () => {
    const initial = new Set(sizes.initial.map((c) => c.file));
    expect(sizes.login.filter((c) => initial.has(c.file))).toHaveLength(initial.size);
    expect(sizes.loginOidc.length).toBeGreaterThanOrEqual(sizes.login.length);
  });
});
