// An import's job while it runs: the check counts the rows it has read (their number is known only
// at the end); the run checks the file again first, then counts its rows handled (created or
// skipped, and refused) of all the rows.
import { LoadingOutlined } from '@ant-design/icons';
import { Card, Flex, Progress, Typography } from 'antd';
import type { ImportView } from './data.ts';

export function ImportProgress({ view }: { view: ImportView }) {
  const job = view.job!;
  const writing = view.dryRun === false;
  const handled = job.done + job.errors;
  const percent = job.total > 0 ? Math.min(99, Math.floor((handled / job.total) * 100)) : 0;
  return (
    <Card size="small" title={writing ? '正在导入' : '正在检查'} data-testid="import-running">
      <Flex vertical gap={12}>
        {writing ? (
          <>
            <Progress percent={percent} status="active" data-testid="import-job-progress" />
            <Typography.Text data-testid="import-job-counts">
              {job.status === 'queued'
                ? '已提交，排队等待导入…'
                : job.total === 0
                  ? `写入前再逐行检查一遍，已读 ${view.rowsRead} 行…`
                  : `已处理 ${handled} / ${job.total} 行：新建学籍 ${view.created} 名${view.skipped > 0 ? `，已有学籍跳过 ${view.skipped} 行` : ''}${job.errors > 0 ? `，有错误未导入 ${job.errors} 行` : ''}`}
            </Typography.Text>
          </>
        ) : (
          <Flex align="center" gap={8}>
            <LoadingOutlined />
            <Typography.Text data-testid="import-rows-read">{job.status === 'queued' ? '已提交，排队等待检查…' : `正在逐行检查，已读 ${view.rowsRead} 行…`}</Typography.Text>
          </Flex>
        )}
        <Typography.Text type="secondary">可以离开本页，{writing ? '导入' : '检查'}会继续进行；回到“批量导入”的导入记录中打开本文件即可查看进度和结果。</Typography.Text>
      </Flex>
    </Card>
  );
}
