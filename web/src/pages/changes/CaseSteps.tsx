// The whole chain of a case, so nobody sends a parent to the wrong office: the application, then
// each organisation in order with its role, who decided and when, the comment, the day it was
// due by (逾期 past it), and the end. A step approved but not yet handed on says so.
import { LoadingOutlined } from '@ant-design/icons';
import { Flex, Steps, Tag, Typography } from 'antd';
import { ROLE_LABEL } from '#shared/domain/roles.ts';
import { formatTime } from '../../components/format.ts';
import { isAdvancing, isOverdue, type Change, type Step } from './case.ts';
import { STEP_STATUS_LABEL } from './labels.ts';

const STATUS: Record<Step['status'], 'wait' | 'process' | 'finish' | 'error'> = { waiting: 'wait', current: 'process', approved: 'finish', rejected: 'error', skipped: 'wait' };
const TAG: Record<Step['status'], string> = { waiting: 'default', current: 'processing', approved: 'success', rejected: 'error', skipped: 'default' };

function StepContent({ step, handingOn, last }: { step: Step; handingOn: boolean; last: boolean }) {
  const overdue = isOverdue(step);
  return (
    <Flex vertical gap={2} style={{ paddingBottom: 8 }} data-testid="case-step">
      <Flex gap={4} wrap align="center">
        <Tag color={TAG[step.status]}>{STEP_STATUS_LABEL[step.status]}</Tag>
        {overdue && <Tag color="red">逾期</Tag>}
      </Flex>
      {step.by && (
        <Typography.Text>
          {step.by.displayName}
          {step.at && <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}> · {formatTime(step.at)}</Typography.Text>}
        </Typography.Text>
      )}
      {step.comment && <Typography.Text data-testid="step-comment">意见：{step.comment}</Typography.Text>}
      {step.startedAt && step.status === 'current' && <Typography.Text type="secondary">收到：{formatTime(step.startedAt)}</Typography.Text>}
      {step.dueBy && (step.status === 'current' || overdue) && (
        <Typography.Text type={overdue ? 'danger' : 'secondary'}>办理期限：{step.dueBy}</Typography.Text>
      )}
      {handingOn && (
        <Typography.Text type="secondary">
          <LoadingOutlined /> {last ? '正在办结…' : '正在转交下一步…'}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function CaseSteps({ change }: { change: Change }) {
  const advancing = isAdvancing(change);
  const items = [
    {
      key: 'apply',
      status: 'finish' as const,
      title: `${change.applicant.orgName} · 提交申请`,
      content: (
        <Typography.Text type="secondary" style={{ display: 'block', paddingBottom: 8 }}>
          {change.applicant.displayName} <span style={{ whiteSpace: 'nowrap' }}>· {formatTime(change.createdAt)}</span>
        </Typography.Text>
      ),
    },
    ...change.steps.map((step, index) => ({
      key: `step-${index}`,
      status: STATUS[step.status],
      title: `${step.orgName} · ${ROLE_LABEL[step.role]}审核`,
      content: <StepContent step={step} handingOn={advancing && index === change.currentStep} last={index === change.steps.length - 1} />,
    })),
  ];
  if (change.status === 'approved' || change.status === 'cancelled') {
    items.push({
      key: 'end',
      status: change.status === 'approved' ? ('finish' as const) : ('wait' as const),
      title: change.status === 'approved' ? `办结：${change.type === 'gradeCorrection' ? '成绩已更正' : '学籍已变更'}` : '申请已撤销',
      content: (
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {change.completedAt ? formatTime(change.completedAt) : ''}
        </Typography.Text>
      ),
    });
  }
  return <Steps orientation="vertical" size="small" items={items} data-testid="case-steps" />;
}
