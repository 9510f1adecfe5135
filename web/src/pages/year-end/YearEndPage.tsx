// 学年末：升级、毕业 at /schools/:schoolId/year-end, the school registrar's year-end batches
// (docs/api-guide.md "The end of the school year"): the school's grades with what promotion would
// make of each, what promotion and graduation do, each behind a dialog saying exactly what will
// happen, sent under an Idempotency-Key. A refusal is explained: the open cases to finish first
// (each linked), the job already running (linked), a promotion already done this school year. The
// job started then shows its progress; its id is in the address (?job=), so a reload, or coming
// back later, shows it again.
import { RiseOutlined, TrophyOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Grid, Modal, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { getOrgRoute, listOrgChildrenRoute } from '#shared/api/identity.ts';
import { graduateGradeRoute, promoteSchoolRoute } from '#shared/api/jobs.ts';
import { CHANGE_TYPE_LABEL, type ChangeType } from '#shared/domain/changes/kinds.ts';
import { planPromotion, type PromotionPlan } from '#shared/domain/year-end.ts';
import { ApiClientError, request, type ResponseOf } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { allPages } from '../../components/useCursorList.ts';
import { useSubmissionKey } from '../changes/submission.ts';
import { JobProgress } from './JobProgress.tsx';

type Org = ResponseOf<typeof getOrgRoute>;
type Batch = { kind: 'promotion' } | { kind: 'graduation'; gradeId: string };

const childrenOf = (orgId: string) => allPages(async (cursor) => (await request(listOrgChildrenRoute, { params: { orgId }, query: { limit: 100, cursor } })).data);

/** The plan as the server makes it (shared/domain/year-end.ts), from the grades' student counts. */
function planOf(grades: readonly Org[], classes: ReadonlyMap<string, Org[]> = new Map()): PromotionPlan {
  return planPromotion(grades.map((grade) => ({ gradeId: grade.orgId, name: grade.name, onRoll: grade.studentCount ?? 0, classes: (classes.get(grade.orgId) ?? []).map((cls) => ({ classId: cls.orgId, name: cls.name })) })));
}

/** What promotion does to one grade, in words. */
function promotionOf(grade: Org, plan: PromotionPlan): { text: string; moves: boolean } {
  const move = plan.moves.find((entry) => entry.gradeId === grade.orgId);
  if (move) return { text: `升为 ${move.to}`, moves: true };
  if (plan.leaving.includes(grade.orgId)) return { text: '毕业年级，不升级，请办理毕业', moves: false };
  if (plan.idle.includes(grade.orgId)) return { text: '没有学生，名称不变', moves: false };
  return { text: '名称中没有可识别的年级，不升级', moves: false };
}

/** A refusal of the API, explained with what to do: the open cases, the running job, the promotion already done. */
interface Refusal {
  title: string;
  description?: ReactNode;
}

function refusalOf(error: unknown, showJob: (jobId: string) => void): Refusal {
  if (!(error instanceof ApiClientError)) return { title: '提交失败，请重试' };
  const details = error.details ?? {};
  const jobId = typeof details.jobId === 'string' ? details.jobId : undefined;
  const jobLink = (label: string) =>
    jobId ? (
      <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => showJob(jobId)} data-testid="refusal-job">
        {label}
      </Button>
    ) : undefined;
  if (error.code === 'OPEN_CASES') {
    const cases = Array.isArray(details.cases) ? (details.cases as { changeId: string; type: ChangeType; studentName: string }[]) : [];
    const count = typeof details.count === 'number' ? details.count : cases.length;
    return {
      title: error.message,
      description: (
        <Flex vertical gap={4}>
          <span>请先在各申请页面审核、等待办结或撤销，再回到本页提交：</span>
          <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="open-cases">
            {cases.map((item) => (
              <li key={item.changeId}>
                <Link to={`/changes/${item.changeId}`} data-testid="open-case">
                  {item.studentName} · {CHANGE_TYPE_LABEL[item.type] ?? item.type}申请
                </Link>
              </li>
            ))}
          </ul>
          {count > cases.length && (
            <span>
              另有 {count - cases.length} 件未列出，请在 <Link to="/changes?status=pending">异动查询</Link> 中查看。
            </span>
          )}
        </Flex>
      ),
    };
  }
  if (error.code === 'JOB_RUNNING') return { title: error.message, description: jobLink('查看正在执行的任务') ?? '请稍后再提交。' };
  if (error.code === 'ALREADY_PROMOTED') {
    return {
      title: error.message,
      description: (
        <Flex vertical gap={4} align="flex-start">
          <span>每学年 (9 月起) 只升级一次，年级和班级名称已是本学年的。个别学生需要调整年级的，请办理留级或跳级异动。</span>
          {jobLink('查看本学年的升级任务')}
        </Flex>
      ),
    };
  }
  if (error.fields.length > 0) return { title: error.message, description: error.fields.map((field) => field.message).join('；') };
  return { title: error.message };
}

function PromotionDialog({ open, grades, busy, onConfirm, onClose }: { open: boolean; grades: Org[]; busy: boolean; onConfirm: () => void; onClose: () => void }) {
  const rough = planOf(grades);
  // The classes of the grades that move: their new names too.
  const classes = useQueries({
    queries: rough.moves.map((move) => ({ queryKey: ['org-children', move.gradeId, 'all'], enabled: open, queryFn: () => childrenOf(move.gradeId) })),
  });
  const loading = classes.some((query) => query.isPending);
  const plan = planOf(grades, new Map(rough.moves.map((move, index) => [move.gradeId, classes[index]?.data ?? []])));
  const name = (gradeId: string) => grades.find((grade) => grade.orgId === gradeId)?.name ?? gradeId;
  const unchanged = [
    ...plan.leaving.map((gradeId) => `${name(gradeId)}：毕业年级，不升级 (请办理毕业)`),
    ...plan.idle.map((gradeId) => `${name(gradeId)}：没有学生，名称不变`),
    ...plan.unrecognized.map((grade) => `${grade.name}：名称中没有可识别的年级，不升级`),
  ];
  return (
    <Modal
      open={open}
      title="确认学年升级"
      onCancel={onClose}
      okText="确认升级"
      cancelText="取消"
      onOk={onConfirm}
      okButtonProps={{ loading: busy, disabled: loading || plan.moves.length === 0 }}
      destroyOnHidden
    >
      {loading ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={12} data-testid="promotion-plan">
          {plan.moves.length === 0 ? (
            <Alert type="info" showIcon title="没有需要升级的年级" />
          ) : (
            <div>
              <Typography.Text strong>以下年级升一级，年级和班级名称随之改为高一级：</Typography.Text>
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {plan.moves.map((move) => (
                  <li key={move.gradeId}>
                    {move.from} → <Typography.Text strong>{move.to}</Typography.Text>
                    {move.classes.length > 0 && (
                      <Typography.Text type="secondary">
                        {' '}
                        (班级：{move.classes.map((cls) => `${cls.from} → ${cls.to}`).join('，')})
                      </Typography.Text>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {unchanged.length > 0 && (
            <div>
              <Typography.Text strong>以下年级不变：</Typography.Text>
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {unchanged.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          )}
          <Typography.Paragraph style={{ margin: 0 }}>
            升级的年级中每名在籍学生的变动记录里会记一条“升级”(原年级、班级 → 新年级、班级)；学籍档案本身不变。每学年只能升级一次，提交后不能撤销。
          </Typography.Paragraph>
        </Flex>
      )}
    </Modal>
  );
}

function GraduationDialog({ grade, busy, onConfirm, onClose }: { grade: Org | undefined; busy: boolean; onConfirm: () => void; onClose: () => void }) {
  return (
    <Modal open={grade !== undefined} title="确认毕业" onCancel={onClose} okText="确认毕业" cancelText="取消" onOk={onConfirm} okButtonProps={{ loading: busy }} destroyOnHidden>
      {grade && (
        <Flex vertical gap={8} data-testid="graduation-plan">
          <Typography.Paragraph style={{ margin: 0 }}>
            将把 <Typography.Text strong>{grade.name}</Typography.Text> 的在籍学生 (含休学；该年级现有 {grade.studentCount ?? 0} 名学生) 的学籍状态改为“毕业”，并在每名学生的变动记录中记一条“毕业”。
          </Typography.Paragraph>
          <Typography.Paragraph style={{ margin: 0 }}>毕业生不再出现在默认的学生名单中，可在“学生信息维护”中按学籍状态“毕业”查看。有未办结异动申请的学生不会毕业，会在任务结果中列出。提交后不能撤销。</Typography.Paragraph>
        </Flex>
      )}
    </Modal>
  );
}

/** One of the two batches: what it does, in words, and its controls. */
function BatchCard({ icon, title, what, children }: { icon: ReactNode; title: string; what: string; children: ReactNode }) {
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      title={
        <Space>
          {icon}
          {title}
        </Space>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{what}</Typography.Paragraph>
        {children}
      </Flex>
    </Card>
  );
}

function GradeTable({ grades, plan }: { grades: Org[]; plan: PromotionPlan }) {
  const wide = Grid.useBreakpoint().md ?? true;
  if (grades.length === 0) return <Empty description="本校还没有年级" />;
  if (!wide) {
    return (
      <Flex vertical gap={8}>
        {grades.map((grade) => {
          const promotion = promotionOf(grade, plan);
          return (
            <Card key={grade.orgId} size="small" data-testid="year-end-grade">
              <Flex justify="space-between" align="center" gap={8}>
                <Link to={`/orgs/${grade.orgId}`} style={{ fontWeight: 500 }}>
                  {grade.name}
                </Link>
                <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                  {grade.studentCount ?? 0} 人
                </Typography.Text>
              </Flex>
              <Typography.Text type={promotion.moves ? undefined : 'secondary'}>升级后：{promotion.text}</Typography.Text>
            </Card>
          );
        })}
      </Flex>
    );
  }
  return (
    <Table<Org>
      rowKey="orgId"
      size="middle"
      pagination={false}
      dataSource={grades}
      onRow={() => ({ 'data-testid': 'year-end-grade' }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '年级', dataIndex: 'name', render: (name: string, grade) => <Link to={`/orgs/${grade.orgId}`}>{name}</Link> },
        { title: '在籍人数', dataIndex: 'studentCount', align: 'right', render: (count: number | undefined) => `${count ?? 0} 人` },
        {
          title: '升级后',
          key: 'promotion',
          render: (_, grade) => {
            const promotion = promotionOf(grade, plan);
            return promotion.moves ? promotion.text : <Typography.Text type="secondary">{promotion.text}</Typography.Text>;
          },
        },
      ]}
    />
  );
}

export default function YearEndPage() {
  const { schoolId = '' } = useParams();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job') ?? undefined;
  const [confirming, setConfirming] = useState<Batch>();
  const [chosenGrade, setChosenGrade] = useState<string>();
  const [refusal, setRefusal] = useState<Refusal>();
  const submission = useSubmissionKey();
  const registrar = me.role === 'school_registrar' && me.orgId === schoolId;

  const school = useQuery({ queryKey: ['org', schoolId], queryFn: async () => (await request(getOrgRoute, { params: { orgId: schoolId } })).data });
  const grades = useQuery({ queryKey: ['org-children', schoolId, 'all'], enabled: registrar, queryFn: () => childrenOf(schoolId) });

  const showJob = (id: string | undefined) => {
    setRefusal(undefined);
    setParams(id ? { job: id } : {}, { replace: !id });
  };

  const start = useMutation({
    mutationFn: async (batch: Batch) => {
      const headers = { 'idempotency-key': submission.keyFor(batch) };
      if (batch.kind === 'promotion') return (await request(promoteSchoolRoute, { params: { schoolId }, headers })).data;
      return (await request(graduateGradeRoute, { params: { schoolId }, body: { gradeId: batch.gradeId }, headers })).data;
    },
    onSuccess: (job) => {
      submission.reset();
      setConfirming(undefined);
      showJob(job.jobId);
    },
    onError: (error) => {
      // An answer (not a lost connection) ends this submission: the next one is another.
      if (error instanceof ApiClientError && error.status > 0) submission.reset();
      setConfirming(undefined);
      setRefusal(refusalOf(error, showJob));
    },
  });

  const title = (
    <Typography.Title level={3} style={{ margin: 0 }}>
      学年末：升级、毕业
    </Typography.Title>
  );
  if (!registrar) {
    // Those above the school may follow a job they were given the address of; starting one is the registrar's.
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1000 }}>
        {title}
        {jobId ? <JobProgress jobId={jobId} onClose={() => showJob(undefined)} /> : <ErrorState error={new ApiClientError(403, { message: '学年末升级、毕业由本校学籍管理员办理' })} />}
      </Space>
    );
  }
  if (school.isError) return <ErrorState error={school.error} onRetry={() => void school.refetch()} />;
  if (grades.isError) return <ErrorState error={grades.error} onRetry={() => void grades.refetch()} />;

  const list = grades.data ?? [];
  const plan = planOf(list);
  const gradeOptions = list.filter((grade) => (grade.studentCount ?? 0) > 0);
  // The leaving grade is the usual choice; the registrar may pick another (a school that ends early).
  const leaving = plan.leaving.length === 1 ? plan.leaving[0] : undefined;
  const graduating = chosenGrade ?? leaving;
  const confirmGrade = confirming?.kind === 'graduation' ? list.find((grade) => grade.orgId === confirming.gradeId) : undefined;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1000 }}>
      <Flex vertical gap={4}>
        {title}
        <Typography.Text type="secondary">{school.data?.name ?? ''}</Typography.Text>
      </Flex>
      {jobId && <JobProgress key={jobId} jobId={jobId} onClose={() => showJob(undefined)} />}
      {refusal && <Alert type="error" showIcon closable onClose={() => setRefusal(undefined)} title={refusal.title} description={refusal.description} data-testid="year-end-refusal" />}
      <Alert
        type="info"
        showIcon
        title="办理顺序"
        description="学年末先为毕业年级办理毕业，再升级其余年级。两者都须在本校所有学籍异动申请办结后进行；同一时间只能执行一个任务。"
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <BatchCard icon={<TrophyOutlined />} title="毕业" what="所选年级的在籍学生 (含休学) 学籍状态改为“毕业”，每名学生的变动记录中记一条“毕业”。毕业生不再出现在默认名单中，可按学籍状态“毕业”查询。">
            <Flex gap={8} wrap>
              <Select
                id="gradeId"
                aria-label="毕业年级"
                placeholder="选择毕业年级"
                style={{ minWidth: 200, flex: '1 1 200px' }}
                loading={grades.isPending}
                value={graduating}
                onChange={(value: string) => setChosenGrade(value)}
                options={gradeOptions.map((grade) => ({ value: grade.orgId, label: grade.name }))}
                notFoundContent="没有有学生的年级"
                showSearch={{ optionFilterProp: 'label' }}
              />
              <Button type="primary" disabled={!graduating} loading={start.isPending && confirming?.kind === 'graduation'} onClick={() => graduating && setConfirming({ kind: 'graduation', gradeId: graduating })}>
                办理毕业
              </Button>
            </Flex>
          </BatchCard>
        </Col>
        <Col xs={24} md={12}>
          <BatchCard
            icon={<RiseOutlined />}
            title="升级"
            what="有在籍学生的年级升一级：年级和班级名称中的年级改为高一级 (如 2025级 (二年级) → 2025级 (三年级)，二年级(1)班 → 三年级(1)班)。毕业年级 (六年级、九年级或初三、高三) 不升级。每名学生的变动记录中记一条“升级”。每学年只能升级一次。"
          >
            <div>
              <Button type="primary" disabled={grades.isPending || list.length === 0} onClick={() => setConfirming({ kind: 'promotion' })}>
                学年升级
              </Button>
            </div>
          </BatchCard>
        </Col>
      </Row>
      <Card size="small" title="本校年级">
        {grades.isPending ? <Skeleton active /> : <GradeTable grades={list} plan={plan} />}
      </Card>
      <PromotionDialog open={confirming?.kind === 'promotion'} grades={list} busy={start.isPending} onConfirm={() => start.mutate({ kind: 'promotion' })} onClose={() => setConfirming(undefined)} />
      <GraduationDialog grade={confirmGrade} busy={start.isPending} onConfirm={() => confirming && start.mutate(confirming)} onClose={() => setConfirming(undefined)} />
    </Space>
  );
}
