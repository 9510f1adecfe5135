// The children of a node, page by page: a table on a desktop, a list of cards on a phone. Each
// child opens its own page; a class also opens its roster.
import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Grid, Skeleton, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { listOrgChildrenRoute } from '#shared/api/identity.ts';
import { request } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useCursorList } from '../../components/useCursorList.ts';
import type { OrgView } from './useOrg.ts';

const PAGE = 50;

function Actions({ child }: { child: OrgView }) {
  if (child.kind === 'class') return <Link to={`/students?classId=${child.orgId}`}>查看学生名单</Link>;
  return <Link to={`/orgs/${child.orgId}`}>查看下级</Link>;
}

function ChildCard({ child }: { child: OrgView }) {
  return (
    <Card size="small">
      <Flex justify="space-between" align="center" gap={12}>
        <div style={{ minWidth: 0 }}>
          <Link to={`/orgs/${child.orgId}`} style={{ fontWeight: 500 }}>
            {child.name}
          </Link>
          <div>
            <Typography.Text type="secondary">代码 {child.code}</Typography.Text>
          </div>
        </div>
        <Flex gap={8} align="center">
          <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
            {child.studentCount ?? 0} 人
          </Typography.Text>
          <Link to={`/orgs/${child.orgId}`} aria-label={`进入${child.name}`}>
            <RightOutlined />
          </Link>
        </Flex>
      </Flex>
      {child.kind === 'class' && (
        <div style={{ marginTop: 8 }}>
          <Actions child={child} />
        </div>
      )}
    </Card>
  );
}

export function ChildOrgList({ parent, kindLabel }: { parent: OrgView; kindLabel: string }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const children = useCursorList(['org-children', parent.orgId, 'pages'], async (cursor) => (await request(listOrgChildrenRoute, { params: { orgId: parent.orgId }, query: { limit: PAGE, cursor } })).data);

  if (children.isPending) return <Skeleton active />;
  if (children.isError) return <ErrorState error={children.error} onRetry={() => void children.refetch()} />;
  const more = <LoadMore hasMore={children.hasNextPage} loading={children.isFetchingNextPage} count={children.items.length} onLoad={() => void children.fetchNextPage()} />;
  if (children.items.length === 0) return <Empty description={`暂无${kindLabel}`} />;

  if (!wide) {
    return (
      <Flex vertical gap={8}>
        {children.items.map((child) => (
          <ChildCard key={child.orgId} child={child} />
        ))}
        {more}
      </Flex>
    );
  }
  return (
    <Table<OrgView>
      rowKey="orgId"
      size="middle"
      dataSource={children.items}
      pagination={false}
      footer={() => more}
      columns={[
        { title: '名称', dataIndex: 'name', render: (name: string, child) => <Link to={`/orgs/${child.orgId}`}>{name}</Link> },
        { title: '代码', dataIndex: 'code' },
        { title: '在籍学生', dataIndex: 'studentCount', align: 'right', render: (count: number | undefined) => `${count ?? 0} 人` },
        { title: '操作', key: 'actions', render: (_, child) => <Actions child={child} /> },
      ]}
    />
  );
}
