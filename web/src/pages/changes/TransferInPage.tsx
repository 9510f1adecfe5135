// 转入申请 at /changes/transfer-in: the receiving school's registrar finds a student of another
// school by 全国学籍号 and 姓名 (or 转出学校 and 姓名; a child without household registration by a
// guardian's ID number and 姓名), chooses the class it joins here, gives the reason and files the
// transfer. The sending side then decides in order. A mismatch says only that
// the two do not match, never which one is wrong.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { fileChangeRoute } from '#shared/api/changes.ts';
import { ApiClientError, request, type BodyOf } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { CHANGES_KEY } from './case.ts';
import { ClassItem, ReasonItem } from './fields.tsx';
import { FilingAlert } from './FilingAlert.tsx';
import { RequestDetails } from './RequestDetails.tsx';
import { filingProblem, useSubmissionKey, type FilingProblem } from './submission.ts';
import { TASKS_KEY } from './useTaskSummary.ts';

type Body = Extract<BodyOf<typeof fileChangeRoute>, { type: 'transfer' }>;
interface Values {
  by: 'number' | 'school' | 'guardian';
  nationalStudentNo?: string;
  fromSchoolId?: string;
  guardianIdNumber?: string;
  name?: string;
  toClassId?: string;
  reason?: string;
}

const NOT_FOUND_HINT = '查找信息与姓名须和转出学校登记的学籍完全一致。请向家长核对后重试 (姓名注意形近字，如 淞/凇)。';

/** How the student is found, and the field that says it. */
function lookupOf(values: Values): Pick<Body, 'nationalStudentNo' | 'fromSchoolId' | 'guardianIdNumber'> {
  if (values.by === 'school') return { fromSchoolId: values.fromSchoolId!.trim() };
  if (values.by === 'guardian') return { guardianIdNumber: values.guardianIdNumber!.trim().toUpperCase() };
  return { nationalStudentNo: values.nationalStudentNo!.trim().toUpperCase() };
}

export default function TransferInPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const by = Form.useWatch('by', form) ?? 'number';
  const [problem, setProblem] = useState<FilingProblem>();
  const [confirming, setConfirming] = useState<Body>();
  const submission = useSubmissionKey();

  const file = useMutation({
    mutationFn: async (body: Body) => (await request(fileChangeRoute, { body, headers: { 'idempotency-key': submission.keyFor(body) } })).data,
    onSuccess: async (change) => {
      submission.reset();
      setConfirming(undefined);
      void message.success(`转学申请已提交，等待${change.steps[0]?.orgName ?? '上级'}审核`);
      await Promise.all([queryClient.invalidateQueries({ queryKey: CHANGES_KEY }), queryClient.invalidateQueries({ queryKey: TASKS_KEY })]);
      void navigate(`/changes/${change.changeId}`, { state: { filed: true } });
    },
    onError: (error) => {
      setConfirming(undefined);
      setProblem(filingProblem(form, error));
    },
  });

  if (me.role !== 'school_registrar') return <ErrorState error={new ApiClientError(403, { message: '转学由转入学校的学籍管理员申请' })} />;

  const submit = (values: Values) => {
    setProblem(undefined);
    setConfirming({ type: 'transfer', ...lookupOf(values), name: values.name!.trim(), toClassId: values.toClassId!, reason: values.reason!.trim() });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        转入申请
      </Typography.Title>
      <Typography.Text type="secondary">
        学生从外校转入本校时，由本校提交转学申请；转出学校和两地教育局依次审核通过后，学籍转入本校所选班级。
      </Typography.Text>
      {problem && <FilingAlert problem={problem} notFoundHint={NOT_FOUND_HINT} />}
      <Form<Values> form={form} layout="vertical" initialValues={{ by: 'number' }} onFinish={submit} scrollToFirstError={{ block: 'center' }}>
        <Card size="small" title="查找转入学生" style={{ marginBottom: 16 }}>
          <Form.Item name="by" label="查找方式">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'number', label: '全国学籍号 + 姓名' },
                { value: 'school', label: '转出学校 + 姓名' },
                { value: 'guardian', label: '监护人身份证件号 + 姓名' },
              ]}
              onChange={() => setProblem(undefined)}
            />
          </Form.Item>
          <Flex gap={16} wrap>
            {by === 'number' ? (
              <Form.Item
                name="nationalStudentNo"
                label="全国学籍号"
                style={{ flex: '2 1 280px' }}
                rules={[
                  { required: true, whitespace: true, message: '请填写全国学籍号' },
                  { pattern: /^\s*[GLJglj][0-9Xx]{17,18}\s*$/, message: '全国学籍号为 G、L 或 J 加 17 至 18 位数字' },
                ]}
              >
                <Input placeholder="如 G440106201503150023" maxLength={20} aria-label="全国学籍号" />
              </Form.Item>
            ) : by === 'guardian' ? (
              <Form.Item
                name="guardianIdNumber"
                label="监护人身份证件号"
                style={{ flex: '2 1 280px' }}
                extra="无户籍儿童 (临时学籍号) 按登记的监护人居民身份证号查找"
                rules={[
                  { required: true, whitespace: true, message: '请填写监护人身份证件号' },
                  { pattern: /^\s*\d{17}[\dXx]\s*$/, message: '请填写 18 位居民身份证号' },
                ]}
              >
                <Input maxLength={18} aria-label="监护人身份证件号" />
              </Form.Item>
            ) : (
              <Form.Item
                name="fromSchoolId"
                label="转出学校标识码"
                style={{ flex: '2 1 280px' }}
                extra="10 位学校标识码，可向转出学校询问"
                rules={[{ required: true, whitespace: true, message: '请填写转出学校的学校标识码' }]}
              >
                <Input placeholder="如 2144010601" maxLength={20} inputMode="numeric" aria-label="转出学校标识码" />
              </Form.Item>
            )}
            <Form.Item name="name" label="姓名" style={{ flex: '1 1 200px' }} rules={[{ required: true, whitespace: true, message: '请填写学生姓名' }]} extra="与学籍登记的姓名完全一致">
              <Input maxLength={50} aria-label="姓名" />
            </Form.Item>
          </Flex>
        </Card>
        <Card size="small" title="转入本校" style={{ marginBottom: 16 }}>
          <ClassItem schoolId={me.orgId} type="transfer" label="转入班级" />
          <ReasonItem label="转学原因" placeholder="如：随父母工作调动迁居本区" />
        </Card>
        <Flex justify="flex-end">
          <Button type="primary" htmlType="submit">
            提交转学申请
          </Button>
        </Flex>
      </Form>
      <Modal
        open={confirming !== undefined}
        title="确认提交转学申请"
        okText="确认提交"
        cancelText="返回修改"
        confirmLoading={file.isPending}
        onOk={() => confirming && file.mutate(confirming)}
        onCancel={() => setConfirming(undefined)}
        destroyOnHidden
      >
        {confirming && (
          <>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'name', label: '学生', children: confirming.name },
                confirming.nationalStudentNo
                  ? { key: 'no', label: '全国学籍号', children: confirming.nationalStudentNo }
                  : confirming.guardianIdNumber
                    ? { key: 'guardian', label: '监护人身份证件号', children: confirming.guardianIdNumber }
                    : { key: 'school', label: '转出学校标识码', children: confirming.fromSchoolId },
              ]}
            />
            <RequestDetails type="transfer" request={confirming as unknown as Record<string, unknown>} column={1} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              提交时系统按以上信息查找学生；找到后申请依次送审，学籍在全部审核通过后转入本校。
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </Space>
  );
}
