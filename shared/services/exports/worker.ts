// The export jobs' worker (the exports function): the plan counts one file; the one chunk makes it
// with the kind's renderer, for what the requester may see (decided when it asked), and writes it
// to the files bucket under the job's id, with its name and type stored beside it. A chunk run
// again writes the same file under the same key. The link is made when the job is read (link.ts).
import { putObject } from '#shared/data/object-store.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import { attachment, exportKey, FORMAT_TYPE, type ExportRequest } from '#shared/domain/exports/kinds.ts';
import { logger } from '#shared/http/logger.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import type { JobWorker } from '../jobs/run.ts';
import { EXPORT_RENDERERS, type ExportRenderer } from './renderers.ts';
import type { ExportState } from './start.ts';

export const exportWorker: JobWorker<ExportState> = {
  plan(job) {
    return Promise.resolve({ total: 1, errors: [], state: job.state ?? { full: false } });
  },

  async chunk(job, state) {
    const request = job.request as ExportRequest;
    const started = performance.now();
    const renderer = EXPORT_RENDERERS[request.kind] as ExportRenderer<typeof request.kind>;
    const file = await renderer.render(request, { full: state.full, at: new Date().toISOString() });
    const key = exportKey(job.jobId, request.format);
    await putObject(bucketName(FILES_BUCKET), key, file.bytes, { contentType: FORMAT_TYPE[request.format], contentDisposition: attachment(file.fileName) });
    // Counts only: names and grades stay out of the logs.
    logger.info('export written', { jobId: job.jobId, kind: request.kind, format: request.format, bytes: file.bytes.byteLength, ms: Math.round(performance.now() - started), missingGlyphs: file.missingGlyphs });
    return { done: 1, errors: file.refused ?? [], state: { ...state, key, size: file.bytes.byteLength }, finished: true };
  },

  resultUrl: () => null,
};
