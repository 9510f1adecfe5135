// Where a node sits: the breadcrumb from the caller's own organisation down to it, each step a link.
import { Breadcrumb, Skeleton } from 'antd';
import { Link } from 'react-router';
import { useMe } from '../../auth/session.tsx';
import { useTrail, type OrgView } from './useOrg.ts';

export function OrgTrail({ org }: { org: OrgView }) {
  const me = useMe();
  const trail = useTrail(org, me.orgId);
  // At the caller's own organisation there is no way up to show.
  if (org.orgId === me.orgId) return null;
  if (trail.isPending) return <Skeleton.Input active size="small" />;
  // Without the ancestors (a refused or failed read), the node itself still says where we are.
  const nodes = trail.data ?? [org];
  return (
    <Breadcrumb
      data-testid="org-trail"
      items={nodes.map((node, index) => ({ key: node.orgId, title: index === nodes.length - 1 ? node.name : <Link to={`/orgs/${node.orgId}`}>{node.name}</Link> }))}
    />
  );
}
