// Starts the check or the run of an uploaded import and follows its job to the end, feeding the
// progress line: GET /v1/imports/{importId} says the rows read while checking (total still 0),
// then done and refused rows of the total while chunks are written.
import type { Api } from './api.ts';
import type { Progress } from './progress.ts';

export interface ImportView {
  importId: string;
  fileName: string;
  job: { jobId: string; status: 'queued' | 'running' | 'succeeded' | 'failed'; total: number; done: number; errors: number; errorSamples: { item: string; message: string }[] } | null;
  rowsRead: number;
  created: number;
  skipped: number;
  failed: number;
  ready: number;
  rowErrors: { row: number; column: string; code: string; message: string }[];
  rowErrorCount: number;
  reportUrl: string | null;
}

const POLL_MS = 500;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runImport(api: Api, importId: string, request: { dryRun: boolean; mapping?: Record<string, string> | undefined }, progress: Progress): Promise<ImportView> {
  const job = await api.call<{ jobId: string }>('POST', `/v1/imports/${importId}/start`, { dryRun: request.dryRun, ...(request.mapping ? { mapping: request.mapping } : {}) });
  try {
    for (;;) {
      const view = await api.call<ImportView>('GET', `/v1/imports/${importId}`);
      const current = view.job?.jobId === job.jobId ? view.job : undefined;
      if (current && (current.status === 'succeeded' || current.status === 'failed')) return view;
      if (!current || current.total === 0) progress.checking(view.rowsRead);
      else progress.writing(current.done, current.errors, current.total);
      await sleep(POLL_MS);
    }
  } finally {
    progress.end();
  }
}
