// Evidence (佐证材料) of a case, the browser's side (docs/api-guide.md "Evidence"): which files may
// go up (JPG, PNG or PDF, at most 2 MB: checked here first, so a wrong file is refused at once and
// in words), who may add them, and the upload itself: the presigned form from the API, then the
// file straight to storage with XMLHttpRequest, whose upload events drive the progress bar.
import { addEvidenceRoute, listEvidenceRoute } from '#shared/api/evidence.ts';
import { EVIDENCE_CONTENT_TYPES, EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, type EvidenceType } from '#shared/domain/changes/evidence.ts';
import { ApiClientError, request, type ResponseOf } from '../../api/client.ts';
import type { Me } from '../../auth/session.tsx';
import { myStep, type Change } from './case.ts';

export type EvidenceItem = ResponseOf<typeof listEvidenceRoute>['items'][number];

export const evidenceKey = (changeId: string) => ['evidence', changeId];
export const listEvidence = async (changeId: string) => (await request(listEvidenceRoute, { params: { changeId } })).data.items;

export { MAX_EVIDENCE_FILES };
export const ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';
export const typeLabel = (type: EvidenceType): string => EVIDENCE_TYPES[type].label;
export const isImage = (type: EvidenceType): boolean => type !== 'application/pdf';

/** A download link lives 5 minutes: one older than this may die before it is used. */
export const LINK_FRESH_MS = 4 * 60_000;

/**
 * Who may add evidence, as the API decides it (shared/domain/changes/evidence.ts mayAddEvidence):
 * the applicant's organisation, and the organisation whose step is current, while the case is pending.
 */
export const mayAddEvidence = (change: Change, me: Me): boolean => change.status === 'pending' && (change.applicant.orgId === me.orgId || myStep(change, me) !== undefined);

/** 2 MB, 12.4 KB, 836 B: sizes round up, so a file just over the limit never reads as 2.00 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(Math.ceil((bytes / 1024) * 10) / 10).toFixed(1)} KB`;
  return `${(Math.ceil((bytes / 1024 / 1024) * 100) / 100).toFixed(2)} MB`;
}

/** The file's type as the API takes it: its MIME type when the browser knows one, else its extension. */
function contentTypeOf(file: { name: string; type: string }): EvidenceType | undefined {
  if ((EVIDENCE_CONTENT_TYPES as readonly string[]).includes(file.type)) return file.type as EvidenceType;
  const extension = file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase();
  return EVIDENCE_CONTENT_TYPES.find((type) => (EVIDENCE_TYPES[type].extensions as readonly string[]).includes(extension));
}

/** What the browser can tell before sending: the type and the size; the bytes are checked once the file has landed. */
export function checkFile(file: { name: string; type: string; size: number }): { contentType: EvidenceType } | { problem: string } {
  const contentType = contentTypeOf(file);
  if (!contentType) return { problem: `“${file.name}”不是 JPG、PNG 或 PDF 文件，不能上传。请另存为这三种格式之一后再上传。` };
  if (file.size === 0) return { problem: `“${file.name}”是空文件，不能上传。` };
  if (file.size > MAX_EVIDENCE_BYTES) return { problem: `“${file.name}”有 ${formatSize(file.size)}，超过 2 MB 的上限。请压缩图片、降低扫描分辨率或分页扫描后再上传。` };
  return { contentType };
}

/** Why the API would not hand out an upload slot, in words, with what to do. */
export function slotRefusal(error: unknown): string {
  if (!(error instanceof ApiClientError)) return '上传失败，请重试。';
  if (error.code === 'EVIDENCE_LIMIT') return `${error.message}。未通过核验的材料不计入；已上传的材料不能删除，如有误请在审核意见中说明。`;
  if (error.code === 'CASE_CLOSED') return `${error.message}。`;
  if (error.code === 'EVIDENCE_NOT_ALLOWED') return `${error.message}。该申请可能已转到下一步，页面已刷新。`;
  if (error.fields.length > 0) return error.fields.map((field) => field.message).join('；');
  return error.message;
}


/** Asks the API for an upload slot of this file: its id and the presigned form. */
export async function openSlot(changeId: string, file: File, contentType: EvidenceType) {
  return (await request(addEvidenceRoute, { params: { changeId }, body: { fileName: file.name, contentType, size: file.size } })).data;
}
