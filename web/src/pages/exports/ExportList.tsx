// 导出记录: the organisation's exports, newest first, a page at a time (加载更多), scheduled runs
// tagged 定时. While one is queued or running the list is read again every two seconds. A file's
// link lives five minutes, so the list's own link is never used: 下载 reads the item's page again
// for a fresh one (or its job, when the page moved on) and opens it.
import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, DownloadOutlined, FieldTimeOutlined, SyncOutlined, WarningOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Grid, Popover, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { listExportsRoute } from '#shared/api/exports.ts';
import { getJobRoute } from '#shared/api/jobs.ts';
import { EXPORT_KIND_LABEL } from '#shared/domain/exports/kinds.ts';
import { isFinished, type JobStatus } from '#shared/domain/jobs.ts';
import { ApiClientError, request, type ResponseOf } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { formatSize } from '../imports/upload.ts';
import { exportsKey } from './keys.ts';
import { openDownload } from '../../api/open-download.ts';
import { chinaTime, FORMAT_LABEL, refusalText, STATUS_LABEL } from './words.ts';

type Item = ResponseOf<typeof listExportsRoute>['items'][number];
const PAGE = 20;

const STATUS_ICON: Record<JobStatus, ReactNode> = { queued: <ClockCircleOutlined />, running: <SyncOutlined spin />, succeeded: <CheckCircleOutlined />, failed: <CloseCircleOutlined /> };

function Samples({ item }: { item: Item }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18, maxWidth: 360 }}>
      {item.errorSamples.map((sample, index) => (
        <li key={index}>
          {sample.item && <Typography.Text strong>{sample.item}：</Typography.Text>}
          {sample.message}
        </li>
      ))}
      {item.errors > item.errorSamples.length && <li>…… 共 {item.errors} 行</li>}
    </ul>
  );
}

function Status({ item }: { item: Item }) {
  const state = STATUS_LABEL[item.status];
  const failed = item.status === 'failed';
  const note = failed ? (item.errorSamples[0]?.message ?? '请重新导出') : item.errors > 0 ? `${item.errors} 行未通过检查` : undefined;
  return (
    <Flex vertical gap={2} align="flex-start">
      <Tag color={state.color} icon={STATUS_ICON[item.status]} data-testid="export-status" style={{ marginInlineEnd: 0 }}>
        {state.label}
      </Tag>
      {note &&
        (item.errorSamples.length > 0 ? (
          <Popover title={failed ? '失败原因' : '未通过导出前检查的行 (举例)'} content={<Samples item={item} />} trigger={['hover', 'click']}>
            <Typography.Text type={failed ? 'danger' : 'warning'} style={{ cursor: 'help', fontSize: 12 }} data-testid="export-errors">
              <WarningOutlined /> {note}
            </Typography.Text>
          </Popover>
        ) : (
          <Typography.Text type={failed ? 'danger' : 'warning'} style={{ fontSize: 12 }} data-testid="export-errors">
            {note}
          </Typography.Text>
        ))}
    </Flex>
  );
}

const ScheduledTag = () => (
  <Tag color="purple" icon={<FieldTimeOutlined />} data-testid="export-scheduled" style={{ marginInlineEnd: 0 }}>
    定时
  </Tag>
);

export function ExportList({ orgId, orgName }: { orgId: string; orgName: string }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const { message } = App.useApp();
  const list = useInfiniteQuery({
    queryKey: exportsKey(orgId),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => (await request(listExportsRoute, { query: { orgId, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } })).data,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
    // Followed while a file is being made.
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some((item) => !isFinished(item.status))) ? 2_000 : false),
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  const download = useMutation({
    mutationFn: async (item: Item): Promise<string | null> => {
      const index = list.data?.pages.findIndex((page) => page.items.some((each) => each.exportId === item.exportId)) ?? -1;
      const cursor = index >= 0 ? (list.data?.pageParams[index] as string | undefined) : undefined;
      const page = (await request(listExportsRoute, { query: { orgId, limit: PAGE, ...(cursor ? { cursor } : {}) } })).data;
      const fresh = page.items.find((each) => each.exportId === item.exportId);
      if (fresh) return fresh.url;
      // Newer exports pushed it to another page: its job has the link too (for its creator and the offices above).
      try {
        return (await request(getJobRoute, { params: { jobId: item.exportId } })).data.resultUrl;
      } catch (error) {
        if (error instanceof ApiClientError && error.status === 404) return null;
        throw error;
      }
    },
    onSuccess: (url) => {
      if (url) openDownload(url);
      else void message.warning('文件已不可下载 (文件保留 7 天)，请重新导出');
    },
    onError: (error) => void message.error(`下载失败：${refusalText(error)}`),
  });

  const downloadButton = (item: Item) => {
    if (item.status === 'succeeded' && item.url === null) {
      return (
        <Typography.Text type="secondary" title="导出的文件保留 7 天">
          已过期
        </Typography.Text>
      );
    }
    return (
      <Button
        size="small"
        type="link"
        icon={<DownloadOutlined />}
        disabled={item.status !== 'succeeded'}
        loading={download.isPending && download.variables.exportId === item.exportId}
        onClick={() => download.mutate(item)}
        data-testid="export-download"
        style={{ paddingInline: 0 }}
      >
        下载
      </Button>
    );
  };

  const columns: TableColumnsType<Item> = wide
    ? [
        { title: '内容', key: 'kind', render: (_, item) => EXPORT_KIND_LABEL[item.kind] },
        { title: '格式', key: 'format', width: 80, render: (_, item) => FORMAT_LABEL[item.format] },
        {
          title: '发起人',
          key: 'createdBy',
          render: (_, item) => (
            <Flex gap={6} align="center" wrap>
              <span>{item.createdBy}</span>
              {item.scheduleId && <ScheduledTag />}
            </Flex>
          ),
        },
        { title: '时间', key: 'createdAt', width: 150, render: (_, item) => chinaTime(item.createdAt) },
        { title: '状态', key: 'status', width: 170, render: (_, item) => <Status item={item} /> },
        { title: '大小', key: 'size', width: 90, align: 'right', render: (_, item) => (item.size === undefined ? '—' : formatSize(item.size)) },
        { title: '下载', key: 'download', width: 80, render: (_, item) => downloadButton(item) },
      ]
    : [
        {
          title: '内容',
          key: 'kind',
          render: (_, item) => (
            <Flex vertical gap={2}>
              <Flex gap={6} align="center" wrap>
                <span>
                  {EXPORT_KIND_LABEL[item.kind]} · {FORMAT_LABEL[item.format]}
                </span>
                {item.scheduleId && <ScheduledTag />}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {chinaTime(item.createdAt)}
                {item.size === undefined ? '' : ` · ${formatSize(item.size)}`}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {item.createdBy}
              </Typography.Text>
            </Flex>
          ),
        },
        { title: '状态', key: 'status', width: 104, render: (_, item) => <Status item={item} /> },
        { title: '下载', key: 'download', width: 64, render: (_, item) => downloadButton(item) },
      ];

  const body = () => {
    if (list.isPending) return <Table loading columns={columns} dataSource={[]} size="small" />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有按该机构导出过文件" />;
    return (
      <Table<Item>
        rowKey="exportId"
        size="small"
        pagination={false}
        dataSource={items}
        columns={columns}
        scroll={{ x: 'max-content' }}
        onRow={(item) => ({ 'data-testid': 'export-row', 'data-status': item.status, 'data-kind': item.kind, 'data-scheduled': item.scheduleId ? 'true' : 'false' }) as HTMLAttributes<HTMLElement>}
      />
    );
  };

  return (
    <Card
      size="small"
      title="导出记录"
      extra={
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: wide ? 420 : 160 }}>
          {orgName}
        </Typography.Text>
      }
      data-testid="export-list"
    >
      <Flex vertical gap={12}>
        {body()}
        <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} count={items.length} onLoad={() => void list.fetchNextPage()} />
      </Flex>
    </Card>
  );
}
