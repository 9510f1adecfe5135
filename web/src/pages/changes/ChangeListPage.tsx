// 异动查询 at /changes: the cases of the caller's organisation (filed by it, or that reached it),
// newest first, narrowed by state and kind; the filters live in the address, so going back keeps
// them. Filters may leave a page short: 加载更多 goes on while the API has more.
import { Card, Empty, Flex, Select, Skeleton, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { listChangesRoute } from '#shared/api/changes.ts';
import { CHANGE_TYPES } from '#shared/domain/changes/kinds.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useCursorList } from '../../components/useCursorList.ts';
import { CHANGES_KEY } from './case.ts';
import { ChangeRows } from './ChangeRows.tsx';
import { CASE_STATUSES, CASE_STATUS_LABEL, CHANGE_TYPE_LABEL } from './labels.ts';
import { CASE_ROLES } from './useTaskSummary.ts';

export default function ChangeListPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = CASE_STATUSES.find((value) => value === params.get('status'));
  const type = CHANGE_TYPES.find((value) => value === params.get('type'));
  const changes = useCursorList(
    [...CHANGES_KEY, 'org', status, type],
    async (cursor) => (await request(listChangesRoute, { query: { limit: 30, cursor, ...(status ? { status } : {}), ...(type ? { type } : {}) } })).data,
    { enabled: CASE_ROLES.has(me.role) },
  );
  if (!CASE_ROLES.has(me.role)) return <ErrorState error={new ApiClientError(403, { message: '学籍异动由学校学籍管理员和教育行政部门办理' })} />;

  const update = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        异动查询
      </Typography.Title>
      <Typography.Text type="secondary">本单位提交的和经本单位审核的学籍异动申请，最新的在前。</Typography.Text>
      <Card size="small">
        <Flex wrap gap={12}>
          <Select
            allowClear
            style={{ minWidth: 160 }}
            placeholder="全部状态"
            aria-label="申请状态"
            value={status}
            onChange={(value?: string) => update('status', value)}
            options={CASE_STATUSES.map((value) => ({ value, label: CASE_STATUS_LABEL[value] }))}
          />
          <Select
            allowClear
            style={{ minWidth: 160 }}
            placeholder="全部异动类型"
            aria-label="异动类型"
            value={type}
            onChange={(value?: string) => update('type', value)}
            options={CHANGE_TYPES.map((value) => ({ value, label: CHANGE_TYPE_LABEL[value] }))}
          />
        </Flex>
      </Card>
      {changes.isPending ? (
        <Skeleton active />
      ) : changes.isError ? (
        <ErrorState error={changes.error} onRetry={() => void changes.refetch()} />
      ) : changes.items.length === 0 && !changes.hasNextPage ? (
        <Card>
          <Empty description={status || type ? '没有符合条件的异动申请' : '本单位还没有学籍异动申请'} />
        </Card>
      ) : (
        <ChangeRows changes={changes.items} />
      )}
      <LoadMore hasMore={changes.hasNextPage} loading={changes.isFetchingNextPage} count={changes.items.length} onLoad={() => void changes.fetchNextPage()} />
    </Flex>
  );
}
