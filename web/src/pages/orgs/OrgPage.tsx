// 机构管理 at /orgs/:orgId: one node of the tree (province → city → county → school → grade →
// class) with its 在籍学生, the way up (breadcrumb) and down (its children, each with its count),
// and for the roles that manage the tree, adding children and opening accounts.
import { Card, Flex, Skeleton, Tabs } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { CHILD_KIND_LABEL } from '../../labels.ts';
import { AccountList } from './AccountList.tsx';
import { AddChildOrg } from './AddChildOrg.tsx';
import { ChildOrgList } from './ChildOrgList.tsx';
import { hintsFor } from './code-hints.ts';
import { OrgSummary } from './OrgSummary.tsx';
import { OrgTrail } from './OrgTrail.tsx';
import { mayManage } from './rights.ts';
import { useOrg, type OrgView } from './useOrg.ts';

function OrgTabs({ org }: { org: OrgView }) {
  const me = useMe();
  // The open tab is in the address, so going back from a child returns to the same tab.
  const [params, setParams] = useSearchParams();
  const childLabel = CHILD_KIND_LABEL[org.kind];
  const hints = hintsFor(org);
  const items = [
    ...(childLabel
      ? [
          {
            key: 'children',
            label: `下级${childLabel}`,
            children: (
              <Flex vertical gap={12}>
                {hints && mayManage(me, 'org.manage') && (
                  <Flex justify="flex-end">
                    <AddChildOrg parent={org} label={childLabel} hints={hints} />
                  </Flex>
                )}
                <ChildOrgList parent={org} kindLabel={childLabel} />
              </Flex>
            ),
          },
        ]
      : []),
    ...(mayManage(me, 'user.manage') ? [{ key: 'accounts', label: '账号', children: <AccountList org={org} /> }] : []),
  ];
  if (items.length === 0) return null;
  const active = items.some((item) => item.key === params.get('tab')) ? params.get('tab')! : items[0]!.key;
  return (
    <Card>
      <Tabs
        activeKey={active}
        onChange={(key) => setParams(key === items[0]!.key ? {} : { tab: key }, { replace: true })}
        items={items}
      />
    </Card>
  );
}

export default function OrgPage() {
  const { orgId } = useParams<'orgId'>();
  const org = useOrg(orgId!);
  if (org.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <OrgTrail org={org.data} />
      <OrgSummary org={org.data} />
      <OrgTabs org={org.data} />
    </Flex>
  );
}
