// Starting a check (dry run) or the run of an import: a job, once the file has landed. One job at a
// time per import (a hold released when it ends); the run that writes keeps its own hold, so a file
// is written once (a failed run frees it for another try).
import { importJobWrites, runHold } from '#shared/data/import-repo.ts';
import { readStart } from '#shared/data/object-store.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import { sourceKey, type ImportRequest } from '#shared/domain/imports/import.ts';
import type { Job } from '#shared/domain/jobs.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { conflict } from '#shared/http/api-error.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { HeldByAnother, startJob } from '../jobs/start.ts';
import { loadImportFor } from './access.ts';
import type { ImportState } from './run.ts';

const busyHold = (importId: string) => ({ PK: `IMPORT#${importId}`, SK: 'BUSY' });

export async function startImport(principal: Principal, importId: string, options: { dryRun: boolean; mapping?: Record<string, string> | undefined }): Promise<Job> {
  const record = await loadImportFor(principal, importId);
  const landed = await readStart(bucketName(FILES_BUCKET), sourceKey(importId), 1);
  if (!landed || landed.size === 0) throw conflict('IMPORT_NOT_UPLOADED', '导入文件尚未上传完成，请上传后再开始');
  const request: ImportRequest = { importId, dryRun: options.dryRun, ...(options.mapping ? { mapping: options.mapping } : {}) };
  const state: ImportState = { phase: 'check', rows: 0, ready: 0, created: 0, skipped: 0, failed: 0, chunks: 0 };
  try {
    return await startJob(principal, {
      kind: 'import',
      orgId: record.schoolId,
      request: { ...request },
      state,
      holds: [busyHold(importId)],
      ...(options.dryRun ? {} : { keeps: [runHold(importId)] }),
      reason: options.dryRun ? `检查导入文件 ${record.fileName}` : `导入 ${record.fileName}`,
      alongside: (jobId) => importJobWrites(record, jobId, !options.dryRun),
    });
  } catch (error) {
    if (!(error instanceof HeldByAnother)) throw error;
    if (error.hold.SK === 'RUN') throw conflict('IMPORT_ALREADY_RUN', '该文件已经正式导入过 (或正在导入)；再导入请重新上传文件');
    throw conflict('IMPORT_RUNNING', '该文件的检查或导入正在进行，请等它完成');
  }
}
