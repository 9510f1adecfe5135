// 异动申请 at /changes/:changeId: who and what (the student, the kind, what is asked), where the
// case stands, its evidence (佐证材料, EvidenceCard), and the whole chain of steps. The current step's organisation decides it here
// (审核通过, or 退回 with a reason); the applicant may withdraw it while pending. An approval hands
// the case on through a queue: the page polls until the next step has opened (or the case has
// ended) and says so meanwhile. The student's name links to the record only for those who may
// read it: a receiving school sees nothing of the record before the transfer is approved.
import { LoadingOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { approveChangeRoute, cancelChangeRoute, getChangeRoute, rejectChangeRoute } from '#shared/api/changes.ts';
import { getStudentRoute, studentHistoryRoute } from '#shared/api/students.ts';
import { ROLE_LABEL } from '#shared/domain/roles.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatTime } from '../../components/format.ts';
import { RecordStatusTag } from '../../students/RecordStatusTag.tsx';
import { changeKey, CHANGES_KEY, isAdvancing, mayCancel, myStep, whereNow, type Change } from './case.ts';
import { CaseStatusTag } from './CaseStatusTag.tsx';
import { CaseSteps } from './CaseSteps.tsx';
import { DecisionDialog, type Action } from './DecisionDialog.tsx';
import { EvidenceCard } from './EvidenceCard.tsx';
import { CHANGE_TYPE_LABEL } from './labels.ts';
import { RequestDetails } from './RequestDetails.tsx';
import { CASE_ROLES, TASKS_KEY } from './useTaskSummary.ts';

/** Poll quickly while the queue usually answers, then calmly (the outbox sweeper resends within a minute or two). */
function pollEvery(change: Change | undefined): number | false {
  if (!change || !isAdvancing(change)) return false;
  const at = change.steps[change.currentStep]?.at;
  return at && Date.now() - Date.parse(at) > 20_000 ? 5_000 : 600;
}

/** The record, when the caller may read it; null when it may not (nothing is shown of it then). */
function useVisibleRecord(studentId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['student', studentId, 'case-view'],
    enabled: Boolean(studentId) && enabled,
    queryFn: async () => {
      try {
        return (await request(getStudentRoute, { params: { studentId: studentId! } })).data;
      } catch (error) {
        if (error instanceof ApiClientError && (error.status === 404 || error.status === 403)) return null;
        throw error;
      }
    },
  });
}

/** A key-field change's values before it: the record's while pending, its history entry once applied. */
function useValuesBefore(change: Change | undefined, record: Record<string, unknown> | null | undefined) {
  const applied = change?.type === 'keyFieldChange' && change.status === 'approved' && Boolean(record);
  const history = useQuery({
    queryKey: ['history', change?.studentId, 'change', change?.changeId],
    enabled: applied,
    queryFn: async () => {
      const page = (await request(studentHistoryRoute, { params: { studentId: change!.studentId }, query: { limit: 100 } })).data;
      const entry = page.items.find((item) => item.changeId === change!.changeId);
      return entry ? Object.fromEntries(entry.changes.map((item) => [item.field, item.old])) : null;
    },
  });
  if (change?.type !== 'keyFieldChange') return undefined;
  return applied ? (history.data ?? undefined) : (record ?? undefined);
}

/** The applicant's organisation and person (a registrar's name usually begins with its school's). */
const applicantOf = (change: Change) =>
  change.applicant.displayName.startsWith(change.applicant.orgName) ? change.applicant.displayName : `${change.applicant.orgName} · ${change.applicant.displayName}`;

const DONE_MESSAGE: Record<Action, string> = { approve: '已审核通过', reject: '已退回，申请单位会看到退回原因', cancel: '申请已撤销' };

export default function ChangePage() {
  const { changeId = '' } = useParams();
  // Filing pages land here with { filed: true }: the evidence card then asks for the files.
  const justFiled = (useLocation().state as { filed?: boolean } | null)?.filed === true;
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action>();
  const [problem, setProblem] = useState<{ title: string; detail?: string }>();

  const change = useQuery({
    queryKey: changeKey(changeId),
    queryFn: async () => (await request(getChangeRoute, { params: { changeId } })).data,
    refetchInterval: (query) => pollEvery(query.state.data),
  });
  const data = change.data;
  const record = useVisibleRecord(data?.studentId, CASE_ROLES.has(me.role));
  const before = useValuesBefore(data, record.data as Record<string, unknown> | null | undefined);
  const advancing = data ? isAdvancing(data) : false;

  // Once the queue has moved the case on, what depended on it is read again.
  const wasAdvancing = useRef(false);
  useEffect(() => {
    if (wasAdvancing.current && !advancing && data) {
      void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
      void queryClient.invalidateQueries({ queryKey: CHANGES_KEY });
      void queryClient.invalidateQueries({ queryKey: ['student', data.studentId] });
      void queryClient.invalidateQueries({ queryKey: ['students'] });
    }
    wasAdvancing.current = advancing;
  }, [advancing, data, queryClient]);

  const decide = useMutation({
    mutationFn: async ({ action, comment }: { action: Action; comment: string | undefined }) => {
      const params = { changeId };
      if (action === 'approve') return (await request(approveChangeRoute, { params, body: comment ? { comment } : {} })).data;
      if (action === 'reject') return (await request(rejectChangeRoute, { params, body: { comment: comment ?? '' } })).data;
      return (await request(cancelChangeRoute, { params, body: comment ? { comment } : {} })).data;
    },
    onSuccess: async (answer, { action }) => {
      setAction(undefined);
      setProblem(undefined);
      queryClient.setQueryData(changeKey(changeId), answer);
      void message.success(DONE_MESSAGE[action]);
      await Promise.all([queryClient.invalidateQueries({ queryKey: TASKS_KEY }), queryClient.invalidateQueries({ queryKey: CHANGES_KEY })]);
    },
    onError: async (error) => {
      setAction(undefined);
      if (error instanceof ApiClientError && (error.code === 'STEP_NOT_CURRENT' || error.code === 'CASE_CLOSED')) {
        setProblem({ title: error.code === 'CASE_CLOSED' ? '该申请已办结' : '这一步已由他人办理，或已转到下一步', detail: '页面已刷新，请查看申请现在的进度。' });
        await Promise.all([change.refetch(), queryClient.invalidateQueries({ queryKey: TASKS_KEY })]);
        return;
      }
      setProblem({ title: error instanceof ApiClientError ? error.message : '操作失败，请重试' });
    },
  });

  if (change.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (change.isError) return <ErrorState error={change.error} onRetry={() => void change.refetch()} />;
  const c = change.data;
  const step = myStep(c, me);
  const next = c.steps[c.currentStep + 1];
  const rejected = c.steps.find((item) => item.status === 'rejected');
  const lastStep = c.currentStep === c.steps.length - 1;
  const intro =
    action === 'approve'
      ? next
        ? `通过后，申请转交${next.orgName}（${ROLE_LABEL[next.role]}）审核。`
        : `这是最后一步：通过后${CHANGE_TYPE_LABEL[c.type]}生效，${c.type === 'gradeCorrection' ? '成绩随之更正' : '学籍随之变更'}。`
      : action === 'reject'
        ? '退回后申请结束，学籍不变；申请单位会看到退回原因，可按意见改正后重新申请。'
        : `撤销后申请结束，${c.type === 'gradeCorrection' ? '成绩' : '学籍'}不变。`;
  const studentRecord = record.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1000 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {CHANGE_TYPE_LABEL[c.type]}申请
          </Typography.Title>
          <CaseStatusTag status={c.status} />
        </Flex>
        <Space wrap>
          {step && (
            <Button danger onClick={() => setAction('reject')}>
              退回
            </Button>
          )}
          {step && (
            <Button type="primary" onClick={() => setAction('approve')}>
              审核通过
            </Button>
          )}
          {mayCancel(c, me) && <Button onClick={() => setAction('cancel')}>撤销申请</Button>}
        </Space>
      </Flex>
      {advancing && (
        <Alert
          type="info"
          showIcon
          icon={<LoadingOutlined />}
          title={lastStep ? `正在办结，${c.type === 'gradeCorrection' ? '更正成绩' : '更新学籍'}…` : '正在转交下一步…'}
          description="审核结果已保存，系统正在转交，本页会自动刷新。"
          data-testid="advancing"
        />
      )}
      {problem && <Alert type="warning" showIcon closable onClose={() => setProblem(undefined)} title={problem.title} description={problem.detail} data-testid="decision-problem" />}
      {step && !advancing && (
        <Alert type="warning" showIcon title={`等待本单位审核${step.dueBy ? `，办理期限 ${step.dueBy}` : ''}`} description="请核对申请内容后审核通过，或写明原因退回。" />
      )}
      {c.status === 'rejected' && rejected && (
        <Alert type="error" showIcon title={`${rejected.orgName}已退回该申请`} description={rejected.comment ? `退回原因：${rejected.comment}` : undefined} data-testid="rejected-notice" />
      )}
      {c.status === 'approved' && <Alert type="success" showIcon title={`${CHANGE_TYPE_LABEL[c.type]}已审核通过，${c.type === 'gradeCorrection' ? '成绩已更正' : '学籍已变更'}`} />}
      <Card size="small" title="基本信息">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'student',
              label: '学生',
              children: studentRecord ? (
                <Link to={`/students/${c.studentId}`} data-testid="case-student">
                  {c.studentName}
                </Link>
              ) : (
                <span data-testid="case-student">{c.studentName}</span>
              ),
            },
            ...(studentRecord
              ? [
                  { key: 'no', label: '全国学籍号', children: studentRecord.nationalStudentNo },
                  { key: 'status', label: '学籍状态', children: <RecordStatusTag status={studentRecord.status} /> },
                ]
              : []),
            { key: 'type', label: '异动类型', children: <Tag color="blue">{CHANGE_TYPE_LABEL[c.type]}</Tag> },
            { key: 'applicant', label: '申请单位', children: applicantOf(c) },
            { key: 'created', label: '申请时间', children: formatTime(c.createdAt) },
            c.completedAt
              ? { key: 'completed', label: '办结时间', children: formatTime(c.completedAt) }
              : { key: 'now', label: '当前进度', children: whereNow(c) ?? '—' },
          ]}
        />
        {!studentRecord && record.isSuccess && c.type === 'transfer' && c.status === 'pending' && c.applicant.orgId === me.orgId && (
          <Typography.Text type="secondary">学籍档案在转出学校，转学审核通过后可在本校查看。</Typography.Text>
        )}
      </Card>
      <Card size="small" title="申请内容">
        <RequestDetails type={c.type} request={c.request} toSchoolName={c.type === 'transfer' ? c.applicant.orgName : undefined} before={before} />
      </Card>
      {/* 佐证材料 (evidence): its own card, beside what is asked and before the steps that judge it. */}
      <EvidenceCard change={c} justFiled={justFiled} />
      <Card size="small" title="审批流程">
        <CaseSteps change={c} />
      </Card>
      <DecisionDialog action={action} intro={intro} busy={decide.isPending} onSubmit={(comment) => action && decide.mutate({ action, comment })} onClose={() => setAction(undefined)} />
    </Space>
  );
}
