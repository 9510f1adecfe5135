// 新增下级机构: code and name of a new child, checked as the server checks it; a taken or refused
// code is told next to the field, and the list shows the new node at once.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { createOrgRoute } from '#shared/api/admin.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { codeProblem, type Hints } from './code-hints.ts';
import type { OrgView } from './useOrg.ts';

interface Values {
  code: string;
  name: string;
}

function AddChildForm({ parent, label, hints, onDone }: { parent: OrgView; label: string; hints: Hints; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [problem, setProblem] = useState<string>();
  const create = useMutation({
    mutationFn: async (values: Values) => (await request(createOrgRoute, { params: { orgId: parent.orgId }, body: values })).data,
    onSuccess: async (org) => {
      void message.success(`已新增${label}：${org.name}（代码 ${org.code}）`);
      await client.invalidateQueries({ queryKey: ['org-children', parent.orgId] });
      // A new grade or class belongs in its school's class drop-downs at once.
      await client.invalidateQueries({ queryKey: ['school-classes'] });
      onDone();
    },
    onError: (error) => {
      if (!(error instanceof ApiClientError)) return setProblem('提交失败，请重试');
      const unplaced = applyFieldErrors(form, error.fields);
      setProblem(error.fields.length === 0 || unplaced.length > 0 ? error.message : undefined);
    },
  });
  // The code is checked when the field is left; while it is edited, an earlier complaint goes.
  const edited = (changed: Partial<Values>) => {
    setProblem(undefined);
    if ('code' in changed) form.setFields([{ name: 'code', errors: [] }]);
  };
  const checkCode = async (_: unknown, value?: string) => {
    const text = value && codeProblem(parent, value);
    if (text) throw new Error(text);
  };
  return (
    <Form<Values> form={form} layout="vertical" onFinish={(values) => create.mutate(values)} onValuesChange={edited} requiredMark="optional">
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="code"
        label="代码"
        extra={hints.code}
        rules={[{ required: true, whitespace: true, message: '请填写代码' }, { validator: checkCode }]}
        validateTrigger="onBlur"
      >
        <Input placeholder={hints.codePlaceholder} autoComplete="off" inputMode="numeric" />
      </Form.Item>
      <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { min: 2, message: '名称至少2个字' }, { max: 60, message: '名称不能超过60个字' }]}>
        <Input placeholder={hints.namePlaceholder} autoComplete="off" />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>取消</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          新增{label}
        </Button>
      </Flex>
    </Form>
  );
}

export function AddChildOrg({ parent, label, hints }: { parent: OrgView; label: string; hints: Hints }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        新增{label}
      </Button>
      <Modal open={open} title={`在「${parent.name}」下新增${label}`} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <AddChildForm parent={parent} label={label} hints={hints} onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}
