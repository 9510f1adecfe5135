// 定时导出: the organisation's export schedules — what, in which format, by which rule (read aloud
// when it is a simple one), when it runs next and how it went last (a run that could not start
// says why, in red) — each deleted behind a confirmation (its files stay in 导出记录).
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Grid, Popconfirm, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { deleteExportScheduleRoute, listExportSchedulesRoute } from '#shared/api/exports.ts';
import { EXPORT_KIND_LABEL } from '#shared/domain/exports/kinds.ts';
import { request, type ResponseOf } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useCursorList } from '../../components/useCursorList.ts';
import { schedulesKey } from './keys.ts';
import { chinaTime, cronReading, FORMAT_LABEL, refusalText } from './words.ts';

type Schedule = ResponseOf<typeof listExportSchedulesRoute>['items'][number];

function Rule({ cron }: { cron: string }) {
  const reading = cronReading(cron);
  return (
    <Flex vertical gap={0} data-testid="schedule-rule">
      {reading && <span>{reading}</span>}
      <Typography.Text type="secondary" code style={{ fontSize: 12, whiteSpace: 'nowrap', marginInlineStart: 0 }}>
        {cron}
      </Typography.Text>
    </Flex>
  );
}

function LastRun({ schedule }: { schedule: Schedule }) {
  const last = schedule.lastRun;
  if (!last) return <Typography.Text type="secondary">尚未运行</Typography.Text>;
  if (last.error) {
    return (
      <Flex vertical gap={0}>
        <span>{chinaTime(last.at)}</span>
        <Typography.Text type="danger" data-testid="schedule-error">
          {last.error}
        </Typography.Text>
      </Flex>
    );
  }
  return <span>{chinaTime(last.at)}</span>;
}

export function ScheduleList({ orgId, orgName }: { orgId: string; orgName: string }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const client = useQueryClient();
  const { message } = App.useApp();
  const list = useCursorList(schedulesKey(orgId), async (cursor) => (await request(listExportSchedulesRoute, { query: { orgId, limit: 20, ...(cursor ? { cursor } : {}) } })).data);
  const remove = useMutation({
    mutationFn: async (scheduleId: string) => (await request(deleteExportScheduleRoute, { params: { scheduleId } })).data,
    onSuccess: () => {
      void message.success('已删除定时导出');
      void client.invalidateQueries({ queryKey: schedulesKey(orgId) });
    },
    onError: (error) => void message.error(`未能删除：${refusalText(error)}`),
  });

  const deleteButton = (schedule: Schedule) => (
    <Popconfirm title="删除这个定时导出？" description="已生成的文件仍在导出记录中。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove.mutate(schedule.scheduleId)}>
      <Button size="small" type="link" danger icon={<DeleteOutlined />} loading={remove.isPending && remove.variables === schedule.scheduleId} data-testid="schedule-delete" style={{ paddingInline: 0 }}>
        {wide ? '删除' : null}
      </Button>
    </Popconfirm>
  );

  const columns: TableColumnsType<Schedule> = wide
    ? [
        { title: '内容', key: 'kind', render: (_, schedule) => EXPORT_KIND_LABEL[schedule.kind] },
        { title: '格式', key: 'format', width: 80, render: (_, schedule) => FORMAT_LABEL[schedule.format] },
        { title: '规则', key: 'cron', render: (_, schedule) => <Rule cron={schedule.cron} /> },
        { title: '下次运行', key: 'nextRunAt', width: 150, render: (_, schedule) => <span data-testid="schedule-next">{chinaTime(schedule.nextRunAt)}</span> },
        { title: '上次运行', key: 'lastRun', render: (_, schedule) => <LastRun schedule={schedule} /> },
        { title: '删除', key: 'delete', width: 80, render: (_, schedule) => deleteButton(schedule) },
      ]
    : [
        {
          title: '内容',
          key: 'kind',
          render: (_, schedule) => (
            <Flex vertical gap={2}>
              <span>
                {EXPORT_KIND_LABEL[schedule.kind]} · {FORMAT_LABEL[schedule.format]}
              </span>
              <Rule cron={schedule.cron} />
            </Flex>
          ),
        },
        {
          title: '运行',
          key: 'runs',
          render: (_, schedule) => (
            <Flex vertical gap={2}>
              <span>
                <Typography.Text type="secondary">下次 </Typography.Text>
                <span data-testid="schedule-next">{chinaTime(schedule.nextRunAt)}</span>
              </span>
              <span>
                <Typography.Text type="secondary">上次 </Typography.Text>
                <LastRun schedule={schedule} />
              </span>
            </Flex>
          ),
        },
        { title: '', key: 'delete', width: 40, render: (_, schedule) => deleteButton(schedule) },
      ];

  const body = () => {
    if (list.isPending) return <Table loading columns={columns} dataSource={[]} size="small" />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    if (list.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该机构还没有定时导出" />;
    return (
      <Table<Schedule>
        rowKey="scheduleId"
        size="small"
        pagination={false}
        dataSource={list.items}
        columns={columns}
        scroll={{ x: 'max-content' }}
        onRow={(schedule) => ({ 'data-testid': 'schedule-row', 'data-schedule-id': schedule.scheduleId }) as HTMLAttributes<HTMLElement>}
      />
    );
  };

  return (
    <Card
      size="small"
      title="定时导出"
      extra={
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: wide ? 420 : 160 }}>
          {orgName}
        </Typography.Text>
      }
      data-testid="schedule-list"
    >
      <Flex vertical gap={12}>
        {body()}
        <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} count={list.items.length} onLoad={() => void list.fetchNextPage()} />
      </Flex>
    </Card>
  );
}
