// 学生信息校对 at /corrections: the school registrar's queue of students' corrections, by state
// (待审核 oldest first, so nothing waits forever), with the number in each, page by page.
import { useQuery } from '@tanstack/react-query';
import { Badge, Empty, Flex, Skeleton, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { correctionQueueRoute } from '#shared/api/corrections.ts';
import { request } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useCursorList } from '../../components/useCursorList.ts';
import { CorrectionCard } from './CorrectionCard.tsx';
import { STATUS_LABEL, type CorrectionStatus } from './CorrectionStatus.tsx';

const STATUSES: CorrectionStatus[] = ['pending', 'accepted', 'rejected'];
const PAGE = 20;

// The same key and answer as the home page's 待审核 count, so both read one copy.
function useTotal(status: CorrectionStatus) {
  return useQuery({ queryKey: ['corrections', status, 'count'], queryFn: async () => (await request(correctionQueueRoute, { query: { status, limit: 1 } })).data.total });
}

function TabLabel({ status }: { status: CorrectionStatus }) {
  const total = useTotal(status);
  return (
    <Flex gap={6} align="center" data-testid={`tab-${status}`}>
      {STATUS_LABEL[status]}
      <Badge count={total.data ?? 0} showZero overflowCount={999} color={status === 'pending' && total.data ? '#fa8c16' : '#bfbfbf'} />
    </Flex>
  );
}

function Queue({ status }: { status: CorrectionStatus }) {
  const queue = useCursorList(['corrections', status, 'list'], async (cursor) => (await request(correctionQueueRoute, { query: { status, limit: PAGE, cursor } })).data);
  if (queue.isPending) return <Skeleton active />;
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  if (queue.items.length === 0) return <Empty description={status === 'pending' ? '没有待审核的校对申请' : `没有${STATUS_LABEL[status]}的校对申请`} />;
  return (
    <Flex vertical gap={12}>
      {queue.items.map((correction) => (
        <CorrectionCard key={correction.correctionId} correction={correction} />
      ))}
      <LoadMore hasMore={queue.hasNextPage} loading={queue.isFetchingNextPage} count={queue.items.length} onLoad={() => void queue.fetchNextPage()} />
    </Flex>
  );
}

export default function CorrectionQueuePage() {
  // The open tab is in the address, so a reload or going back keeps it.
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((value) => value === params.get('status')) ?? 'pending';
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        学生信息校对
      </Typography.Title>
      <Typography.Text type="secondary">学生对本人学籍提出的更正和补充。审核通过后学籍档案随之修改并记入变更历史；退回时请写明原因。</Typography.Text>
      <Tabs
        activeKey={status}
        onChange={(key) => setParams(key === 'pending' ? {} : { status: key }, { replace: true })}
        items={STATUSES.map((value) => ({ key: value, label: <TabLabel status={value} />, children: <Queue status={value} /> }))}
        destroyOnHidden
      />
    </Flex>
  );
}
