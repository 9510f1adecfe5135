// 办理异动 at /students/:studentId/changes/new?type=…: the school registrar applies for a status
// change of one of its students. Only the kinds the record's status allows are offered
// (FILED_FROM), each with its own form; the application is shown once more for confirmation, then
// filed under an Idempotency-Key. Refusals land under their fields; an open case is linked.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { fileChangeRoute } from '#shared/api/changes.ts';
import type { ChangeType } from '#shared/domain/changes/kinds.ts';
import { GENDER, ID_TYPE } from '#shared/domain/code-tables.ts';
import { ApiClientError, request, type BodyOf } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { RecordStatusTag } from '../../students/RecordStatusTag.tsx';
import { useClassName, type StudentView } from '../../students/RecordView.tsx';
import { useStudentRecord } from '../self-service/useStudentRecord.ts';
import { CHANGES_KEY } from './case.ts';
import { ClassItem, DateItem, ReasonItem } from './fields.tsx';
import { FilingAlert } from './FilingAlert.tsx';
import { CHANGE_TYPE_LABEL, kindsFor } from './labels.ts';
import { CLASS_LABEL, KEY_FIELD_LABELS, ON_LABEL, RequestDetails, showKeyField } from './RequestDetails.tsx';
import { filingProblem, useSubmissionKey, type FilingProblem } from './submission.ts';
import { TASKS_KEY } from './useTaskSummary.ts';

type Body = BodyOf<typeof fileChangeRoute>;
type Values = Record<string, unknown> & { changes?: Record<string, unknown> };

const KEY_FIELDS = ['name', 'gender', 'birthDate', 'idType', 'idNumber'] as const;
const codeOptions = (table: Record<string, string>) => Object.entries(table).map(([value, label]) => ({ value, label }));

const EXITS: readonly ChangeType[] = ['dropout', 'abroad', 'death', 'withdraw'];
const REASON_HINT: Partial<Record<ChangeType, string>> = {
  leave: '如：因病需长期治疗，附医院证明',
  dropout: '如：连续四周未到校，经家访劝返无效',
  abroad: '如：随父母出境定居',
  withdraw: '如：家长申请退学',
  repeat: '如：因病缺课较多，家长申请留级',
  skip: '如：学业优异，经学校考核同意跳级',
  majorChange: '如：学生本人申请，经学校同意',
  keyFieldChange: '如：户口簿姓名已变更，附户口簿复印件',
};

/** The fields a key-field change asks to change: the ones whose value differs from the record's. */
function changedKeyFields(record: StudentView, values: Values): Record<string, string> {
  const current = record as unknown as Record<string, unknown>;
  return Object.fromEntries(
    KEY_FIELDS.flatMap((field) => {
      const value = typeof values.changes?.[field] === 'string' ? (values.changes[field] as string).trim() : undefined;
      return value && value !== (current[field] ?? '') ? [[field, value]] : [];
    }),
  );
}

function bodyOf(type: ChangeType, record: StudentView, values: Values): Body | undefined {
  const reason = typeof values.reason === 'string' && values.reason.trim() ? values.reason.trim() : undefined;
  const base = { type, studentId: record.studentId, ...(reason ? { reason } : {}) };
  if (type === 'keyFieldChange') {
    const changes = changedKeyFields(record, values);
    return Object.keys(changes).length === 0 ? undefined : ({ ...base, changes } as Body);
  }
  const picked = Object.fromEntries(['from', 'until', 'on', 'toClassId'].flatMap((key) => (values[key] ? [[key, values[key]]] : [])));
  return { ...base, ...picked } as Body;
}

function KindFields({ type, record }: { type: ChangeType; record: StudentView }) {
  const current = record as unknown as Record<string, unknown>;
  if (type === 'leave') {
    return (
      <>
        <Flex gap={16} wrap>
          <div style={{ flex: '1 1 200px' }}>
            <DateItem name="from" label="休学开始日期" />
          </div>
          <div style={{ flex: '1 1 200px' }}>
            <DateItem name="until" label="休学结束日期" />
          </div>
        </Flex>
        <ReasonItem label="休学原因" placeholder={REASON_HINT.leave} />
      </>
    );
  }
  if (type === 'return' || type === 'repeat' || type === 'skip' || type === 'majorChange') {
    return (
      <>
        <ClassItem schoolId={record.schoolId} type={type} label={CLASS_LABEL[type]!} grade={record.grade} classId={record.classId} />
        {type === 'return' ? <ReasonItem label="说明" required={false} /> : <ReasonItem placeholder={REASON_HINT[type]} />}
      </>
    );
  }
  if (EXITS.includes(type)) {
    return (
      <>
        <DateItem name="on" label={ON_LABEL[type]!} />
        <ReasonItem placeholder={REASON_HINT[type]} />
      </>
    );
  }
  // keyFieldChange: the five key fields, filled with their values now; only changed ones are sent.
  const now = (field: string) => `现为：${showKeyField(field, current[field])}`;
  return (
    <>
      <Typography.Paragraph type="secondary">改动需要变更的项目，未改动的项目不会提交。涉及出生日期、身份证件的变更，一般还须市级教育局审核。</Typography.Paragraph>
      <Flex gap={16} wrap>
        <Form.Item name={['changes', 'name']} label={KEY_FIELD_LABELS.name} extra={now('name')} style={{ flex: '1 1 220px' }}>
          <Input aria-label={KEY_FIELD_LABELS.name} maxLength={50} />
        </Form.Item>
        <Form.Item name={['changes', 'gender']} label={KEY_FIELD_LABELS.gender} extra={now('gender')} style={{ flex: '1 1 220px' }}>
          <Select options={codeOptions(GENDER)} aria-label={KEY_FIELD_LABELS.gender} />
        </Form.Item>
        <div style={{ flex: '1 1 220px' }}>
          <DateItem name={['changes', 'birthDate']} label={KEY_FIELD_LABELS.birthDate!} required={false} extra={now('birthDate')} />
        </div>
      </Flex>
      <Flex gap={16} wrap>
        <Form.Item name={['changes', 'idType']} label={KEY_FIELD_LABELS.idType} extra={now('idType')} style={{ flex: '1 1 220px' }}>
          <Select options={codeOptions(ID_TYPE)} aria-label={KEY_FIELD_LABELS.idType} />
        </Form.Item>
        <Form.Item name={['changes', 'idNumber']} label={KEY_FIELD_LABELS.idNumber} extra={now('idNumber')} style={{ flex: '2 1 300px' }}>
          <Input aria-label={KEY_FIELD_LABELS.idNumber} maxLength={30} />
        </Form.Item>
      </Flex>
      <ReasonItem label="变更原因" placeholder={REASON_HINT.keyFieldChange} />
    </>
  );
}

function ApplyForm({ type, record }: { type: ChangeType; record: StudentView }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<FilingProblem>();
  const [confirming, setConfirming] = useState<Body>();
  const submission = useSubmissionKey();
  const current = record as unknown as Record<string, unknown>;
  const initialValues: Values = type === 'keyFieldChange' ? { changes: Object.fromEntries(KEY_FIELDS.map((field) => [field, current[field]])) } : {};

  const file = useMutation({
    mutationFn: async (body: Body) => (await request(fileChangeRoute, { body, headers: { 'idempotency-key': submission.keyFor(body) } })).data,
    onSuccess: async (change) => {
      submission.reset();
      setConfirming(undefined);
      void message.success(`${CHANGE_TYPE_LABEL[type]}申请已提交，等待${change.steps[0]?.orgName ?? '上级'}审核`);
      await Promise.all([queryClient.invalidateQueries({ queryKey: CHANGES_KEY }), queryClient.invalidateQueries({ queryKey: TASKS_KEY })]);
      void navigate(`/changes/${change.changeId}`, { state: { filed: true } });
    },
    onError: (error) => {
      setConfirming(undefined);
      setProblem(filingProblem(form, error));
    },
  });

  return (
    <Card title={`${CHANGE_TYPE_LABEL[type]}申请`} size="small">
      {problem && (
        <div style={{ marginBottom: 16 }}>
          <FilingAlert problem={problem} />
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => {
          setProblem(undefined);
          const body = bodyOf(type, record, values);
          if (!body) {
            setProblem({ title: '没有修改任何关键信息', lines: ['请改动需要变更的项目后再提交。'] });
            return;
          }
          setConfirming(body);
        }}
        scrollToFirstError={{ block: 'center' }}
      >
        <KindFields type={type} record={record} />
        <Flex justify="flex-end" gap={8}>
          <Link to={`/students/${record.studentId}`}>
            <Button>取消</Button>
          </Link>
          <Button type="primary" htmlType="submit">
            提交申请
          </Button>
        </Flex>
      </Form>
      <Modal
        open={confirming !== undefined}
        title={`确认提交${CHANGE_TYPE_LABEL[type]}申请`}
        okText="确认提交"
        cancelText="返回修改"
        confirmLoading={file.isPending}
        onOk={() => confirming && file.mutate(confirming)}
        onCancel={() => setConfirming(undefined)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          为 <Typography.Text strong>{record.name}</Typography.Text> 提交{CHANGE_TYPE_LABEL[type]}申请。提交后依次送上级审核，全部审核通过后学籍才会变更。
        </Typography.Paragraph>
        {confirming && <RequestDetails type={type} request={confirming as unknown as Record<string, unknown>} before={current} column={1} />}
      </Modal>
    </Card>
  );
}

function StudentSummary({ record }: { record: StudentView }) {
  const klass = useClassName(record.classId);
  return (
    <Card size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'name', label: '姓名', children: <Link to={`/students/${record.studentId}`}>{record.name}</Link> },
          { key: 'no', label: '全国学籍号', children: record.nationalStudentNo },
          { key: 'class', label: '班级', children: klass.data?.name ?? record.classId },
          { key: 'status', label: '学籍状态', children: <RecordStatusTag status={record.status} /> },
        ]}
      />
    </Card>
  );
}

export default function ApplyChangePage() {
  const { studentId = '' } = useParams();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const student = useStudentRecord(studentId);

  if (me.role !== 'school_registrar') return <ErrorState error={new ApiClientError(403, { message: '学籍异动申请由学校学籍管理员提交' })} />;
  if (student.isPending) return <Skeleton active />;
  if (student.isError) return <ErrorState error={student.error} onRetry={() => void student.refetch()} />;
  const { record } = student.data;
  const kinds = record.deleted ? [] : kindsFor(record.status);
  const type = kinds.find((kind) => kind === params.get('type'));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          办理异动
        </Typography.Title>
        <Link to={`/students/${studentId}`}>返回学籍档案</Link>
      </Flex>
      <StudentSummary record={record} />
      {kinds.length === 0 ? (
        <Card>
          <Empty description={record.deleted ? '该学籍已删除，不能办理异动' : '该学生现在的学籍状态不能办理异动'} />
        </Card>
      ) : (
        <Card size="small" title="异动类型">
          <Radio.Group
            value={type}
            optionType="button"
            buttonStyle="solid"
            onChange={(event) => setParams({ type: event.target.value as string }, { replace: true })}
            options={kinds.map((kind) => ({ value: kind, label: CHANGE_TYPE_LABEL[kind] }))}
            style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
            aria-label="异动类型"
          />
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            只列出该学生现在的学籍状态可以办理的异动。转学由转入学校在“转入申请”中提交。
          </Typography.Paragraph>
        </Card>
      )}
      {type && <ApplyForm key={type} type={type} record={record} />}
    </Space>
  );
}
