// An import job, message by message. Step 0 checks the file (check-file.ts); a dry run, or a file
// with nothing to write, then gets its report and ends. A writing run moves to step 1 and fans its
// chunks out over the queue at once; each chunk writes its rows (write-chunk.ts) and counts itself
// into the job once. The chunk that completes the count sends step 1 again, which merges every
// row's errors, writes the report and ends the job. If messages are lost (a crash), the sweeper
// sends step 1 after a while, and step 1 sends again the chunks not counted yet.
import { sendChunkMessages } from '#shared/data/import-queue.ts';
import { countChunk, countedChunks, getImport, heartbeat } from '#shared/data/import-repo.ts';
import { sendJobMessage } from '#shared/data/job-queue.ts';
import { getJob, replaceJob } from '#shared/data/job-repo.ts';
import { chunkKey, MAX_INLINE_ROW_ERRORS, outcomeKey, rowErrorsHeadKey, rowErrorsKey, type ImportRequest, type RowError, type RowOutcome } from '#shared/domain/imports/import.ts';
import { failedJob, isFinished, MAX_ERROR_SAMPLES, type Job, type JobError } from '#shared/domain/jobs.ts';
import { logger } from '#shared/http/logger.ts';
import { creatorOf } from '../jobs/creator.ts';
import { JobFailure } from '../jobs/run.ts';
import { checkFile } from './check-file.ts';
import { findObjectJson, getObjectJson, putJson } from './chunk-files.ts';
import { writeReport } from './report.ts';
import { writeChunk } from './write-chunk.ts';

export interface ImportState {
  phase: 'check' | 'write' | 'done';
  /** While checking: rows read so far. */
  rowsRead?: number;
  rows: number;
  ready: number;
  created: number;
  skipped: number;
  failed: number;
  chunks: number;
}

export interface ImportMessage {
  jobId: string;
  step: number;
  chunk?: number;
}

const WRITE_STEP = 1;

export async function runImportMessage(message: ImportMessage): Promise<void> {
  const job = (await getJob(message.jobId)) as Job<ImportState> | undefined;
  if (!job || isFinished(job.status) || job.step !== message.step) return;
  const request = job.request as unknown as ImportRequest;
  const record = await getImport(request.importId);
  if (!record) {
    await replaceJob(failedJob(job, '导入记录不存在', new Date().toISOString()), job.step);
    return;
  }
  try {
    if (message.chunk !== undefined) await runChunk(job, message.chunk);
    else if (job.step === 0) await runCheck(job, record, request);
    else await collect(job, record);
  } catch (error) {
    if (!(error instanceof JobFailure)) throw error;
    await replaceJob(failedJob(job, error.message, new Date().toISOString()), job.step);
  }
}

async function runCheck(job: Job<ImportState>, record: NonNullable<Awaited<ReturnType<typeof getImport>>>, request: ImportRequest): Promise<void> {
  const result = await checkFile(record, request, job.jobId, (rows) => heartbeat(job.jobId, 0, rows, new Date().toISOString()));
  await putRowErrors(record.importId, job.jobId, result.rowErrors);
  if (result.rows === 0) throw new JobFailure(`表头不正确：${result.rowErrors.map((error) => error.message).join('；')}`);
  const now = new Date().toISOString();
  const state: ImportState = { phase: 'write', rows: result.rows, ready: result.ready, created: 0, skipped: result.skipped, failed: result.failed, chunks: result.chunks };
  const counted: Job<ImportState> = { ...job, status: 'running', total: result.rows, done: result.skipped, errors: result.failed, errorSamples: samples(result.rowErrors), state, updatedAt: now };
  delete counted.sweeps;
  if (request.dryRun || result.ready === 0) {
    await writeReport(record, job.jobId, result.rowErrors);
    const done = request.dryRun ? result.ready + result.skipped : result.skipped;
    await replaceJob({ ...counted, status: 'succeeded', done, state: { ...state, phase: 'done' }, step: job.step + 1, completedAt: now }, job.step);
    return;
  }
  if (!(await replaceJob({ ...counted, step: WRITE_STEP }, job.step))) return;
  try {
    await sendChunkMessages(Array.from({ length: result.chunks }, (_, chunk) => ({ jobId: job.jobId, step: WRITE_STEP, chunk })));
  } catch (error) {
    logger.warn('import chunks not all sent; the sweeper resumes the job', { jobId: job.jobId, error: (error as Error).name });
  }
}

async function runChunk(job: Job<ImportState>, chunk: number): Promise<void> {
  // Delivered again after it was counted: nothing left to do.
  if ((await countedChunks(job.jobId)).has(chunk)) return;
  const request = job.request as unknown as ImportRequest;
  const result = await writeChunk(creatorOf(job), request.importId, job.jobId, chunk, chunkKey(request.importId, job.jobId, chunk));
  const counted = await countChunk(job.jobId, WRITE_STEP, chunk, { done: result.created + result.skipped, errors: result.failed, created: result.created, skipped: result.skipped }, new Date().toISOString());
  if (counted !== undefined && counted >= job.state!.chunks) await sendJobMessage('import', { jobId: job.jobId, step: WRITE_STEP });
}

/** Ends a writing run whose chunks are all counted; otherwise sends again those that are not (after a crash). */
async function collect(job: Job<ImportState>, record: NonNullable<Awaited<ReturnType<typeof getImport>>>): Promise<void> {
  const state = job.state!;
  const counted = await countedChunks(job.jobId);
  if (counted.size < state.chunks) {
    const missing = Array.from({ length: state.chunks }, (_, chunk) => chunk).filter((chunk) => !counted.has(chunk));
    await sendChunkMessages(missing.map((chunk) => ({ jobId: job.jobId, step: WRITE_STEP, chunk })));
    return;
  }
  const checked = await getObjectJson<RowError[]>(rowErrorsKey(record.importId, job.jobId));
  const written: RowError[] = [];
  for (let chunk = 0; chunk < state.chunks; chunk += 1) {
    const outcomes = (await findObjectJson<RowOutcome[]>(outcomeKey(record.importId, job.jobId, chunk))) ?? [];
    for (const outcome of outcomes) if (outcome.result !== 'created') written.push(...outcome.errors);
  }
  const errors = [...checked, ...written].sort((a, b) => a.row - b.row);
  await putRowErrors(record.importId, job.jobId, errors);
  await writeReport(record, job.jobId, errors);
  const now = new Date().toISOString();
  await replaceJob({ ...job, status: 'succeeded', errorSamples: samples(errors), state: { ...state, phase: 'done' }, step: job.step + 1, updatedAt: now, completedAt: now }, job.step);
}

/** Every row error (for the report after the writes) and the head a read answers. */
async function putRowErrors(importId: string, jobId: string, errors: RowError[]): Promise<void> {
  await putJson(rowErrorsKey(importId, jobId), errors);
  await putJson(rowErrorsHeadKey(importId, jobId), { count: errors.length, head: errors.slice(0, MAX_INLINE_ROW_ERRORS) });
}

const samples = (errors: readonly RowError[]): JobError[] =>
  errors.slice(0, MAX_ERROR_SAMPLES).map((error) => ({ item: `第 ${error.row} 行`, message: error.column ? `${error.column}：${error.message}` : error.message }));
