// Exports (导出): files made from the records by a job, downloaded through a short-lived link. Each
// kind names what it exports and in which formats; its access check and its content live in
// shared/services/exports/ (one module per kind, listed in the registry there). Pure.
import type { OrgKind } from '../org.ts';

export const EXPORT_FORMATS = ['xlsx', 'pdf', 'csv', 'zip'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_TYPE: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
};

export const EXPORT_KINDS = ['gradeSheet', 'transcript', 'roster', 'statistics', 'photos', 'captureList', 'chsiNew', 'chsiAnnual', 'chsiGraduate', 'oneRoster'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_KIND_LABEL: Record<ExportKind, string> = {
  gradeSheet: '登分表',
  transcript: '成绩单',
  roster: '学生名册',
  statistics: '统计表',
  photos: '学籍照片',
  captureList: '毕业生图像采集名单',
  chsiNew: '学信网新生注册',
  chsiAnnual: '学信网学年注册',
  chsiGraduate: '学信网毕业生注册',
  oneRoster: 'OneRoster 数据包',
};

/** Kinds made of everything in an organisation (a class, grade, school …): `orgId` names it. */
export const ORG_EXPORT_KINDS = ['roster', 'statistics', 'photos', 'captureList', 'chsiNew', 'chsiAnnual', 'chsiGraduate', 'oneRoster'] as const;
export type OrgExportKind = (typeof ORG_EXPORT_KINDS)[number];
export const isOrgExportKind = (kind: ExportKind): kind is OrgExportKind => (ORG_EXPORT_KINDS as readonly string[]).includes(kind);

/** The kinds of organisation each organisation kind is exported for (the access check refuses others with 422). */
export const KIND_ORGS: Record<OrgExportKind, readonly OrgKind[]> = {
  roster: ['class', 'grade', 'school'],
  statistics: ['province', 'city', 'county', 'school', 'grade', 'class'],
  photos: ['class', 'grade'],
  captureList: ['class', 'grade', 'school'],
  chsiNew: ['grade', 'school'],
  chsiAnnual: ['grade', 'school'],
  chsiGraduate: ['grade', 'school'],
  oneRoster: ['school'],
};

/** What each kind exports: the thing it is made of. */
export type ExportTargets = { gradeSheet: { sectionId: string }; transcript: { studentId: string } } & { [K in OrgExportKind]: { orgId: string } };

/** A request for an export of one kind (`orgId`, when given, must hold what is exported). */
export type ExportRequest<K extends ExportKind = ExportKind> = { [Kind in K]: { kind: Kind; format: ExportFormat; orgId?: string | undefined } & ExportTargets[Kind] }[K];

/** The formats each kind is made in (the first is the usual one). */
export const KIND_FORMATS = {
  gradeSheet: ['xlsx', 'pdf'],
  transcript: ['xlsx', 'pdf'],
  roster: ['xlsx', 'pdf', 'csv'],
  statistics: ['xlsx', 'pdf'],
  photos: ['zip'],
  captureList: ['xlsx', 'csv'],
  chsiNew: ['xlsx', 'csv'],
  chsiAnnual: ['xlsx', 'csv'],
  chsiGraduate: ['xlsx', 'csv'],
  oneRoster: ['zip'],
} as const satisfies Record<ExportKind, readonly [ExportFormat, ...ExportFormat[]]>;

/** What a download link lives: a link is made each time the job is read, never stored. */
export const EXPORT_LINK_SECONDS = 5 * 60;

/**
 * The files bucket keeps an export this many days (a lifecycle rule on the prefix); the job then
 * says there is no file. A deployment may choose another number (context exportKeepDays, handed to
 * the handlers as EXPORT_KEEP_DAYS).
 */
export const EXPORT_KEEP_DAYS = 7;

export const EXPORT_PREFIX = 'exports/';

/** A file's key holds the job's id only: nothing personal in keys or links. */
export const exportKey = (jobId: string, format: ExportFormat) => `${EXPORT_PREFIX}${jobId}.${format}`;

/** Whether a file finished at `completedAt` may still be in the bucket (with a day's margin for the lifecycle rule). */
export function exportKept(completedAt: string, now = Date.now(), keepDays = EXPORT_KEEP_DAYS): boolean {
  return now - Date.parse(completedAt) < (keepDays - 1) * 86_400_000;
}

/** A name safe in a file name and a header: no path separators, quotes or control characters. */
export function fileNamePart(value: string): string {
  return value.replace(/[\\/:*?"<>|\p{Cc}]/gu, '').replace(/\s+/g, ' ').trim();
}

/** RFC 5987 value: UTF-8, percent-encoded (attr-char kept). */
const rfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Content-Disposition stored with a file: saved under its name (an ASCII fallback for old clients). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}
