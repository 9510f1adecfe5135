// `npm run bench -- web` (no local stack): the web app built exactly as `cdk synth` builds it for
// the bucket (infra/constructs/web-app-build.ts, plus Vite's manifest for the chunk graph), and what
// a browser downloads, gzipped: the initial JavaScript (the entry chunk and every chunk it imports
// statically: what every page loads before it shows anything), the first screen of /login (plus
// the login page's lazy chunk and its static imports; deployed, also the OIDC client), and all of
// it; against the goal of 300 KB and the limit test/infra/web-size.test.ts enforces. The five
// biggest chunks say where to cut.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildWebApp,
  gzipTotal,
  measureWebBuild,
  rawTotal,
  WEB_INITIAL_JS_GOAL_BYTES,
  WEB_INITIAL_JS_LIMIT_BYTES,
  type ChunkSize,
} from '#infra/constructs/web-app-build.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function webBench(): void {
  const dir = mkdtempSync(join(tmpdir(), 'xueji-bench-web-'));
  try {
    const started = performance.now();
    buildWebApp(dir, { manifest: true });
    const buildMs = performance.now() - started;
    const sizes = measureWebBuild(dir);

    console.log(`\nbench web: the web app built as cdk synth builds it (vite build, ${Math.round(buildMs)} ms); JavaScript, gzip -9`);
    const row = (label: string, chunks: readonly ChunkSize[], goal?: number) => {
      const gzip = gzipTotal(chunks);
      const verdict = goal === undefined ? '' : gzip <= goal ? `   within the ${kb(goal)} goal` : `   ${kb(gzip - goal)} over the ${kb(goal)} goal`;
      console.log(
        `  ${label.padEnd(34)} ${kb(gzip).padStart(10)} gzip ${kb(rawTotal(chunks)).padStart(10)} raw  ${String(chunks.length).padStart(3)} chunks${verdict}`,
      );
    };
    row('initial (entry + static imports)', sizes.initial, WEB_INITIAL_JS_GOAL_BYTES);
    row('/login first screen', sizes.login, WEB_INITIAL_JS_GOAL_BYTES);
    row('/login deployed (+ OIDC client)', sizes.loginOidc, WEB_INITIAL_JS_GOAL_BYTES);
    row('all JavaScript', sizes.chunks);
    const initialGzip = gzipTotal(sizes.initial);
    console.log(`  limit ${kb(WEB_INITIAL_JS_LIMIT_BYTES)} for the initial JavaScript (WEB_INITIAL_JS_LIMIT_BYTES, test/infra/web-size.test.ts)`);
    if (initialGzip > WEB_INITIAL_JS_LIMIT_BYTES) {
      console.log(`  OVER THE LIMIT by ${kb(initialGzip - WEB_INITIAL_JS_LIMIT_BYTES)}`);
      process.exitCode = 1;
    }

    const initial = new Set(sizes.initial.map((c) => c.file));
    console.log('  the five biggest chunks:');
    for (const chunk of sizes.chunks.slice(0, 5)) {
      console.log(`    ${chunk.file.padEnd(44)} ${kb(chunk.gzipBytes).padStart(10)} gzip ${kb(chunk.bytes).padStart(10)} raw${initial.has(chunk.file) ? '   (initial)' : ''}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
