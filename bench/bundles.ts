// `npm run bench -- bundles` (no local stack): the deployed bundles, built exactly as `cdk synth`
// builds them (infra/constructs/function-bundles.ts), their sizes, and a route's cold start: a
// fresh Node 24 process (the project's, as Lambda's nodejs24.x) importing the bundle with a
// Lambda's environment, against the same fresh process importing an empty handler module. Rounds
// rotate the order so noise hits all alike; the ratio bundle ÷ empty is what the bundle adds to a
// cold start. The import time measured inside the process is printed for information.
//
// BENCH_COLD_ROUNDS (default 15) scales it; BENCH_COLD=all times every bundle, not just the
// smallest, the median and the largest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildFunctionBundles, BUNDLE_SIZE_LIMIT_BYTES, LARGE_BUNDLES } from '#infra/constructs/function-bundles.ts';
import { deployedFunctions } from '#infra/constructs/manifest-functions.ts';
import { appVersion, repoRoot } from '#infra/paths.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import { bucketEnv, queueUrlEnv, tableEnv } from '#shared/manifest/env-names.ts';

/** The size the bundles are meant to get down to. */
const GOAL_BYTES = 250 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** What a deployed function's process sees (the stack's variables, with stand-in values). */
function lambdaEnv(functionId: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDBENCHBENCHBENCH0',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key',
    AWS_SESSION_TOKEN: 'bench-session-token',
    AWS_LAMBDA_FUNCTION_NAME: `xueji-${functionId}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AUTH_ISSUER: 'https://issuer.example.invalid',
    AUTH_AUDIENCE: 'x',
    AUTH_JWKS_URL: 'https://issuer.example.invalid/jwks.json',
    APP_VERSION: appVersion,
    SERVICE_NAME: 'xueji',
    LOG_LEVEL: 'WARN',
    PROVINCE_FIELDS: '[]',
  };
  for (const table of appManifest.tables) env[tableEnv(table.name)] = `xueji-prod-${table.name}`;
  for (const bucket of appManifest.buckets) env[bucketEnv(bucket.name)] = `xueji-prod-${bucket.name}`;
  for (const queue of appManifest.queues) env[queueUrlEnv(queue.name)] = `https://sqs.us-east-1.amazonaws.com/000000000000/xueji-prod-${queue.name}`;
  return env;
}

/** The script every fresh process runs: import the module, check its handler, report the import time. */
const importScript = (file: string) => `
  const started = performance.now();
  const module = await import(${JSON.stringify(pathToFileURL(file).href)});
  const importMs = performance.now() - started;
  if (typeof module.handler !== 'function') throw new Error('no handler exported');
  process.stdout.write(JSON.stringify({ importMs }));
`;

interface Subject {
  label: string;
  file: string;
  bytes: number;
  env: NodeJS.ProcessEnv;
  wall: number[];
  imports: number[];
}

function coldStart(node: string, subject: Subject): void {
  const started = process.hrtime.bigint();
  const run = spawnSync(node, ['--input-type=module', '-e', importScript(subject.file)], { cwd: dirname(subject.file), env: subject.env, encoding: 'utf8', timeout: 60_000 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${subject.label}: a fresh process importing ${subject.file} failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr}`);
  subject.wall.push(wallMs);
  subject.imports.push((JSON.parse(run.stdout) as { importMs: number }).importMs);
}

export function bundlesBench(options: { rounds: number; all: boolean }): void {
  const defs = deployedFunctions(appManifest);
  const started = performance.now();
  const bundles = buildFunctionBundles(defs);
  const buildMs = performance.now() - started;

  const sizes = [...bundles]
    .map(([id, files]) => ({ id, files, bytes: files.find((f) => basename(f.path) === 'index.mjs')!.contents.byteLength }))
    .sort((a, b) => a.bytes - b.bytes || a.id.localeCompare(b.id));
  const bytes = sizes.map((s) => s.bytes);
  const largest = sizes.at(-1)!;
  console.log(`\nbench bundles: index.mjs of the ${sizes.length} deployed functions, built as cdk synth builds them (${Math.round(buildMs)} ms)`);
  const width = Math.max(...sizes.map((s) => s.id.length));
  for (const s of sizes) console.log(`  ${s.id.padEnd(width)}  ${kb(s.bytes).padStart(10)}`);
  console.log(`  min ${kb(bytes[0]!)}   median ${kb(median(bytes))}   max ${kb(largest.bytes)} (${largest.id})`);
  console.log(`  limit ${kb(BUNDLE_SIZE_LIMIT_BYTES)} (BUNDLE_SIZE_LIMIT_BYTES, test/infra/bundle-size.test.ts)   goal ${kb(GOAL_BYTES)}`);
  for (const [id, { limitBytes, why }] of Object.entries(LARGE_BUNDLES)) console.log(`  ${id}: limit ${kb(limitBytes)} (LARGE_BUNDLES: ${why})`);
  const over = sizes.filter((s) => s.bytes > (LARGE_BUNDLES[s.id]?.limitBytes ?? BUNDLE_SIZE_LIMIT_BYTES));
  if (over.length > 0) {
    console.log(`  OVER THE LIMIT: ${over.map((s) => s.id).join(', ')}`);
    process.exitCode = 1;
  }

  // The smallest, the median and the largest bundle (or all), each in a directory of its own.
  const picked = options.all ? sizes : [...new Set([sizes[0]!, sizes[Math.floor((sizes.length - 1) / 2)]!, largest])];
  const dir = mkdtempSync(join(tmpdir(), 'xueji-bench-bundles-'));
  const node = join(repoRoot, 'node_modules/.bin/node');
  try {
    const subjects: Subject[] = [];
    const emptyFile = join(dir, 'empty', 'index.mjs');
    mkdirSync(join(dir, 'empty'));
    writeFileSync(emptyFile, 'export const handler = async () => ({});\n');
    // As deployed: the source map beside the bundle (Node does not load it at start, app-function.ts).
    subjects.push({ label: 'empty module', file: emptyFile, bytes: 0, env: lambdaEnv('Empty'), wall: [], imports: [] });
    for (const s of picked) {
      mkdirSync(join(dir, s.id));
      for (const file of s.files) writeFileSync(join(dir, s.id, basename(file.path)), file.contents);
      subjects.push({ label: s.id, file: join(dir, s.id, 'index.mjs'), bytes: s.bytes, env: lambdaEnv(s.id), wall: [], imports: [] });
    }
    // One warm-up run each (disk cache), then the rounds.
    for (const subject of subjects) {
      coldStart(node, subject);
      subject.wall.length = 0;
      subject.imports.length = 0;
    }
    for (let round = 0; round < options.rounds; round += 1) {
      for (let i = 0; i < subjects.length; i += 1) coldStart(node, subjects[(round + i) % subjects.length]!);
    }

    const empty = subjects[0]!;
    const emptyWall = median(empty.wall);
    console.log(`\nbench cold start: a fresh \`node\` (${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}) doing \`await import(bundle)\` with a Lambda's environment`);
    console.log('  (as deployed), vs the same process importing an empty handler module');
    console.log(`  ${options.rounds} rounds, order rotated per round; medians`);
    const labelWidth = Math.max(...subjects.map((s) => s.label.length));
    console.log(`  ${''.padEnd(labelWidth)}  ${'size'.padStart(10)}  ${'process'.padStart(10)}  ${'÷ empty'.padStart(8)}  ${'import()'.padStart(10)}`);
    for (const subject of subjects) {
      const wall = median(subject.wall);
      console.log(
        `  ${subject.label.padEnd(labelWidth)}  ${(subject.bytes === 0 ? '-' : kb(subject.bytes)).padStart(10)}  ${`${wall.toFixed(1)} ms`.padStart(10)}  ${`×${(wall / emptyWall).toFixed(2)}`.padStart(8)}  ${`${median(subject.imports).toFixed(1)} ms`.padStart(10)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
