// 机构 of an export: the caller's organisation and what lies below it (学校 → 年级 → 班级), a tree
// opened a level at a time (GET /v1/orgs/{orgId}/children), so a county finds one class without
// reading every school. The levels down to the chosen organisation are read at once, so a page
// opened at `?orgId=` shows where it is. Also: the path from the caller's organisation down to
// the chosen one, for the page's title.
import { useQueries, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useState } from 'react';
import { getOrgRoute, listOrgChildrenRoute } from '#shared/api/identity.ts';
import type { OrgKind } from '#shared/domain/org.ts';
import { request, type ResponseOf } from '../../api/client.ts';
import { allPages } from '../../components/useCursorList.ts';

export type Org = ResponseOf<typeof getOrgRoute>;

const orgQuery = (orgId: string) => ({ queryKey: ['org', orgId], queryFn: async () => (await request(getOrgRoute, { params: { orgId } })).data, staleTime: 5 * 60_000 });
const childrenQuery = (orgId: string) => ({
  queryKey: ['export-org-children', orgId],
  staleTime: 5 * 60_000,
  queryFn: () => allPages(async (cursor) => (await request(listOrgChildrenRoute, { params: { orgId }, query: { limit: 100, cursor } })).data),
});

/** The organisations from `rootId` down to `orgId` (walking up by parentId); a 404/403 when `orgId` is not the caller's to read. */
export function useOrgPath(rootId: string, orgId: string, enabled: boolean) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['export-org-path', rootId, orgId],
    enabled,
    staleTime: 5 * 60_000,
    // Choosing another organisation keeps the page (and the form) while its path is read.
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const path: Org[] = [];
      for (let id: string | null = orgId; id; ) {
        const org: Org = await client.fetchQuery(orgQuery(id));
        path.unshift(org);
        if (id === rootId) break;
        id = org.parentId;
      }
      return path;
    },
  });
}

interface Node {
  id: string;
  pId?: string;
  value: string;
  title: string;
  kind: OrgKind;
  isLeaf: boolean;
}

const nodeOf = (org: Org): Node => ({ id: org.orgId, ...(org.parentId ? { pId: org.parentId } : {}), value: org.orgId, title: org.name, kind: org.kind, isLeaf: org.kind === 'class' });

export function ExportOrgPicker({ path, value, onChange, id }: { path: Org[]; value?: string; onChange?: (orgId: string) => void; id?: string }) {
  const client = useQueryClient();
  const root = path[0]!;
  // Whose children are read: the root's and, on a page opened at a child, each level down to it.
  const above = path.length === 1 ? [root.orgId] : path.slice(0, -1).map((org) => org.orgId);
  const [opened, setOpened] = useState<string[]>(above);
  const levels = useQueries({ queries: opened.map(childrenQuery) });
  const nodes = (() => {
    // A node whose parent is not in the tree is a root (the caller's organisation).
    const byId = new Map<string, Node>([[root.orgId, nodeOf(root)]]);
    // Each level in the API's order; the chosen organisation even while its level is read.
    for (const org of [...levels.flatMap((level) => level.data ?? []), ...path]) if (!byId.has(org.orgId)) byId.set(org.orgId, nodeOf(org));
    // A node whose children turned out to be none is a leaf (a grade without classes yet).
    const withChildren = new Set([...byId.values()].map((node) => node.pId));
    return [...byId.values()].map((node) => {
      const loadedEmpty = opened.includes(node.id) && levels[opened.indexOf(node.id)]?.data?.length === 0;
      return loadedEmpty && !withChildren.has(node.id) ? { ...node, isLeaf: true } : node;
    });
  })();
  const loaded = opened.filter((orgId, index) => levels[index]?.data);
  return (
    <TreeSelect<string>
      id={id}
      aria-label="机构"
      style={{ width: '100%' }}
      treeDataSimpleMode
      treeData={nodes}
      value={value}
      onChange={(orgId) => onChange?.(orgId)}
      treeLoadedKeys={loaded}
      treeDefaultExpandedKeys={above}
      loadData={async (node) => {
        const orgId = String(node.value);
        await client.fetchQuery(childrenQuery(orgId));
        setOpened((current) => (current.includes(orgId) ? current : [...current, orgId]));
      }}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder="选择学校、年级或班级"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)', minWidth: 260 } } }}
      listHeight={320}
    />
  );
}
