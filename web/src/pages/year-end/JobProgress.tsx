// A job's progress (docs/api-guide.md "Jobs"): polled every second until it has ended, with done of
// total, the items it could not do (up to five examples), its final status and, once it succeeded,
// the way to its result: the school's grades after a promotion, the graduates after a graduation,
// the problem records after a scan. When it ends, what it changed (grades' names, lists, counts,
// problems) is read again.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Progress, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { getOrgRoute } from '#shared/api/identity.ts';
import { getJobRoute } from '#shared/api/jobs.ts';
import { isFinished, JOB_KIND_LABEL, type JobStatus } from '#shared/domain/jobs.ts';
import { ApiClientError, request, type ResponseOf } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatTime } from '../../components/format.ts';

export type Job = ResponseOf<typeof getJobRoute>;

export const jobKey = (jobId: string) => ['job', jobId];

const STATUS: Record<JobStatus, { label: string; color: string }> = {
  queued: { label: '排队中', color: 'default' },
  running: { label: '进行中', color: 'processing' },
  succeeded: { label: '已完成', color: 'success' },
  failed: { label: '失败', color: 'error' },
};

/** The result's page in the web app: the API's list URL as the app's own page. */
export function resultLink(job: Job): { to: string; label: string } | undefined {
  if (!job.resultUrl) return undefined;
  const url = new URL(job.resultUrl, window.location.origin);
  const children = /^\/v1\/orgs\/([^/]+)\/children$/.exec(url.pathname);
  if (children) return { to: `/orgs/${children[1]}`, label: '查看本校年级' };
  if (url.pathname === '/v1/students') return { to: `/students${url.search}`, label: job.kind === 'graduation' ? '查看毕业学生名单' : '查看学生名单' };
  if (url.pathname === '/v1/problems') return { to: '/problems', label: '查看问题学籍' };
  return undefined;
}

/** What one item of the job is, for its counts: students for a graduation or a scan; grades, classes and students for a promotion. */
const UNIT: Record<Job['kind'], string> = { graduation: '名学生', promotion: '项 (年级、班级和学生)', export: '个文件', import: '行', problemScan: '名学生', photoBatch: '个文件' };

function JobTitle({ job }: { job: Job }) {
  const gradeId = typeof job.request.gradeId === 'string' ? job.request.gradeId : undefined;
  const grade = useQuery({ queryKey: ['org', gradeId], enabled: Boolean(gradeId), queryFn: async () => (await request(getOrgRoute, { params: { orgId: gradeId! } })).data });
  const what = job.kind === 'graduation' ? `毕业：${grade.data?.name ?? gradeId ?? ''}` : job.kind === 'export' ? '导出文件' : job.kind === 'problemScan' ? '问题学籍检查' : '学年升级';
  return (
    <Flex gap={8} align="center" wrap>
      <span>{what}</span>
      <Tag color={STATUS[job.status].color} data-testid="job-status">
        {STATUS[job.status].label}
      </Tag>
    </Flex>
  );
}

export function JobProgress({ jobId, onClose }: { jobId: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: jobKey(jobId),
    queryFn: async () => (await request(getJobRoute, { params: { jobId } })).data,
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data.status) ? false : 1_000),
  });
  const status = job.data?.status;

  // Ended: grades were renamed or records graduated, so lists and counts are read again, once (a
  // small job often ends before its first poll, so "seen running" is not required).
  const refreshed = useRef(false);
  useEffect(() => {
    if (!status || !isFinished(status) || refreshed.current) return;
    refreshed.current = true;
    for (const key of ['org-children', 'org', 'students', 'student', 'problems']) void queryClient.invalidateQueries({ queryKey: [key] });
  }, [status, queryClient]);

  if (job.isPending) return <Card size="small"><Skeleton active paragraph={{ rows: 2 }} /></Card>;
  if (job.isError) {
    if (job.error instanceof ApiClientError && job.error.status === 404) {
      return (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={onClose}
          title="查看不到该任务"
          description="只有发起任务的账号和上级教育行政部门可以查看任务进度；如任务由本校其他账号发起，请联系发起人查看。"
          data-testid="job-not-found"
        />
      );
    }
    return <ErrorState error={job.error} onRetry={() => void job.refetch()} />;
  }

  const j = job.data;
  const finished = isFinished(j.status);
  const handled = j.done + j.errors;
  const percent = j.total > 0 ? Math.min(100, Math.floor((handled / j.total) * 100)) : j.status === 'succeeded' ? 100 : 0;
  const result = j.status === 'succeeded' ? resultLink(j) : undefined;
  return (
    <Card
      size="small"
      title={<JobTitle job={j} />}
      extra={
        finished && (
          <Button size="small" type="text" onClick={onClose}>
            关闭
          </Button>
        )
      }
      data-testid="job-progress"
    >
      <Flex vertical gap={12}>
        <Progress percent={percent} status={j.status === 'failed' ? 'exception' : j.status === 'succeeded' ? (j.errors > 0 ? 'normal' : 'success') : 'active'} />
        <Typography.Text data-testid="job-counts">
          {j.status === 'queued'
            ? '已提交，排队等待执行…'
            : j.status === 'running' && j.total === 0
              ? '正在统计要处理的学生…'
              : `已处理 ${j.done} / ${j.total} ${UNIT[j.kind]}${j.errors > 0 ? `，未能处理 ${j.errors} ${UNIT[j.kind]}` : ''}`}
        </Typography.Text>
        {!finished && <Typography.Text type="secondary">可以离开本页，任务会继续执行；本页地址保留了任务，回来即可查看进度。</Typography.Text>}
        {j.errors > 0 && (
          <Alert
            type={j.status === 'failed' ? 'error' : 'warning'}
            showIcon
            title={j.status === 'failed' ? `${JOB_KIND_LABEL[j.kind]}任务失败` : `有 ${j.errors} ${UNIT[j.kind]}未能处理`}
            description={
              <Flex vertical gap={2} data-testid="job-errors">
                {j.errorSamples.map((sample, index) => (
                  <span key={`${sample.item}-${index}`}>
                    {sample.item}：{sample.message}
                  </span>
                ))}
                {j.errors > j.errorSamples.length && <Typography.Text type="secondary">(仅列出前 {j.errorSamples.length} 条)</Typography.Text>}
                {j.status === 'failed' && j.kind === 'promotion' && <span>失败的升级可以重新提交。</span>}
              </Flex>
            }
          />
        )}
        {j.status === 'succeeded' && (
          <Alert
            type="success"
            showIcon
            title={`${JOB_KIND_LABEL[j.kind]}已完成`}
            description={result && (
              <Link to={result.to} data-testid="job-result">
                {result.label}
              </Link>
            )}
          />
        )}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'created', label: '提交时间', children: formatTime(j.createdAt) },
            ...(j.completedAt ? [{ key: 'completed', label: '结束时间', children: formatTime(j.completedAt) }] : []),
          ]}
        />
      </Flex>
    </Card>
  );
}
