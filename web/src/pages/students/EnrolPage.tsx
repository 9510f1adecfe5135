// 新生注册: the registrar fills in the national collection form; the API assigns the 全国学籍号.
// Every refusal is shown next to its field; a duplicate ID number says where the record lives; a
// look-alike without ID number is registered only after the registrar confirms it is another
// child. A retry or a double click enrols once (Idempotency-Key).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { enrolRoute } from '#shared/api/students.ts';
import { ApiClientError, request, type BodyOf, type FieldError } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { cleanValues, StudentForm, type FormValues } from '../../students/StudentForm.tsx';

const thisSeptember = () => `${new Date().getFullYear()}-09`;

const DEFAULTS: FormValues = { idType: '1', nationality: 'CHN', overseasChinese: '00', health: '10', admissionMode: '11', attendanceMode: '1', preschool: '1', enrolledOn: thisSeptember(), guardians: [] };

interface Duplicate {
  matches: { schoolName?: string; countyName?: string }[];
}

export default function EnrolPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  const [duplicate, setDuplicate] = useState<Duplicate | undefined>();
  // One key per form: a double click or a retry after a timeout enrols once; a refused request
  // frees the key, so the corrected form goes out under the same one.
  const key = useRef(crypto.randomUUID());

  const enrol = useMutation({
    mutationFn: async (body: BodyOf<typeof enrolRoute>) => (await request(enrolRoute, { body, headers: { 'idempotency-key': key.current } })).data,
    onSuccess: async (student) => {
      key.current = crypto.randomUUID();
      await queryClient.invalidateQueries({ queryKey: ['students'] });
      message.success(`已注册：${student.name}，全国学籍号 ${student.nationalStudentNo}`);
      void navigate(`/students/${student.studentId}`);
    },
    onError: (error) => {
      if (!(error instanceof ApiClientError)) return setProblem('注册失败，请重试');
      if (error.code === 'POSSIBLE_DUPLICATE') return setDuplicate(error.details as unknown as Duplicate);
      const where = error.details as { schoolName?: string; countyName?: string } | undefined;
      setProblem(error.code === 'DUPLICATE_ID_NUMBER' ? `${error.message}${where?.schoolName ? `（${where.schoolName}）` : ''}` : error.message);
      setUnplaced(applyFieldErrors(form, error.fields));
    },
  });

  if (me.role !== 'school_registrar') return <ErrorState error={new ApiClientError(403, { message: '只有学校学籍管理员可以注册学籍' })} />;

  const submit = (values: FormValues, confirmDuplicate = false) => {
    setProblem(undefined);
    setUnplaced([]);
    const body = cleanValues(values);
    enrol.mutate({ ...(body as BodyOf<typeof enrolRoute>), ...(confirmDuplicate ? { confirmDuplicate: true } : {}) });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1200 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        新生注册
      </Typography.Title>
      <Typography.Text type="secondary">带 * 的为必填项。居民身份证号填写后自动带出出生日期和性别。</Typography.Text>
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem}
          description={unplaced.length > 0 ? unplaced.map((field) => <div key={field.path}>{field.message}</div>) : undefined}
          data-testid="enrol-error"
        />
      )}
      <StudentForm form={form} schoolId={me.orgId} mode="enrol" initialValues={DEFAULTS} onFinish={(values) => submit(values)} submitting={enrol.isPending} submitLabel="注册" />
      <Modal
        open={duplicate !== undefined}
        title="疑似重复学籍"
        okText="确认不是同一人，继续注册"
        cancelText="返回核对"
        onCancel={() => setDuplicate(undefined)}
        onOk={() => {
          setDuplicate(undefined);
          submit(form.getFieldsValue(true), true);
        }}
      >
        <Typography.Paragraph>已有姓名、性别、出生日期都相同且没有身份证件号的学籍：</Typography.Paragraph>
        <ul>
          {duplicate?.matches.map((match, index) => (
            <li key={index}>{match.schoolName ?? `${match.countyName ?? ''}的其他学校`}</li>
          ))}
        </ul>
        <Typography.Paragraph>请先核实不是同一个学生 (一人只能有一个学籍)。</Typography.Paragraph>
      </Modal>
    </Space>
  );
}
