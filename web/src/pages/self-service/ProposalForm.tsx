// 提交校对申请: the student picks the fields that are wrong or missing, enters the right values and
// a note. One Idempotency-Key per submission: a double click or a resend after a timeout files one
// proposal. Refused values come back at `changes.<field>` and appear under their inputs.
import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Select } from 'antd';
import { useRef, useState } from 'react';
import { proposeCorrectionRoute } from '#shared/api/corrections.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { newIdempotencyKey } from '../../components/idempotency.ts';
import type { StudentView } from '../../students/RecordView.tsx';
import { CORRECTABLE, specOf } from './correctable.ts';
import { CorrectionField } from './CorrectionField.tsx';
import { studentCorrectionsKey } from './useStudentRecord.ts';

interface Values {
  fields: string[];
  changes: Record<string, unknown>;
  note?: string;
}

const OPTIONS = CORRECTABLE.map((section) => ({ label: section.title, title: section.title, options: section.fields.map((field) => ({ value: field.key, label: field.label })) }));

export function ProposalForm({ record }: { record: StudentView }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [problem, setProblem] = useState<string>();
  // Kept for the retries of one submission; a changed form is another submission.
  const key = useRef<string | undefined>(undefined);
  const chosen: string[] = Form.useWatch('fields', form) ?? [];
  const values = record as unknown as Record<string, unknown>;

  const propose = useMutation({
    mutationFn: async (body: { changes: Record<string, unknown>; note?: string }) => {
      key.current ??= newIdempotencyKey();
      return (await request(proposeCorrectionRoute, { params: { studentId: record.studentId }, body, headers: { 'idempotency-key': key.current } })).data;
    },
    onSuccess: async () => {
      void message.success('校对申请已提交，请等待学校学籍管理员审核');
      key.current = undefined;
      form.resetFields();
      await client.invalidateQueries({ queryKey: studentCorrectionsKey(record.studentId) });
    },
    onError: (error) => {
      if (!(error instanceof ApiClientError)) return setProblem('提交失败，请重试');
      if (error.code === 'REQUEST_IN_PROGRESS') return setProblem('上一次提交仍在处理中，请稍候再点“提交申请”');
      const unplaced = applyFieldErrors(form, error.fields);
      setProblem(error.fields.length === 0 || unplaced.length > 0 ? error.message : undefined);
    },
  });

  const submit = (submitted: Values) => {
    if (propose.isPending) return;
    const changes = Object.fromEntries(submitted.fields.map((field) => [field, submitted.changes[field]]));
    propose.mutate({ changes, ...(submitted.note?.trim() ? { note: submitted.note.trim() } : {}) });
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      onValuesChange={() => {
        key.current = undefined;
        setProblem(undefined);
      }}
      style={{ maxWidth: 640 }}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form.Item name="fields" label="需要更正或补充的项目" rules={[{ required: true, message: '请选择至少一项' }]}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={OPTIONS} placeholder="选择有误或缺少的项目，可多选" />
      </Form.Item>
      {chosen.map((field) => {
        const spec = specOf(field);
        return spec && <CorrectionField key={field} spec={spec} current={values[field]} />;
      })}
      <Form.Item name="note" label="说明 (选填)" extra="如：户口已迁移，附新户口本">
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={propose.isPending}>
        提交申请
      </Button>
    </Form>
  );
}
