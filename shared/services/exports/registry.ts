// The export kinds (API.md "Exports"): each with its access check here, run when an export is
// requested and again whenever its job is read (a download link is made only for a reader who may
// still have the file), and its content in the worker's registry (renderers.ts), which only the
// exports function carries. A new kind (roster, photos, the 学信网 files …) adds its name in
// shared/domain/exports/kinds.ts, its request in shared/api/exports.ts, and one entry in each
// registry; the compiler asks for all three.
import { isWithin } from '#shared/domain/org.ts';
import type { ExportKind, ExportRequest } from '#shared/domain/exports/kinds.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ruleViolation } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';
import { gradeSheetAccess } from './kinds/grade-sheet-access.ts';
import { orgExportAccess } from './kinds/org-access.ts';
import { transcriptAccess } from './kinds/transcript-access.ts';

/** What an allowed export is: whose it is, and what its file may show. */
export interface ExportGrant {
  /** The organisation the job is of (the school of the section or the student). */
  orgId: string;
  /** Where what is exported sits in the organisation tree (an `orgId` in the request must hold it). */
  orgPath: string;
  /** The file shows personal data in full (the national student number): only for a caller who may see it so. */
  full: boolean;
}

export interface ExportAccess<K extends ExportKind> {
  /** 404 when what is exported is missing or outside the caller's scope, 403 when its role may not export it. */
  authorize(principal: Principal, request: ExportRequest<K>): Promise<ExportGrant>;
}

export const EXPORT_ACCESS: { [K in ExportKind]: ExportAccess<K> } = {
  gradeSheet: gradeSheetAccess,
  transcript: transcriptAccess,
  roster: orgExportAccess('roster', 'roster.export'),
  statistics: orgExportAccess('statistics', 'stats.read'),
  photos: orgExportAccess('photos', 'records.export'),
  captureList: orgExportAccess('captureList', 'records.export'),
  chsiNew: orgExportAccess('chsiNew', 'records.export'),
  chsiAnnual: orgExportAccess('chsiAnnual', 'records.export'),
  chsiGraduate: orgExportAccess('chsiGraduate', 'records.export'),
  oneRoster: orgExportAccess('oneRoster', 'records.export'),
};

/** The kind's check, and an `orgId` the request names must be one the caller reads that holds what is exported. */
export async function authorizeExport(principal: Principal, request: ExportRequest): Promise<ExportGrant> {
  const access = EXPORT_ACCESS[request.kind] as ExportAccess<ExportKind>;
  const grant = await access.authorize(principal, request);
  if (request.orgId !== undefined) {
    const org = await readableOrg(principal, request.orgId);
    if (!isWithin(grant.orgPath, org.orgPath)) throw ruleViolation('VALIDATION_FAILED', '导出的内容不属于该机构', [{ path: 'orgId', code: 'other_org', message: '导出的内容不属于该机构' }]);
  }
  return grant;
}
