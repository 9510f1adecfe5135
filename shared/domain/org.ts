// The organisation tree (province → city → county → school → grade → class). A node's path lists
// the ids from the root down to itself; scope checks are prefix checks on that path.

export const ORG_KINDS = ['province', 'city', 'county', 'school', 'grade', 'class'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface Org {
  orgId: string;
  kind: OrgKind;
  code: string;
  name: string;
  parentId: string | null;
  /** '/<rootId>/.../<orgId>' */
  orgPath: string;
}

export function childPath(parentPath: string, orgId: string): string {
  return `${parentPath}/${orgId}`;
}

/** True when `path` is the scope itself or lies below it. */
export function isWithin(path: string, scopePath: string): boolean {
  return path === scopePath || path.startsWith(`${scopePath}/`);
}

/** The kind a child of `kind` must have, or null for a leaf (class). */
export function childKind(kind: OrgKind): OrgKind | null {
  const next = ORG_KINDS[ORG_KINDS.indexOf(kind) + 1];
  return next ?? null;
}
