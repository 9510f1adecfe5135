// 待办业务 at /tasks: the steps waiting for the caller's organisation, oldest first, each with the
// day it is due by and 逾期 once that day has passed; the count of each kind as a tab (kept in the
// address). Each opens its case, where it is decided.
import { Badge, Card, Empty, Flex, Grid, List, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { listTasksRoute } from '#shared/api/changes.ts';
import { CHANGE_TYPES, type ChangeType } from '#shared/domain/changes/kinds.ts';
import { ROLE_LABEL } from '#shared/domain/roles.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatTime } from '../../components/format.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useCursorList } from '../../components/useCursorList.ts';
import type { Task } from './case.ts';
import { CHANGE_TYPE_LABEL } from './labels.ts';
import { CASE_ROLES, TASKS_KEY } from './useTaskSummary.ts';

const PAGE = 50;

function Due({ task }: { task: Task }) {
  return (
    <Flex gap={4} align="center" wrap>
      <span>{task.dueBy}</span>
      {task.overdue && (
        <Tag color="red" data-testid="overdue">
          逾期
        </Tag>
      )}
    </Flex>
  );
}

export default function TasksPage() {
  const me = useMe();
  const navigate = useNavigate();
  const wide = Grid.useBreakpoint().md ?? true;
  const [params, setParams] = useSearchParams();
  const type = CHANGE_TYPES.find((kind) => kind === params.get('type'));
  const tasks = useCursorList([...TASKS_KEY, 'list'], async (cursor) => (await request(listTasksRoute, { query: { limit: PAGE, cursor } })).data, { enabled: CASE_ROLES.has(me.role) });
  const counts: Record<string, number> = tasks.data?.pages[0]?.counts ?? {};
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const shown = tasks.items.filter((task) => !type || task.type === type);
  const wanted = type ? (counts[type] ?? 0) : total;
  // A kind's tab shows all of its tasks: read on while the pages read hold fewer than its count.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = tasks;
  useEffect(() => {
    if (type && hasNextPage && !isFetchingNextPage && shown.length < wanted) void fetchNextPage();
  }, [type, hasNextPage, isFetchingNextPage, shown.length, wanted, fetchNextPage]);

  if (!CASE_ROLES.has(me.role)) return <ErrorState error={new ApiClientError(403, { message: '待办业务仅供学校学籍管理员和教育行政部门使用' })} />;

  const open = (task: Task) => void navigate(`/changes/${task.changeId}`);
  const kinds = CHANGE_TYPES.filter((kind) => (counts[kind] ?? 0) > 0 || kind === type);
  const tabLabel = (label: string, count: number) => (
    <Flex gap={6} align="center">
      {label}
      <Badge count={count} showZero overflowCount={999} color={count ? '#fa8c16' : '#bfbfbf'} />
    </Flex>
  );

  const columns = [
    {
      title: '学生',
      dataIndex: 'studentName',
      render: (name: string, task: Task) => (
        <Link to={`/changes/${task.changeId}`} data-testid="task-link">
          {name}
        </Link>
      ),
    },
    { title: '异动类型', dataIndex: 'type', render: (kind: ChangeType) => <Tag color="blue">{CHANGE_TYPE_LABEL[kind]}</Tag> },
    { title: '办理环节', dataIndex: 'stepRole', render: (role: Task['stepRole']) => `${ROLE_LABEL[role]}审核` },
    { title: '送达时间', dataIndex: 'since', render: (since: string) => formatTime(since) },
    { title: '办理期限', dataIndex: 'dueBy', render: (_: string, task: Task) => <Due task={task} /> },
    { title: '操作', key: 'go', render: (_: unknown, task: Task) => <Link to={`/changes/${task.changeId}`}>办理</Link> },
  ];

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        待办业务
      </Typography.Title>
      <Typography.Text type="secondary">等待本单位审核的学籍异动，送达最早的在前。请在办理期限内审核，逾期的标为“逾期”。</Typography.Text>
      <Tabs
        activeKey={type ?? 'all'}
        onChange={(key) => setParams(key === 'all' ? {} : { type: key }, { replace: true })}
        items={[{ key: 'all', label: tabLabel('全部', total) }, ...kinds.map((kind) => ({ key: kind, label: tabLabel(CHANGE_TYPE_LABEL[kind], counts[kind] ?? 0) }))]}
      />
      {tasks.isPending ? (
        <Skeleton active />
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : shown.length === 0 && !tasks.hasNextPage ? (
        <Card>
          <Empty description={type ? `没有待审核的${CHANGE_TYPE_LABEL[type]}申请` : '暂无待办业务'} />
        </Card>
      ) : wide ? (
        <Table<Task> rowKey="changeId" columns={columns} dataSource={shown} pagination={false} onRow={(task) => ({ onDoubleClick: () => open(task) })} data-testid="task-list" />
      ) : (
        <List<Task>
          dataSource={shown}
          data-testid="task-list"
          renderItem={(task) => (
            <List.Item onClick={() => open(task)} style={{ cursor: 'pointer', background: '#fff', paddingInline: 12, marginBottom: 8, borderRadius: 8 }}>
              <List.Item.Meta
                title={
                  <Flex gap={6} align="center" wrap>
                    <Link to={`/changes/${task.changeId}`} data-testid="task-link">
                      {task.studentName}
                    </Link>
                    <Tag color="blue">{CHANGE_TYPE_LABEL[task.type]}</Tag>
                    {task.overdue && <Tag color="red">逾期</Tag>}
                  </Flex>
                }
                description={
                  <Flex vertical>
                    <span>
                      {ROLE_LABEL[task.stepRole]}审核 · 送达 {formatTime(task.since)}
                    </span>
                    <span>办理期限 {task.dueBy}</span>
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      )}
      {!type && <LoadMore hasMore={tasks.hasNextPage} loading={tasks.isFetchingNextPage} count={tasks.items.length} onLoad={() => void tasks.fetchNextPage()} />}
    </Flex>
  );
}
