// 账号: the accounts of a node, page by page (a table on a desktop, cards on a phone), and
// 开通账号 for the roles the caller may open here.
import { Card, Empty, Flex, Grid, Skeleton, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { listOrgUsersRoute } from '#shared/api/admin.ts';
import { ROLE_LABEL } from '#shared/domain/roles.ts';
import { request, type ResponseOf } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useCursorList } from '../../components/useCursorList.ts';
import { useStudentRecord } from '../self-service/useStudentRecord.ts';
import { OpenAccount } from './OpenAccount.tsx';
import { assignableRoles } from './rights.ts';
import { useOrg, type OrgView } from './useOrg.ts';

type User = ResponseOf<typeof listOrgUsersRoute>['items'][number];

function ClassName({ classId }: { classId: string }) {
  const klass = useOrg(classId);
  return <Tag>{klass.data?.name ?? classId}</Tag>;
}

function StudentLink({ studentId }: { studentId: string }) {
  const student = useStudentRecord(studentId);
  return <Link to={`/students/${studentId}`}>{student.data?.record.name ?? '查看学籍'}</Link>;
}

/** What an account is tied to: a student's record, a teacher's classes. */
function Ties({ user }: { user: User }) {
  if (user.studentId) return <StudentLink studentId={user.studentId} />;
  if (user.classIds?.length) {
    return (
      <Flex wrap gap={4}>
        {user.classIds.map((classId) => (
          <ClassName key={classId} classId={classId} />
        ))}
      </Flex>
    );
  }
  return null;
}

function UserCard({ user }: { user: User }) {
  return (
    <Card size="small">
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text strong>{user.displayName}</Typography.Text>
        <Tag color="blue">{ROLE_LABEL[user.role]}</Tag>
      </Flex>
      <div>
        <Typography.Text type="secondary">用户名 </Typography.Text>
        <Typography.Text>{user.username}</Typography.Text>
      </div>
      {(user.studentId || user.classIds?.length) && (
        <div style={{ marginTop: 8 }}>
          <Ties user={user} />
        </div>
      )}
    </Card>
  );
}

export function AccountList({ org }: { org: OrgView }) {
  const me = useMe();
  const wide = Grid.useBreakpoint().md ?? true;
  const roles = assignableRoles(me, org.kind);
  const users = useCursorList(['org-users', org.orgId], async (cursor) => (await request(listOrgUsersRoute, { params: { orgId: org.orgId }, query: { limit: 50, cursor } })).data);

  const more = <LoadMore hasMore={users.hasNextPage} loading={users.isFetchingNextPage} count={users.items.length} onLoad={() => void users.fetchNextPage()} />;
  let body: React.ReactNode;
  if (users.isPending) body = <Skeleton active />;
  else if (users.isError) body = <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  else if (users.items.length === 0) body = <Empty description="本机构暂无账号" />;
  else if (!wide) {
    body = (
      <Flex vertical gap={8}>
        {users.items.map((user) => (
          <UserCard key={user.userId} user={user} />
        ))}
        {more}
      </Flex>
    );
  } else {
    body = (
      <Table<User>
        rowKey="userId"
        dataSource={users.items}
        pagination={false}
        footer={() => more}
        columns={[
          { title: '显示名称', dataIndex: 'displayName' },
          { title: '用户名', dataIndex: 'username' },
          { title: '角色', dataIndex: 'role', render: (role: User['role']) => ROLE_LABEL[role] },
          { title: '学籍 / 任课班级', key: 'ties', render: (_, user) => <Ties user={user} /> },
        ]}
      />
    );
  }

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          {roles.length > 0 ? `可在本机构开通：${roles.map((role) => ROLE_LABEL[role]).join('、')}` : '本机构没有您可开通的角色，请到下级机构开通账号'}
        </Typography.Text>
        {roles.length > 0 && <OpenAccount org={org} roles={roles} />}
      </Flex>
      {body}
    </Flex>
  );
}
