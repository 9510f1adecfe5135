// The web app's production build, exactly as the stack deploys it: `vite build` through Vite's JS
// API with web/vite.config.ts, written into a directory of the caller's choosing. The stack runs it
// from a CDK local bundler (web-hosting.ts), so CDK's bundling switch (`aws:cdk:bundling-stacks`,
// skipped by the infra tests) skips it like the handlers' esbuild build; `npm run bench -- web` and
// test/infra/web-size.test.ts run the same build (with Vite's manifest) to weigh what is deployed.
//
// The build runs in a child Node process: CDK's local bundlers are synchronous and Vite's build is
// not. It takes a couple of seconds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../paths.ts';

/** The Vite project (index.html, src/, public/, vite.config.ts). */
export const WEB_ROOT = join(repoRoot, 'web');
const VITE_CONFIG = join(WEB_ROOT, 'vite.config.ts');
/** Where Vite writes its manifest inside the output directory (build.manifest: true). */
export const VITE_MANIFEST = '.vite/manifest.json';

/**
 * The most initial JavaScript (the entry chunk and every chunk it imports statically, gzipped) the
 * web app may load before its first screen (test/infra/web-size.test.ts, `npm run bench -- web`).
 * Set at the measure when it was introduced plus 10 %, so the app cannot quietly grow; lower it
 * toward the goal as the app slims down.
 */
export const WEB_INITIAL_JS_LIMIT_BYTES = 310 * 1024; // 281.6 KB + 10 %
/** What the initial JavaScript should get down to, gzipped. */
export const WEB_INITIAL_JS_GOAL_BYTES = 300 * 1024;

export interface WebBuildOptions {
  /** Also write Vite's manifest (`.vite/manifest.json`): the chunk graph, for measuring. */
  manifest?: boolean;
}

/** Builds the web app into `outDir` (emptied first). Throws with Vite's output when it fails. */
export function buildWebApp(outDir: string, options: WebBuildOptions = {}): void {
  const vite = import.meta.resolve('vite');
  const script = `
    const { build } = await import(${JSON.stringify(vite)});
    await build({
      configFile: ${JSON.stringify(VITE_CONFIG)},
      logLevel: 'warn',
      build: { outDir: ${JSON.stringify(outDir)}, emptyOutDir: true, manifest: ${options.manifest === true} },
    });
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (run.status !== 0) {
    throw new Error(`vite build of web/ failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stdout}${run.stderr}`);
  }
  if (run.stderr.trim() !== '') process.stderr.write(run.stderr);
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`vite build wrote no index.html into ${outDir}`);
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface WebBuildSizes {
  /** Every JavaScript chunk, biggest (gzipped) first. */
  chunks: ChunkSize[];
  /** The entry chunk and its static imports: what every page loads before it shows anything. */
  initial: ChunkSize[];
  /** The first screen of /login: the initial chunks plus the login page's chunk and its static imports. */
  login: ChunkSize[];
  /** /login when deployed: plus the OIDC client, which the app loads when the API says `mode: 'oidc'`. */
  loginOidc: ChunkSize[];
}

export const gzipTotal = (chunks: readonly ChunkSize[]): number => chunks.reduce((sum, c) => sum + c.gzipBytes, 0);
export const rawTotal = (chunks: readonly ChunkSize[]): number => chunks.reduce((sum, c) => sum + c.bytes, 0);

/** Weighs a build made with `{ manifest: true }`: gzip level 9, as Vite's own report does. */
export function measureWebBuild(outDir: string): WebBuildSizes {
  const manifest = JSON.parse(readFileSync(join(outDir, VITE_MANIFEST), 'utf8')) as Record<string, ManifestChunk>;
  const sizeOf = new Map<string, ChunkSize>();
  const size = (file: string): ChunkSize => {
    let known = sizeOf.get(file);
    if (!known) {
      const content = readFileSync(join(outDir, file));
      known = { file, bytes: content.byteLength, gzipBytes: gzipSync(content, { level: 9 }).byteLength };
      sizeOf.set(file, known);
    }
    return known;
  };
  /** The chunks `keys` load before they run: themselves and their static imports, transitively. */
  const closure = (keys: readonly string[]): ChunkSize[] => {
    const seen = new Set<string>();
    const visit = (key: string): void => {
      if (seen.has(key)) return;
      const chunk = manifest[key];
      if (!chunk) throw new Error(`Vite's manifest has no chunk ${key}`);
      seen.add(key);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    keys.forEach(visit);
    return [...seen].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js')).map(size);
  };
  /** The chunk built from `source` (none when the bundler merged it into another chunk). */
  const keyOf = (source: string): string[] =>
    Object.keys(manifest).filter((key) => (manifest[key]!.src ?? key).endsWith(source));

  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  if (entries.length === 0) throw new Error("Vite's manifest lists no entry chunk");
  const initial = closure(entries);
  const login = closure([...entries, ...keyOf('src/auth/LoginPage.tsx')]);
  const loginOidc = closure([...entries, ...keyOf('src/auth/LoginPage.tsx'), ...keyOf('src/auth/oidc.ts')]);
  const chunks = jsFiles(outDir)
    .map(size)
    .sort((a, b) => b.gzipBytes - a.gzipBytes || a.file.localeCompare(b.file));
  return { chunks, initial, login, loginOidc };
}

function jsFiles(outDir: string, dir = outDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name.startsWith('.') ? [] : jsFiles(outDir, full);
    return name.endsWith('.js') ? [relative(outDir, full)] : [];
  });
}
