// Bulk intake (招生导入) of a large file on the local stack, against a baseline measured in the same
// run, rounds alternated:
//   import   an XLSX of `rows` new students (bench/import-file.ts: written streaming to disk, some
//            250 bytes a row) uploaded through the presigned POST before any timed run, so a file
//            the stack cannot take fails the bench at once, then timed from POST /v1/imports/{id}/start to the
//            job's end: the worker streams and checks the file, fans its chunks out over the imports
//            queue (its pollers write IMPORT_POLLERS chunks at once, each ROWS_IN_FLIGHT rows at
//            once, every row an enrolment transaction), then writes the report
//   batch    BatchWriteItem of the same items (bench/import-baseline.ts), equally parallel: the
//            issue's baseline
//   txn      the same items as the import commits them, a TransactWriteItems a row, equally
//            parallel: DynamoDB Local syncs each item of a batch but a transaction once, so on it
//            this is the floor of the import's writes
//   memory   the peak RSS and V8 heap of the stack's process (which hosts the worker) during an
//            import of `small` rows against one of `rows` rows (bench/stack-memory.ts): a file
//            streamed, never loaded whole, keeps the heap's ratio near 1 (what grows with the rows
//            is the check's keys seen so far)
// Each import goes into a grade of its own of the demo school 2144010601 (classes 1班…, at most 99,
// so big files make big classes), made through the API by its registrar. DynamoDB Local slows as
// its SQLite file grows (some 10 KB a row: the record is stored again in each of three indexes;
// gigabytes at these sizes), so whatever runs later runs on a bigger table. Hence each round is
// mirrored around the large import: half of each baseline's rows before it, half after, in
// reverse order (batch, txn, import, txn, batch; the next round txn outermost), then the small
// import. After a warm-up (a small import, small raw writes). Every import must create every row,
// or the bench fails.
import { rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunningStack } from '#local/child-stack.ts';
import { appManifest, IMPORTS_QUEUE, RECORDS_TABLE } from '#shared/manifest/app-manifest.ts';
import { CHUNK_ROWS } from '#shared/domain/imports/import.ts';
import { Api } from '../cli/api.ts';
import { uploadFile } from '../cli/upload.ts';
import { useStackDynamo } from './local-env.ts';
import { baseline, ROWS_IN_FLIGHT, type BaselineMode, type BaselinePlace } from './import-baseline.ts';
import { writeImportFile } from './import-file.ts';
import { StackMemory, type MemoryPeak } from './stack-memory.ts';

export interface ImportOptions {
  /** Rows of the large file (and of the baseline). */
  rows: number;
  /** Rows of the small file, the memory comparison's other end. */
  small: number;
  rounds: number;
}

const SCHOOL = '2144010601';
const COUNTY = '440106';
const COUNTY_PATH = '/440000/440100/440106';
const REGISTRAR = 'registrar-th-shiyan';
/** ID numbers' regions no demo data or other bench uses: the imports' rows, the baselines'. */
const IMPORT_REGION = '440114';
const RAW_REGION: Record<BaselineMode, string> = { batch: '440184', transaction: '440183' };
/** Classes of about this many rows, but at most MAX_CLASSES in a grade (a class number is 1-99). */
const CLASS_ROWS = 50;
const MAX_CLASSES = 99;
/** Entry years of the imports' grades: from here up, one per import (the demo school has 2024-2026). */
const FIRST_YEAR = 2030;
const WARM_UP_ROWS = 500;
const POLL_MS = 250;

const IMPORT_POLLERS = (() => {
  const worker = appManifest.functions.find((fn) => fn.triggers.some((trigger) => trigger.kind === 'queue' && trigger.queue === IMPORTS_QUEUE));
  const trigger = worker?.triggers.find((each) => each.kind === 'queue');
  return (trigger && 'maxConcurrency' in trigger ? trigger.maxConcurrency : undefined) ?? 1;
})();

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const count = (n: number) => n.toLocaleString('en-US');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface ImportRun {
  rows: number;
  /** Start to the job's end; the check's share (until the job knew its total); the upload (untimed in the rate). */
  seconds: number;
  checkSeconds: number;
  uploadSeconds: number;
  fileBytes: number;
  before: { rss: number; heapUsed: number };
  check: MemoryPeak;
  whole: MemoryPeak;
}

interface PreparedImport {
  importId: string;
  rows: number;
  fileBytes: number;
  uploadSeconds: number;
}

interface RawRun {
  mode: BaselineMode;
  rows: number;
  items: number;
  seconds: number;
}

interface ImportView {
  job: { jobId: string; status: string; total: number; done: number; errors: number; errorSamples: { item: string; message: string }[] } | null;
  created: number;
  skipped: number;
  failed: number;
  rowErrors: { row: number; column: string; message: string }[];
  rowErrorCount: number;
}

export async function importBench(stack: RunningStack, login: (username: string) => Promise<string>, options: ImportOptions): Promise<void> {
  useStackDynamo(stack);
  const api = new Api(stack.url, await login(REGISTRAR));
  const memory = await StackMemory.of(stack, await login(REGISTRAR));
  const raw = await baseline(RECORDS_TABLE);
  let year = FIRST_YEAR;
  let importSerial = 0;
  const rawSerial: Record<BaselineMode, number> = { batch: 0, transaction: 0 };
  const failures: string[] = [];

  /** A grade of its own with its classes, through the API (untimed). */
  const newGrade = async (rows: number): Promise<BaselinePlace> => {
    const entryYear = String(year++);
    const classes = Math.min(MAX_CLASSES, Math.max(1, Math.ceil(rows / CLASS_ROWS)));
    const grade = await api.call<{ orgId: string }>('POST', `/v1/orgs/${SCHOOL}/children`, { code: entryYear, name: `${entryYear}级` });
    const classIds: string[] = [];
    for (let start = 0; start < classes; start += 8) {
      const made = await Promise.all(
        Array.from({ length: Math.min(8, classes - start) }, (_, i) => api.call<{ orgId: string }>('POST', `/v1/orgs/${grade.orgId}/children`, { code: String(start + i + 1), name: `${start + i + 1}班` })),
      );
      classIds.push(...made.map((klass) => klass.orgId));
    }
    return {
      gradeName: `${entryYear}级`, classNames: classIds.map((_, i) => `${i + 1}班`), classSize: Math.ceil(rows / classes),
      schoolId: SCHOOL, countyId: COUNTY, countyPath: COUNTY_PATH, gradeId: grade.orgId, entryYear, classIds,
    };
  };

  /** A file of `rows` rows in a grade of its own, uploaded as a registrar uploads it (untimed): its import. */
  const prepareImport = async (rows: number): Promise<PreparedImport> => {
    const place = await newGrade(rows);
    const path = await writeImportFile(place, IMPORT_REGION, importSerial, rows);
    importSerial += rows;
    try {
      const { size } = await stat(path);
      const started = process.hrtime.bigint();
      const importId = await uploadFile(api, SCHOOL, path).catch((error: unknown) => {
        // fauxqs, the local S3, refuses any request body over 11 MiB (its Fastify bodyLimit); the
        // stack's S3 front stores larger forms in parts (local/emulators/large-form-upload.ts).
        throw new Error(`the ${count(rows)}-row file (${mb(size)} MB) was not uploaded: ${(error as Error).message} (the local S3 emulator takes at most 11 MiB a request; try fewer --rows)`, { cause: error });
      });
      return { importId, rows, fileBytes: size, uploadSeconds: seconds(started) };
    } finally {
      await rm(dirname(path), { recursive: true, force: true });
    }
  };

  /** Runs an uploaded import to its end, timing it and the check, and the stack's memory meanwhile. */
  const runImport = async ({ importId, rows, fileBytes, uploadSeconds }: PreparedImport): Promise<ImportRun> => {
    const before = await memory.start();
    const started = process.hrtime.bigint();
    const job = await api.call<{ jobId: string }>('POST', `/v1/imports/${importId}/start`, { dryRun: false });
    let checkSeconds: number | undefined;
    let check: MemoryPeak | undefined;
    for (;;) {
      const view = await api.call<ImportView>('GET', `/v1/imports/${importId}`);
      const current = view.job?.jobId === job.jobId ? view.job : undefined;
      const finished = current?.status === 'succeeded' || current?.status === 'failed';
      if (checkSeconds === undefined && current && (current.total > 0 || finished)) {
        checkSeconds = seconds(started);
        check = await memory.peak();
      }
      if (finished) {
        const total = seconds(started);
        const whole = await memory.peak();
        if (current.status !== 'succeeded' || view.created !== rows) {
          const first = view.rowErrors.slice(0, 3).map((error) => `row ${error.row} ${error.column}: ${error.message}`);
          failures.push(`import of ${count(rows)} rows: ${current.status}, ${view.created} created, ${view.skipped} skipped, ${view.failed} failed (${view.rowErrorCount} row errors${first.length > 0 ? `; ${first.join(' | ')}` : ''}${current.errorSamples.length > 0 && current.status === 'failed' ? `; ${current.errorSamples[0]!.message}` : ''})`);
        }
        return { rows, seconds: total, checkSeconds: checkSeconds!, uploadSeconds, fileBytes, before, check: check!, whole };
      }
      await sleep(POLL_MS);
    }
  };

  const runRaw = async (mode: BaselineMode, rows: number): Promise<RawRun> => {
    // The baseline's records claim classes of a grade nobody reads: it only needs their ids.
    const entryYear = String(year++);
    const gradeId = `${SCHOOL}-G${entryYear}`;
    const classes = Math.min(MAX_CLASSES, Math.max(1, Math.ceil(rows / CLASS_ROWS)));
    const classIds = Array.from({ length: classes }, (_, i) => `${gradeId}-C${String(i + 1).padStart(2, '0')}`);
    const place: BaselinePlace = {
      gradeName: `${entryYear}级`, classNames: classIds.map((_, i) => `${i + 1}班`), classSize: Math.ceil(rows / classes),
      schoolId: SCHOOL, countyId: COUNTY, countyPath: COUNTY_PATH, gradeId, entryYear, classIds,
    };
    const started = process.hrtime.bigint();
    const items = await raw.write(mode, place, RAW_REGION[mode], rawSerial[mode], rows, CHUNK_ROWS, IMPORT_POLLERS);
    rawSerial[mode] += rows;
    return { mode, rows, items, seconds: seconds(started) };
  };

  // Every file made and uploaded first (untimed), so a file the stack cannot take fails the bench
  // before the long runs; then a warm-up: module loads, the JIT, connections, DynamoDB Local's first pages.
  const setupStarted = process.hrtime.bigint();
  const warmUp = await prepareImport(WARM_UP_ROWS);
  const prepared = { small: [] as PreparedImport[], large: [] as PreparedImport[] };
  for (let round = 0; round < options.rounds; round += 1) {
    prepared.large.push(await prepareImport(options.rows));
    prepared.small.push(await prepareImport(options.small));
  }
  const setupSeconds = seconds(setupStarted);
  const warmStarted = process.hrtime.bigint();
  await runImport(warmUp);
  await runRaw('batch', WARM_UP_ROWS);
  await runRaw('transaction', WARM_UP_ROWS);
  const warmSeconds = seconds(warmStarted);

  const results = { batch: [] as RawRun[], txn: [] as RawRun[], small: [] as ImportRun[], large: [] as ImportRun[] };
  const firstHalf = Math.ceil(options.rows / 2);
  const raws = (mode: BaselineMode, rows: number) => ({ name: mode === 'batch' ? 'raw BatchWriteItem' : 'raw transactions', rows, run: async () => void results[mode === 'batch' ? 'batch' : 'txn'].push(await runRaw(mode, rows)) });
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      const [outer, inner] = round % 2 === 0 ? (['batch', 'transaction'] as const) : (['transaction', 'batch'] as const);
      const largeImport = { name: 'large import', rows: options.rows, run: async () => void results.large.push(await runImport(prepared.large[round]!)) };
      const smallImport = { name: 'small import', rows: options.small, run: async () => void results.small.push(await runImport(prepared.small[round]!)) };
      const steps = [raws(outer, firstHalf), raws(inner, firstHalf), largeImport, raws(inner, options.rows - firstHalf), raws(outer, options.rows - firstHalf), smallImport];
      for (const step of steps) {
        if (step.rows === 0) continue;
        const started = process.hrtime.bigint();
        console.error(`bench import: round ${round + 1}, ${step.name} of ${count(step.rows)} rows…`);
        await step.run();
        console.error(`  ${seconds(started).toFixed(0)} s`);
      }
    }
  } finally {
    memory.stop();
  }

  const rate = (runs: { rows: number; seconds: number }[]) => runs.reduce((sum, run) => sum + run.rows, 0) / runs.reduce((sum, run) => sum + run.seconds, 0);
  const worst = (runs: ImportRun[], pick: (run: ImportRun) => number) => Math.max(...runs.map(pick));
  const importRate = rate(results.large);
  const batchRate = rate(results.batch);
  const txnRate = rate(results.txn);
  const itemsPerRow = results.batch[0]!.items / results.batch[0]!.rows;
  const large = results.large;
  const small = results.small;
  const f = (value: number, width: number, digits = 0) => value.toFixed(digits).padStart(width);

  console.log(`\nbench import: a file of ${count(options.rows)} new students imported on the local stack, against the same rows' items written raw,`);
  console.log(`  and the stack process's peak memory importing ${count(options.small)} rows against ${count(options.rows)} rows (${options.rounds} round${options.rounds === 1 ? '' : 's'},`);
  console.log(`  the baselines' halves mirrored around the large import, as DynamoDB Local slows with its table's size; files made and uploaded`);
  console.log(`  in ${setupSeconds.toFixed(0)} s, warm-up ${warmSeconds.toFixed(0)} s)`);
  console.log(`  import: XLSX (${mb(large[0]!.fileBytes)} MB for ${count(options.rows)} rows; shared strings, as Excel saves) uploaded by presigned POST (${large[0]!.uploadSeconds.toFixed(1)} s, untimed), timed from`);
  console.log(`    POST /v1/imports/{id}/start to the job's end: the check streaming the file, chunks of ${CHUNK_ROWS} rows over the imports queue to`);
  console.log(`    ${IMPORT_POLLERS} pollers × ${ROWS_IN_FLIGHT} rows at once, each row an enrolment transaction, then the report`);
  console.log(`  batch: BatchWriteItem (25 items a request) of the same rows' items (newStudentItems + audit entry: ${itemsPerRow.toFixed(1)} a row) from this`);
  console.log(`    process to the same DynamoDB Local, ${IMPORT_POLLERS} chunks × ${ROWS_IN_FLIGHT} requests in flight; txn: the same items as the import commits them, one`);
  console.log(`    TransactWriteItems a row with conditions and a row marker, ${IMPORT_POLLERS} × ${ROWS_IN_FLIGHT} rows in flight (DynamoDB Local syncs a batch's items one by one, a transaction once)`);
  console.log(`  ${''.padEnd(26)}${'rows/s'.padStart(9)}${'seconds'.padStart(10)}${'check s'.padStart(10)}${'write s'.padStart(10)}`);
  for (const run of large) console.log(`  ${`import ${count(run.rows)}`.padEnd(26)}${f(run.rows / run.seconds, 9)}${f(run.seconds, 10)}${f(run.checkSeconds, 10)}${f(run.seconds - run.checkSeconds, 10)}`);
  for (const run of small) console.log(`  ${`import ${count(run.rows)}`.padEnd(26)}${f(run.rows / run.seconds, 9)}${f(run.seconds, 10)}${f(run.checkSeconds, 10)}${f(run.seconds - run.checkSeconds, 10)}`);
  const rawLine = (label: string, runs: RawRun[]) =>
    console.log(`  ${`${label} ${count(runs.reduce((sum, run) => sum + run.rows, 0))}`.padEnd(26)}${f(rate(runs), 9)}${f(runs.reduce((sum, run) => sum + run.seconds, 0), 10)}   in parts of ${runs.map((run) => `${count(run.rows)} rows ${run.seconds.toFixed(0)} s`).join(', ')}`);
  rawLine('raw BatchWriteItem', results.batch);
  rawLine('raw transactions', results.txn);
  console.log(`  ratio import ÷ raw BatchWriteItem, rows/s (${count(options.rows)} rows): ×${(importRate / batchRate).toFixed(2)}`);
  console.log(`  ratio import ÷ raw transactions,   rows/s (${count(options.rows)} rows): ×${(importRate / txnRate).toFixed(2)}`);

  console.log(`  stack process memory (MB)    before  peak RSS (check)  peak RSS  peak heap (check)  peak heap`);
  const memoryLine = (label: string, run: ImportRun) =>
    console.log(`  ${label.padEnd(28)}${f(run.before.rss / 2 ** 20, 7)}${f(run.check.rss / 2 ** 20, 18)}${f(run.whole.rss / 2 ** 20, 10)}${f(run.check.heapUsed / 2 ** 20, 19)}${f(run.whole.heapUsed / 2 ** 20, 11)}`);
  for (const run of small) memoryLine(`import ${count(run.rows)}`, run);
  for (const run of large) memoryLine(`import ${count(run.rows)}`, run);
  const ratio = (pick: (run: ImportRun) => number) => (worst(large, pick) / worst(small, pick)).toFixed(2);
  console.log(`  ratio ${count(options.rows)} ÷ ${count(options.small)} rows (${(options.rows / options.small).toFixed(0)}× the file): peak RSS ×${ratio((run) => run.whole.rss)} (check ×${ratio((run) => run.check.rss)}), peak heap ×${ratio((run) => run.whole.heapUsed)} (check ×${ratio((run) => run.check.heapUsed)})`);
  console.log(`  (RSS: ${large[0]!.whole.exact ? "the kernel's high-water mark, reset before each import" : 'sampled every 100 ms'}; heap: V8's, sampled every 100 ms in the process. The process also hosts the`);
  console.log(`  gateway, the other handlers and the S3 emulator, which reads a whole object into memory to serve it: the ${mb(large[0]!.fileBytes)} MB source file when the check`);
  console.log(`  and the report fetch it (and the import's report when it is stored), so here RSS may grow with the file where the heap does not)`);
  if (failures.length > 0) {
    console.log(`  failures: ${failures.length}; ${failures.join(' || ')}`);
    process.exitCode = 1;
  }
}
