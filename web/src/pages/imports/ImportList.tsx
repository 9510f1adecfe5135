// 导入记录: the school's earlier imports, newest first, a page at a time, each linking to its page
// (progress or result). Its state comes from its latest job, read for the rows shown; a job the
// caller may not read (another registrar's) falls back to what the list itself says.
import { useQueries } from '@tanstack/react-query';
import { Card, Empty, Flex, Grid, List, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { getJobRoute } from '#shared/api/jobs.ts';
import { isFinished, type JobStatus } from '#shared/domain/jobs.ts';
import { request } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatTime } from '../../components/format.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useCursorList } from '../../components/useCursorList.ts';
import { importsKey, importsPage, listState, type ImportItem } from './data.ts';
import { formatSize } from './upload.ts';

const RUNNING: Record<'check' | 'run', Record<JobStatus, { label: string; color: string }>> = {
  check: { queued: { label: '检查中', color: 'processing' }, running: { label: '检查中', color: 'processing' }, succeeded: { label: '已检查，未导入', color: 'blue' }, failed: { label: '检查未完成', color: 'error' } },
  run: { queued: { label: '导入中', color: 'processing' }, running: { label: '导入中', color: 'processing' }, succeeded: { label: '已导入', color: 'success' }, failed: { label: '导入失败', color: 'error' } },
};

function stateOf(item: ImportItem, status: JobStatus | undefined): { label: string; color: string } {
  if (!status || !item.jobId) return listState(item);
  return RUNNING[item.jobId === item.runJobId ? 'run' : 'check'][status];
}

export function ImportList({ schoolId }: { schoolId: string }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const list = useCursorList(importsKey(schoolId), (cursor) => importsPage(schoolId, cursor));
  const jobs = useQueries({
    queries: list.items.map((item) => ({
      queryKey: ['job', item.jobId],
      enabled: Boolean(item.jobId),
      retry: false,
      // A check or run still going is looked at again, calmly: the list is not its progress page.
      refetchInterval: (query: { state: { data?: { status: JobStatus } } }) => (query.state.data && !isFinished(query.state.data.status) ? 3_000 : false),
      queryFn: async () => (await request(getJobRoute, { params: { jobId: item.jobId! } })).data,
    })),
  });
  const statusOf = (index: number) => jobs[index]?.data?.status;

  const body = () => {
    if (list.isPending) return <Table loading columns={[]} dataSource={[]} />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    if (list.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有导入过文件" />;
    const tag = (item: ImportItem, index: number) => {
      const state = stateOf(item, statusOf(index));
      return (
        <Tag color={state.color} data-testid="import-state">
          {state.label}
        </Tag>
      );
    };
    if (!wide) {
      return (
        <List
          dataSource={list.items}
          renderItem={(item, index) => (
            <List.Item key={item.importId} data-testid="import-row">
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8}>
                  <Link to={`/imports/${item.importId}`}>{item.fileName}</Link>
                  {tag(item, index)}
                </Flex>
                <Typography.Text type="secondary">
                  {formatTime(item.createdAt)} · {item.createdBy.displayName}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      );
    }
    return (
      <Table<ImportItem>
        rowKey="importId"
        size="small"
        pagination={false}
        dataSource={list.items}
        onRow={() => ({ 'data-testid': 'import-row' }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '文件名', dataIndex: 'fileName', render: (name: string, item) => <Link to={`/imports/${item.importId}`}>{name}</Link> },
          { title: '上传时间', dataIndex: 'createdAt', width: 160, render: (value: string) => formatTime(value) },
          { title: '上传人', width: 220, render: (_: unknown, item) => item.createdBy.displayName },
          { title: '大小', dataIndex: 'size', width: 100, render: (size: number) => formatSize(size) },
          { title: '状态', width: 140, render: (_: unknown, item, index) => tag(item, index) },
        ]}
      />
    );
  };

  return (
    <Card size="small" title="导入记录" data-testid="import-list">
      <Flex vertical gap={12}>
        {body()}
        <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} count={list.items.length} onLoad={() => void list.fetchNextPage()} />
      </Flex>
    </Card>
  );
}
