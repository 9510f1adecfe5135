// Queue consumer: export jobs (a file per job: a grade sheet, a transcript …), rendered with the
// CJK font this function ships beside its bundle (its manifest entry's `assets`). A function of
// its own: the renderers (pdfkit, exceljs) are some 1.5 MB of bundle the other functions never load.
import { exportWorker } from '#shared/services/exports/worker.ts';
import { jobConsumer } from '#shared/services/jobs/consumer.ts';
import type { Workers } from '#shared/services/jobs/run.ts';

export const handler = jobConsumer({ export: exportWorker } as unknown as Workers);
