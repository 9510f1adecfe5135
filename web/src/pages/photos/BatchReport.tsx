// A batch's job as it goes and its report: files handled of all, counts by result, and each file
// with its student and, when it did not go through, why. Followed every second until the job ends.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Progress, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { isFinished } from '#shared/domain/jobs.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { batchKey, FILE_STATUS, getBatch, REPORT_LIMIT, type BatchFile } from './data.ts';

export function BatchReport({ batchId }: { batchId: string }) {
  const view = useQuery({
    queryKey: batchKey(batchId),
    queryFn: () => getBatch(batchId),
    refetchInterval: (query) => (query.state.data?.job && isFinished(query.state.data.job.status) ? false : 1000),
  });
  if (view.isError) return <ErrorState error={view.error} />;
  if (!view.data) return <Card size="small" loading />;
  const { job, counts, files, orgName } = view.data;
  const handled = job ? job.done + job.errors : 0;
  const running = job !== null && !isFinished(job.status);
  return (
    <Card size="small" title={`处理结果：${orgName}`} data-testid="batch-report">
      <Flex vertical gap={12}>
        {running && (
          <Flex vertical gap={4} data-testid="batch-running">
            <Progress percent={job.total > 0 ? Math.min(99, Math.floor((handled / job.total) * 100)) : 0} status="active" />
            <Typography.Text type="secondary">{job.status === 'queued' ? '已提交，排队等待处理…' : `正在逐个核验照片，已处理 ${handled} / ${job.total} 个文件…`}</Typography.Text>
          </Flex>
        )}
        {job?.status === 'failed' && <Alert type="error" showIcon title="处理失败" description={job.errorSamples.at(-1)?.message ?? '处理时出错'} data-testid="batch-failed" />}
        <Flex gap={32} wrap data-testid="batch-counts">
          {(['accepted', 'rejected', 'refused', 'unmatched'] as const).map((status) => (
            <Statistic key={status} title={FILE_STATUS[status].label} value={counts[status]} />
          ))}
        </Flex>
        <Table<BatchFile>
          size="small"
          rowKey="entry"
          dataSource={files}
          pagination={files.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          data-testid="batch-files"
          columns={[
            { title: '文件', dataIndex: 'file', render: (file: string) => <Typography.Text style={{ wordBreak: 'break-all' }}>{file}</Typography.Text> },
            // The result first after the file: on a phone it must show without scrolling.
            { title: '结果', dataIndex: 'status', width: 76, render: (status: BatchFile['status']) => <Tag color={FILE_STATUS[status].color}>{FILE_STATUS[status].label}</Tag> },
            { title: '原因', dataIndex: 'reason', render: (reason: string | null) => reason ?? '' },
            { title: '学生', dataIndex: 'studentId', width: 84, render: (studentId: string | null) => (studentId ? <Link to={`/students/${studentId}`}>查看学籍</Link> : '—') },
          ]}
        />
        {view.data.nextCursor && <Typography.Text type="secondary">只列出前 {REPORT_LIMIT} 个文件；计数包括全部文件。</Typography.Text>}
      </Flex>
    </Card>
  );
}
