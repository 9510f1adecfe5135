// 批量导入, the browser's side (API.md "Imports and data quality"): the calls of an import (the
// template, a new import with its upload form, a check or the run, its view, the school's list),
// the query keys they live under, and what an import's state is, in words.
import { createImportRoute, getImportRoute, importTemplateRoute, listImportsRoute, startImportRoute } from '#shared/api/imports.ts';
import type { ImportFormat } from '#shared/domain/imports/import.ts';
import { isFinished } from '#shared/domain/jobs.ts';
import { request, requestFile, type ResponseOf } from '../../api/client.ts';

export type ImportView = ResponseOf<typeof getImportRoute>;
export type ImportItem = ResponseOf<typeof listImportsRoute>['items'][number];
export type RowError = ImportView['rowErrors'][number];

export const TEMPLATE_NAME = '学生信息导入模板.xlsx';
export const PAGE = 20;

export const importsKey = (schoolId: string) => ['imports', schoolId];
export const importKey = (importId: string) => ['import', importId];

export const getImport = async (importId: string) => (await request(getImportRoute, { params: { importId } })).data;

export const importsPage = async (schoolId: string, cursor: string | undefined) => (await request(listImportsRoute, { query: { schoolId, limit: PAGE, cursor } })).data;

export async function createImport(schoolId: string, file: File, format: ImportFormat, key: string) {
  return (await request(createImportRoute, { body: { schoolId, fileName: file.name, format, size: file.size }, headers: { 'idempotency-key': key } })).data;
}

/** A check (dryRun: writes nothing) or the run; answers the job, which the import's view follows. */
export async function startImport(importId: string, dryRun: boolean, key: string) {
  return (await request(startImportRoute, { params: { importId }, body: { dryRun }, headers: { 'idempotency-key': key } })).data;
}

/** Saves a Blob under a name, as a download link the user clicked would. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // After the click has handed the bytes over.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The template (fetched with the token: the route is signed-in only), saved as 学生信息导入模板.xlsx. */
export async function downloadTemplate(): Promise<void> {
  saveBlob(await requestFile(importTemplateRoute, {}), TEMPLATE_NAME);
}


/** Where an import stands, for its view: what the page shows next. */
export type Phase = 'unchecked' | 'checking' | 'checked' | 'checkFailed' | 'writing' | 'written' | 'writeFailed';

export function phaseOf(view: ImportView): Phase {
  const job = view.job;
  if (!job) return 'unchecked';
  const dry = view.dryRun ?? true;
  if (!isFinished(job.status)) return dry ? 'checking' : 'writing';
  if (job.status === 'failed') return dry ? 'checkFailed' : 'writeFailed';
  return dry ? 'checked' : 'written';
}

/** An import of the list, in words, from what the list holds (the latest job's id and the run's). */
export function listState(item: ImportItem): { label: string; color: string } {
  if (item.runJobId) return { label: '已导入', color: 'success' };
  if (item.jobId) return { label: '已检查，未导入', color: 'processing' };
  return { label: '未检查', color: 'default' };
}
