// 问题学籍 at /problems: the queue of the caller's school (its registrar) or county (its bureau),
// by status (待处理, 已处理) and kind, with the counts of each; 开始检查 starts a scan of the whole
// school or county and follows its job (the job's id in the address, so a reload shows it again);
// each open problem is settled from its 处理 dialog. Filters live in the address too.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Empty, Flex, Segmented, Skeleton, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { scanProblemsRoute } from '#shared/api/problems.ts';
import { PROBLEM_KIND_LABEL, PROBLEM_KINDS, PROBLEM_STATUS_LABEL, PROBLEM_STATUSES, type ProblemKind, type ProblemStatus } from '#shared/domain/problems/kinds.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useCursorList } from '../../components/useCursorList.ts';
import { useSubmissionKey } from '../changes/submission.ts';
import { JobProgress } from '../year-end/JobProgress.tsx';
import { hasQueue, queueKey, queuePage, type Problem } from './data.ts';
import { ProblemCard } from './ProblemCard.tsx';
import { ResolveDialog } from './ResolveDialog.tsx';

const sum = (counts: Record<ProblemKind, number> | undefined) => PROBLEM_KINDS.reduce((total, kind) => total + (counts?.[kind] ?? 0), 0);

export default function ProblemsPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = PROBLEM_STATUSES.find((value) => value === params.get('status')) ?? 'open';
  const kind = PROBLEM_KINDS.find((value) => value === params.get('kind'));
  const jobId = params.get('job') ?? undefined;
  const [resolving, setResolving] = useState<Problem>();
  const [refusal, setRefusal] = useState<string>();
  const submission = useSubmissionKey();
  const mine = hasQueue(me);
  const queue = useCursorList(queueKey(me.orgId, status, kind), (cursor) => queuePage(me.orgId, status, kind, cursor), { enabled: mine });
  const counts = queue.data?.pages[0]?.counts;

  /** Keeps the filters and the job in the address; `undefined` drops one. */
  const update = (next: Partial<Record<'status' | 'kind' | 'job', string | undefined>>) => {
    const merged = { status: status === 'open' ? undefined : status, kind, job: jobId, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined)), { replace: true });
  };

  const scan = useMutation({
    mutationFn: async () => (await request(scanProblemsRoute, { body: { orgId: me.orgId }, headers: { 'idempotency-key': submission.keyFor({ orgId: me.orgId, at: 'scan' }) } })).data,
    onSuccess: (job) => {
      submission.reset();
      setRefusal(undefined);
      update({ job: job.jobId });
    },
    onError: (error) => {
      if (error instanceof ApiClientError && error.status > 0) submission.reset();
      const running = error instanceof ApiClientError && error.code === 'SCAN_RUNNING' && typeof error.details?.jobId === 'string' ? error.details.jobId : undefined;
      if (running) update({ job: running });
      setRefusal(error instanceof ApiClientError ? error.message : '检查未能开始，请重试');
    },
  });

  if (!mine) return <ErrorState error={new ApiClientError(403, { message: '问题学籍由学校学籍管理员和区县教育局处理' })} />;

  const tabLabel = (value: ProblemStatus) => (
    <Flex gap={6} align="center" data-testid={`problems-tab-${value}`}>
      {PROBLEM_STATUS_LABEL[value]}
      <Badge count={sum(counts?.[value])} showZero overflowCount={9999} color={value === 'open' && sum(counts?.open) > 0 ? '#fa8c16' : '#bfbfbf'} />
    </Flex>
  );

  return (
    <Flex vertical gap={12} style={{ maxWidth: 1100 }}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Flex vertical gap={4} style={{ flex: '1 1 320px' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            问题学籍
          </Typography.Title>
          <Typography.Text type="secondary">
            每晚自动检查一次{me.role === 'county_admin' ? '本区县' : '本校'}的全部学籍：身份证件号错误、证件号与出生日期或性别不符、同一证件号有两条学籍 (含其他区县)、无证件号的疑似重复学籍。也可以随时开始检查。
          </Typography.Text>
        </Flex>
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={scan.isPending} onClick={() => scan.mutate()}>
          开始检查
        </Button>
      </Flex>
      {jobId && <JobProgress key={jobId} jobId={jobId} onClose={() => update({ job: undefined })} />}
      {refusal && <Alert type="warning" showIcon closable onClose={() => setRefusal(undefined)} title={refusal} data-testid="scan-refusal" />}
      <Tabs activeKey={status} onChange={(key) => update({ status: key === 'open' ? undefined : key })} items={PROBLEM_STATUSES.map((value) => ({ key: value, label: tabLabel(value) }))} style={{ marginBottom: -12 }} />
      <Segmented
        value={kind ?? 'all'}
        onChange={(value) => update({ kind: value === 'all' ? undefined : value })}
        options={[{ value: 'all', label: `全部 ${sum(counts?.[status])}` }, ...PROBLEM_KINDS.map((value) => ({ value, label: `${PROBLEM_KIND_LABEL[value]} ${counts?.[status][value] ?? 0}` }))]}
        style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
        data-testid="problem-kinds"
      />
      {queue.isPending ? (
        <Skeleton active />
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.items.length === 0 ? (
        <Card>
          <Empty description={status === 'open' ? `没有待处理的${kind ? PROBLEM_KIND_LABEL[kind] : '问题学籍'}` : `没有已处理的${kind ? PROBLEM_KIND_LABEL[kind] : '问题学籍'}`} />
        </Card>
      ) : (
        <Flex vertical gap={12} data-testid="problem-list">
          {queue.items.map((problem) => (
            <ProblemCard key={problem.problemId} me={me} problem={problem} onResolve={() => setResolving(problem)} />
          ))}
          <LoadMore hasMore={queue.hasNextPage} loading={queue.isFetchingNextPage} count={queue.items.length} onLoad={() => void queue.fetchNextPage()} />
        </Flex>
      )}
      <ResolveDialog problem={resolving} onClose={() => setResolving(undefined)} />
    </Flex>
  );
}
