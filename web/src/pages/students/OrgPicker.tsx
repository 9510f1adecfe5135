// Chooses where to list students: a county, school, grade or class inside the caller's subtree,
// walking down the org tree as the registrar's old systems do (区县 → 学校 → 年级 → 班级).
import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { getOrgRoute, listOrgChildrenRoute } from '#shared/api/identity.ts';
import type { OrgKind } from '#shared/domain/org.ts';
import { request } from '../../api/client.ts';

interface Option {
  value: string;
  label: string;
  kind: OrgKind;
  isLeaf: boolean;
  children?: Option[];
}

const toOption = (org: { orgId: string; name: string; kind: OrgKind; studentCount?: number | undefined }): Option => ({
  value: org.orgId,
  label: org.studentCount === undefined ? org.name : `${org.name} (${org.studentCount}人)`,
  kind: org.kind,
  isLeaf: org.kind === 'class',
});

async function childrenOf(orgId: string): Promise<Option[]> {
  const options: Option[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await request(listOrgChildrenRoute, { params: { orgId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } });
    options.push(...data.items.map(toOption));
    cursor = data.nextCursor ?? undefined;
  } while (cursor);
  return options;
}

export function OrgPicker({ rootId, value, onChange }: { rootId: string; value: string[]; onChange: (path: { orgId: string; kind: OrgKind }[]) => void }) {
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    let active = true;
    void (async () => {
      const { data: root } = await request(getOrgRoute, { params: { orgId: rootId } });
      const option = toOption(root);
      if (!option.isLeaf) option.children = await childrenOf(rootId);
      if (active) setOptions([option]);
    })();
    return () => {
      active = false;
    };
  }, [rootId]);
  return (
    <Cascader<Option>
      style={{ minWidth: 260, maxWidth: '100%' }}
      options={options}
      value={value}
      changeOnSelect
      placeholder="选择区县、学校、年级或班级"
      loadData={(selected) => {
        const target = selected[selected.length - 1]!;
        void childrenOf(target.value).then((children) => {
          target.children = children;
          setOptions((current) => [...current]);
        });
      }}
      onChange={(_, selected) => onChange((selected ?? []).map((option) => ({ orgId: option.value, kind: option.kind })))}
      aria-label="查询范围"
    />
  );
}
