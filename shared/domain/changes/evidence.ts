// Evidence (佐证材料) of a status-change case: scans and photos the parties upload straight to the
// file bucket. Pure rules: which files are accepted, who may add them and when, how many a case
// holds, what a landed file must look like, and the name it downloads under.
import type { StatusChange } from './case.ts';

export const EVIDENCE_TYPES = {
  'image/jpeg': { label: 'JPG', extensions: ['jpg', 'jpeg'], magic: [0xff, 0xd8, 0xff] },
  'image/png': { label: 'PNG', extensions: ['png'], magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  'application/pdf': { label: 'PDF', extensions: ['pdf'], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_CONTENT_TYPES = Object.keys(EVIDENCE_TYPES) as [EvidenceType, ...EvidenceType[]];

/** The largest file, in bytes (2 MB). */
export const MAX_EVIDENCE_BYTES = 2 * 1024 * 1024;
/** Files a case holds at once: accepted ones and uploads still expected. */
export const MAX_EVIDENCE_FILES = 10;
/** Upload slots a case hands out in all, rejected ones included (a bound on its list). */
export const MAX_EVIDENCE_UPLOADS = 30;
/** How long a presigned upload stays valid. */
export const UPLOAD_WINDOW_SECONDS = 10 * 60;
/** How long a download link stays valid. */
export const DOWNLOAD_LINK_SECONDS = 5 * 60;
/**
 * A slot whose file has not been checked this long after its upload window closed is given up:
 * it no longer counts toward the case's files and is shown as rejected. (S3 delivers its event
 * within seconds; Lambda's two retries of a failed check come within minutes. A check later
 * still settles the file, and the case may then hold one file more than the limit.)
 */
export const CHECK_GRACE_SECONDS = 60 * 60;
/** Bytes read from a landed file to tell its real type. */
export const MAGIC_BYTES = 8;

export type EvidenceStatus = 'pending' | 'accepted' | 'rejected';

export interface Evidence {
  changeId: string;
  evidenceId: string;
  fileName: string;
  contentType: EvidenceType;
  size: number;
  status: EvidenceStatus;
  /** Why the file was rejected (Chinese, for people). */
  reason?: string;
  addedBy: { userId: string; displayName: string; orgId: string };
  addedAt: string;
  /** The end of the upload window (the presigned POST's expiration). */
  uploadBy: string;
  checkedAt?: string;
}

export const NOT_RECEIVED = '未在上传期限内收到或核验文件，请重新上传';

/** The file's status as callers see it: a slot never filled is given up after its grace period. */
export function effectiveStatus(item: Pick<Evidence, 'status' | 'reason' | 'uploadBy'>, now: Date): { status: EvidenceStatus; reason?: string } {
  if (item.status === 'pending' && Date.parse(item.uploadBy) + CHECK_GRACE_SECONDS * 1000 < now.getTime()) return { status: 'rejected', reason: NOT_RECEIVED };
  return { status: item.status, ...(item.reason ? { reason: item.reason } : {}) };
}

export type EvidenceRefusal = 'CASE_CLOSED' | 'NOT_ALLOWED' | 'TOO_MANY_FILES' | 'TOO_MANY_UPLOADS';

/**
 * Who may add evidence: the applicant's organisation (it files and argues the case), and the
 * organisation whose step is current (its reviewer may need to add what it was shown, say a
 * signed consent), in the step's role, while the case is pending. Earlier parties and the
 * organisations above only read. `asStep` says the right comes from the current step only, so the
 * write must also hold the step (it may move on meanwhile).
 */
export function mayAddEvidence(change: StatusChange, actor: { orgId: string; role: string }): { ok: true; asStep: boolean } | { ok: false; refusal: EvidenceRefusal } {
  if (change.status !== 'pending') return { ok: false, refusal: 'CASE_CLOSED' };
  if (change.applicant.orgId === actor.orgId) return { ok: true, asStep: false };
  const step = change.steps[change.currentStep];
  if (step?.status === 'current' && step.orgId === actor.orgId && step.role === actor.role) return { ok: true, asStep: true };
  return { ok: false, refusal: 'NOT_ALLOWED' };
}

/** Whether one more file fits: live files (accepted, or still expected) and all slots ever handed out. */
export function roomFor(items: readonly Pick<Evidence, 'status' | 'reason' | 'uploadBy'>[], now: Date): EvidenceRefusal | undefined {
  if (items.length >= MAX_EVIDENCE_UPLOADS) return 'TOO_MANY_UPLOADS';
  const live = items.filter((item) => effectiveStatus(item, now).status !== 'rejected').length;
  return live >= MAX_EVIDENCE_FILES ? 'TOO_MANY_FILES' : undefined;
}

/** The file's real type, from its first bytes. */
export function detectType(head: Uint8Array): EvidenceType | undefined {
  return EVIDENCE_CONTENT_TYPES.find((type) => EVIDENCE_TYPES[type].magic.every((byte, index) => head[index] === byte));
}

/** What a landed file must be: the declared type by its bytes, the declared size, at most 2 MB. */
export function inspectLanded(declared: Pick<Evidence, 'contentType' | 'size'>, landed: { size: number; head: Uint8Array }): { ok: true } | { ok: false; reason: string } {
  if (landed.size > MAX_EVIDENCE_BYTES) return { ok: false, reason: `文件超过 2 MB (${landed.size} 字节)` };
  if (landed.size !== declared.size) return { ok: false, reason: `文件大小 (${landed.size} 字节) 与申报的 ${declared.size} 字节不符` };
  const real = detectType(landed.head);
  const label = EVIDENCE_TYPES[declared.contentType].label;
  if (!real) return { ok: false, reason: `文件内容不是 JPG、PNG 或 PDF 格式 (申报为 ${label})` };
  if (real !== declared.contentType) return { ok: false, reason: `文件内容是 ${EVIDENCE_TYPES[real].label} 格式，与申报的 ${label} 不符` };
  return { ok: true };
}

// Path separators, characters Windows refuses in names, control characters, and the bidirectional
// controls that can make "exe.png" display as "gnp.exe".
const UNSAFE = /[\\/:*?"<>|\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const MAX_NAME = 100;

/**
 * The name a file is stored and downloads under: its last path component, without characters that
 * are unsafe in file names or headers, at most 100 characters, ending in an extension of its type
 * (added when missing or wrong). Undefined when nothing usable is left.
 */
export function sanitizeFileName(raw: string, type: EvidenceType): string | undefined {
  const last = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const name = last.replace(UNSAFE, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  const extensions: readonly string[] = EVIDENCE_TYPES[type].extensions;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  // A wrong extension stays part of the name ("scan.pdf" declared PNG downloads as "scan.pdf.png").
  const fits = extensions.includes(extension);
  const suffix = fits ? name.slice(dot) : `.${extensions[0]}`;
  const stem = [...(fits ? name.slice(0, dot) : name).trim()];
  if (stem.length === 0) return undefined;
  return `${stem.slice(0, MAX_NAME - suffix.length).join('').trim()}${suffix}`;
}

/** RFC 5987 value: UTF-8, percent-encoded (attr-char kept). */
const rfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Content-Disposition for the download link: opens in the browser, saves under its own name (an ASCII fallback for old clients). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

/** Uploads land here (under the bucket's expiring `incoming/`); the check is triggered by this prefix (a problem record's files too, in `problems/`). */
export const INCOMING_PREFIX = 'incoming/evidence/';
/** Object keys hold ids only, never a file name or anything personal. */
export const incomingKey = (changeId: string, evidenceId: string) => `${INCOMING_PREFIX}${changeId}/${evidenceId}`;
/** Checked files live here, where nothing expires and only the check writes. */
export const acceptedKey = (changeId: string, evidenceId: string) => `evidence/${changeId}/${evidenceId}`;

export function parseIncomingKey(key: string): { changeId: string; evidenceId: string } | undefined {
  const match = /^incoming\/evidence\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/.exec(key);
  return match ? { changeId: match[1]!, evidenceId: match[2]! } : undefined;
}
