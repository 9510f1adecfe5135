// 首页: what needs the user now (待办业务, each a link to its list) and the numbers of its scope.
import { AuditOutlined, ImportOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Col, List, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { Link, Navigate } from 'react-router';
import { correctionQueueRoute } from '#shared/api/corrections.ts';
import { getOrgRoute, listOrgChildrenRoute } from '#shared/api/identity.ts';
import { ORG_KIND_LABEL } from '../../labels.ts';
import { request } from '../../api/client.ts';
import { useMe, type Me } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { ChangeTasksItem } from '../changes/TaskCounts.tsx';

function useOrg(orgId: string) {
  return useQuery({ queryKey: ['org', orgId], queryFn: async () => (await request(getOrgRoute, { params: { orgId } })).data });
}

function ScopeCounts({ me }: { me: Me }) {
  const org = useOrg(me.orgId);
  const children = useQuery({ queryKey: ['org-children', me.orgId, ''], queryFn: async () => (await request(listOrgChildrenRoute, { params: { orgId: me.orgId }, query: { limit: 50 } })).data });
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  return (
    <Card title={org.data ? `${org.data.name}` : '本级机构'} extra={<Link to={`/orgs/${me.orgId}`}>机构与学生</Link>}>
      {org.isPending ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size="large">
          <Statistic title="在籍学生" value={org.data.studentCount ?? 0} suffix="人" />
          {children.data && children.data.items.length > 0 && (
            <List
              size="small"
              header={<Typography.Text type="secondary">下级{ORG_KIND_LABEL[children.data.items[0]!.kind]}</Typography.Text>}
              dataSource={children.data.items}
              renderItem={(child) => (
                <List.Item extra={<Typography.Text>{child.studentCount ?? 0} 人</Typography.Text>}>
                  <Link to={`/orgs/${child.orgId}`}>{child.name}</Link>
                </List.Item>
              )}
            />
          )}
        </Space>
      )}
    </Card>
  );
}

function RegistrarTasks({ me }: { me: Me }) {
  const pending = useQuery({ queryKey: ['corrections', 'pending', 'count'], queryFn: async () => (await request(correctionQueueRoute, { query: { status: 'pending', limit: 1 } })).data.total });
  return (
    <Card title="待办业务">
      <List>
        <List.Item
          actions={[
            <Link key="go" to="/corrections">
              去处理
            </Link>,
          ]}
        >
          <List.Item.Meta avatar={<AuditOutlined style={{ fontSize: 20 }} />} title="学生信息校对" description={pending.isPending ? '…' : <Badge count={pending.data} showZero overflowCount={999} color={pending.data ? '#fa8c16' : '#52c41a'} title={`待审核 ${pending.data ?? 0} 条`} />} />
          <span data-testid="pending-corrections">待审核 {pending.data ?? '…'} 条</span>
        </List.Item>
        <ChangeTasksItem me={me} />
      </List>
      <Space wrap style={{ marginTop: 12 }}>
        <Link to="/students/new">
          <Button type="primary" icon={<UserAddOutlined />}>
            新生注册
          </Button>
        </Link>
        <Link to="/students">
          <Button icon={<TeamOutlined />}>学生信息维护</Button>
        </Link>
        <Link to="/changes/transfer-in">
          <Button icon={<ImportOutlined />}>转入申请</Button>
        </Link>
      </Space>
    </Card>
  );
}

function ClassCards({ classIds }: { classIds: string[] }) {
  const classes = useQueries({ queries: classIds.map((orgId) => ({ queryKey: ['org', orgId], queryFn: async () => (await request(getOrgRoute, { params: { orgId } })).data })) });
  return (
    <Row gutter={[16, 16]}>
      {classes.map((query, index) => (
        <Col xs={24} sm={12} lg={8} key={classIds[index]}>
          <Card loading={query.isPending}>
            {query.data && (
              <Space orientation="vertical">
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {query.data.name}
                </Typography.Title>
                <Statistic title="学生" value={query.data.studentCount ?? 0} suffix="人" />
                <Link to={`/students?classId=${query.data.orgId}`}>查看名单</Link>
              </Space>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export default function HomePage() {
  const me = useMe();
  if (me.role === 'student') return <Navigate to="/my/record" replace />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        首页
      </Typography.Title>
      {me.role === 'school_registrar' && <RegistrarTasks me={me} />}
      {(me.role === 'county_admin' || me.role === 'city_admin' || me.role === 'province_admin') && (
        <Card title="待办业务">
          <List>
            <ChangeTasksItem me={me} />
          </List>
        </Card>
      )}
      {me.role === 'teacher' && <ClassCards classIds={me.classIds ?? []} />}
      {me.role === 'class_advisor' && <ClassCards classIds={[me.orgId]} />}
      {me.role !== 'teacher' && me.role !== 'class_advisor' && <ScopeCounts me={me} />}
    </Space>
  );
}
