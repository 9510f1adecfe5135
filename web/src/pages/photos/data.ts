// 照片采集, the browser's side (API.md "Photos"): a batch with its upload form, its start, and its
// view (the job, counts and the per-file report); what a file's result is, in words.
import { createPhotoBatchRoute, getPhotoBatchRoute, startPhotoBatchRoute } from '#shared/api/photo-batches.ts';
import type { FileStatus } from '#shared/domain/photos/batch.ts';
import { request, type ResponseOf } from '../../api/client.ts';

export type BatchView = ResponseOf<typeof getPhotoBatchRoute>;
export type BatchFile = BatchView['files'][number];

/** The report's first page, and the largest the API answers: a class's or a grade's files in one go. */
export const REPORT_LIMIT = 500;

export const batchKey = (batchId: string) => ['photo-batch', batchId];

export async function createBatch(orgId: string, size: number, key: string) {
  return (await request(createPhotoBatchRoute, { body: { orgId, size }, headers: { 'idempotency-key': key } })).data;
}

export async function startBatch(batchId: string, key: string) {
  return (await request(startPhotoBatchRoute, { params: { batchId }, headers: { 'idempotency-key': key } })).data;
}

export const getBatch = async (batchId: string) => (await request(getPhotoBatchRoute, { params: { batchId }, query: { limit: REPORT_LIMIT } })).data;

export const FILE_STATUS: Record<FileStatus, { label: string; color: string }> = {
  accepted: { label: '通过', color: 'success' },
  rejected: { label: '未通过', color: 'error' },
  refused: { label: '拒收', color: 'warning' },
  unmatched: { label: '未匹配', color: 'default' },
};
