// An evidence file as the API lists it, whoever it backs: its status as callers see it (a slot
// never filled is given up after its grace period) and, once accepted, a download link valid five
// minutes that opens the file under its own name.
import type { EvidenceFile } from '#shared/data/evidence-repo.ts';
import { presignGet } from '#shared/data/object-store.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import { contentDisposition, DOWNLOAD_LINK_SECONDS, effectiveStatus, type EvidenceStatus, type EvidenceType } from '#shared/domain/changes/evidence.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';

export interface EvidenceView {
  evidenceId: string;
  fileName: string;
  contentType: EvidenceType;
  size: number;
  status: EvidenceStatus;
  reason?: string;
  url?: string;
}

export async function evidenceView(item: EvidenceFile, acceptedKey: string, now: Date): Promise<EvidenceView> {
  const { status, reason } = effectiveStatus(item, now);
  const url = status === 'accepted' ? await presignGet(bucketName(FILES_BUCKET), acceptedKey, { expiresIn: DOWNLOAD_LINK_SECONDS, contentDisposition: contentDisposition(item.fileName), contentType: item.contentType }) : undefined;
  return { evidenceId: item.evidenceId, fileName: item.fileName, contentType: item.contentType, size: item.size, status, ...(reason ? { reason } : {}), ...(url ? { url } : {}) };
}
