// Words of the web app that the server's code tables do not already hold.
import type { OrgKind } from '#shared/domain/org.ts';

export const ORG_KIND_LABEL: Record<OrgKind, string> = { province: '省', city: '市', county: '区县', school: '学校', grade: '年级', class: '班级' };

/** What an admin adds below an organisation of each kind. */
export const CHILD_KIND_LABEL: Partial<Record<OrgKind, string>> = { province: '地市', city: '区县', county: '学校', school: '年级', grade: '班级' };
