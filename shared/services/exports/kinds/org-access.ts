// Who may export an organisation's records (a roster, the 学信网 files, a photo archive …): the
// organisation must be one the caller reads (else 404/403 as for reading it), of a kind the export
// is made of (422), and the caller's role must hold the kind's action there (403). The file shows
// ID numbers in full only to those who read them so.
import { EXPORT_KIND_LABEL, KIND_ORGS, type OrgExportKind } from '#shared/domain/exports/kinds.ts';
import type { OrgKind } from '#shared/domain/org.ts';
import { decide, type Action } from '#shared/domain/policy.ts';
import { forbidden, ruleViolation } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';
import type { ExportAccess } from '../registry.ts';

const ORG_KIND_LABEL: Record<OrgKind, string> = { province: '省', city: '市', county: '区县', school: '学校', grade: '年级', class: '班级' };

export function orgExportAccess<K extends OrgExportKind>(kind: K, action: Action): ExportAccess<K> {
  const orgKinds = KIND_ORGS[kind];
  return {
    async authorize(principal, request) {
      const org = await readableOrg(principal, request.orgId);
      if (!orgKinds.includes(org.kind)) {
        const message = `${EXPORT_KIND_LABEL[kind]}按${orgKinds.map((each) => ORG_KIND_LABEL[each]).join('、')}导出，不能按${ORG_KIND_LABEL[org.kind]}导出`;
        throw ruleViolation('VALIDATION_FAILED', message, [{ path: 'orgId', code: 'org_kind', message }]);
      }
      const decision = decide(principal, action, { orgPath: org.orgPath, ...(org.kind === 'class' ? { classId: org.orgId } : {}) });
      if (!decision.allowed) throw forbidden(decision.reason, `您的角色不能导出${EXPORT_KIND_LABEL[kind]}`);
      return { orgId: org.orgId, orgPath: org.orgPath, full: decide(principal, 'student.readFull', { orgPath: org.orgPath }).allowed };
    },
  };
}
