// `npm run bench [name ...]`: runs the named benchmarks (or all). Each prints ratios against a
// baseline measured in the same run, because these machines are shared and noisy.
//   bundles       the deployed bundles' sizes and cold start (no local stack)
//   web           the web app's JavaScript a browser downloads, gzipped (no local stack)
//   me, roster    a route against a do-nothing handler and against its raw DynamoDB operations
//   enrol         enrolment throughput against raw transactions
//   changes       a cross-county transfer end to end, and 100 at once, against its raw operations
//   grades        a term's grades (20,000 in 300 sheets) submitted at once, against raw BatchWriteItem
//                 and raw transactions of the same items
// The last five share one local stack. BENCH_ROUNDS, BENCH_REQUESTS and BENCH_CONCURRENCY scale
// them, BENCH_TRANSFERS how many transfers run at once (changes.ts), BENCH_SHEETS and
// BENCH_GRADES a term's sheets and grades and BENCH_GRADE_ROUNDS its rounds (grades.ts; one by
// default, each some 30-50 s per flow); BENCH_COLD_ROUNDS and BENCH_COLD=all the cold starts (bundles.ts);
// STACK_START_TIMEOUT_S how long the stack may take to start.
//   import        a file of 100,000 new students imported (rows/s against raw BatchWriteItem of the
//                 same items), and the stack process's peak memory for 10,000 against 100,000 rows;
//                 `--rows N` and `--small N` scale them, BENCH_IMPORT_ROUNDS its rounds (one by default)
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnStack, type RunningStack } from '#local/child-stack.ts';
import { bundlesBench } from './bundles.ts';
import { changesBench } from './changes.ts';
import { compareWithBaselines } from './gateway-latency.ts';
import { enrolThroughput } from './enrol-throughput.ts';
import { gradesBench } from './grades.ts';
import { importBench } from './import.ts';
import { webBench } from './web.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const coldRounds = Number(process.env.BENCH_COLD_ROUNDS ?? 15);
const transfers = Number(process.env.BENCH_TRANSFERS ?? 100);
const sheets = Number(process.env.BENCH_SHEETS ?? 300);
const grades = Number(process.env.BENCH_GRADES ?? 20000);
const gradeRounds = Number(process.env.BENCH_GRADE_ROUNDS ?? 1);
const importRounds = Number(process.env.BENCH_IMPORT_ROUNDS ?? 1);

// Benchmark names, and the import bench's sizes: `npm run bench -- import --rows 20000`.
const cli = parseArgs({ args: process.argv.slice(2), options: { rows: { type: 'string' }, small: { type: 'string' } }, allowPositionals: true, strict: true });
const importRows = Number(cli.values.rows ?? 100_000);
// 10,000 rows against the large file, or a tenth of a file of 10,000 rows or fewer.
const importSmall = Number(cli.values.small ?? (importRows > 10_000 ? 10_000 : Math.ceil(importRows / 10)));
if (!(Number.isInteger(importRows) && importRows > 0 && Number.isInteger(importSmall) && importSmall > 0 && importSmall <= importRows)) {
  console.error(`--rows and --small must be whole numbers, 0 < small <= rows (got rows ${cli.values.rows}, small ${cli.values.small})`);
  process.exit(2);
}

const ROSTER_QUERY = 'classId=2144010601-G2026-C01&limit=50';

type StackBench = (stack: RunningStack, login: (username: string) => Promise<string>) => Promise<void>;

const standalone: Record<string, () => void | Promise<void>> = {
  bundles: () => bundlesBench({ rounds: coldRounds, all: process.env.BENCH_COLD === 'all' }),
  web: () => webBench(),
};

const onStack: Record<string, StackBench> = {
  me: async (stack, login) =>
    compareWithBaselines(stack.url, await login('registrar-th-shiyan'), 'me', '/v1/me', { noop: '/v1/bench/noop', raw: '/v1/bench/raw/me' }, { rounds, requests, concurrency }),
  roster: async (stack, login) =>
    compareWithBaselines(
      stack.url,
      await login('registrar-th-shiyan'),
      'roster',
      `/v1/students?${ROSTER_QUERY}`,
      { noop: '/v1/bench/noop', raw: `/v1/bench/raw/roster?${ROSTER_QUERY}` },
      { rounds, requests: Math.ceil(requests / 2), concurrency },
    ),
  enrol: async (stack, login) => enrolThroughput(stack, await login('registrar-th-shiyan'), { rounds, perRound: Math.ceil(requests / 10), concurrency }),
  changes: async (stack, login) => changesBench(stack, login, { rounds, perRound: 4, atOnce: transfers, concurrency }),
  grades: async (stack, login) => gradesBench(stack, login, { rounds: gradeRounds, sheets, grades, concurrency }),
  import: async (stack, login) => importBench(stack, login, { rows: importRows, small: importSmall, rounds: importRounds }),
};

const available = [...Object.keys(standalone), ...Object.keys(onStack)];
const wanted = cli.positionals.length > 0 ? cli.positionals : available;
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}

// The stack runs in a process group of its own, so Ctrl-C reaches only this process: stop it here.
const starting = new AbortController();
let stack: Promise<RunningStack> | undefined;
let stopping: Promise<void> | undefined;
/** Stops the stack and deletes its data; one that is still starting is aborted (spawnStack cleans up). */
const stopStack = (): Promise<void> =>
  (stopping ??= (async () => {
    const running = await stack?.catch(() => undefined);
    await running?.dispose();
  })());
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(code); // A second signal: don't wait (the exit hook kills the stack).
    console.error(`\n${signal}: stopping the local stack…`);
    starting.abort(signal);
    stopStack()
      .catch((error: unknown) => console.error('stopping the local stack failed:', error))
      .finally(() => process.exit(code));
  });
}

try {
  for (const name of wanted.filter((n) => n in standalone)) await standalone[name]!();
  const stackBenches = wanted.filter((n) => n in onStack);
  if (stackBenches.length > 0) {
    // The enrolment bench is one registrar enrolling thousands: far beyond the per-user lookup
    // limit, which the bench does not measure (it would answer 429).
    process.env.RATE_LIMIT_LOOKUP = '1000000/60';
    // 1,800 demo students: 50 per class, so the roster page is a full one.
    stack = spawnStack({ manifestModule: resolve(import.meta.dirname, 'fixtures/bench-manifest.ts'), seedStudents: 1800, signal: starting.signal });
    const running = await stack;
    const url = running.url;
    const login = async (username: string) => {
      const response = await fetch(`${url}/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
      if (!response.ok) throw new Error(`dev login as ${username} failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    };
    try {
      for (const name of stackBenches) await onStack[name]!(running, login);
    } catch (error) {
      console.error(`\nthe local stack's last output:\n${running.output().slice(-3000)}`);
      throw error;
    }
  }
} catch (error) {
  if (!starting.signal.aborted) {
    console.error(`\nbench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
} finally {
  if (!starting.signal.aborted) await stopStack();
}
