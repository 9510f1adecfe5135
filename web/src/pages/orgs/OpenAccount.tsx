// 开通账号: an account of a role below the caller's at this node, tied to a record for a student and
// to classes for a teacher. Refusals go next to their fields.
import { UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { createUserRoute } from '#shared/api/admin.ts';
import { ROLE_LABEL, type Role } from '#shared/domain/roles.ts';
import { ApiClientError, request, type BodyOf } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { useSession } from '../../auth/session.tsx';
import { useSchoolClasses } from '../../components/useSchoolClasses.ts';
import { useRosterOptions } from './account-options.ts';
import type { OrgView } from './useOrg.ts';

type Values = Omit<BodyOf<typeof createUserRoute>, 'orgId'>;

const NAME_PLACEHOLDER: Partial<Record<Role, string>> = { teacher: '如 张老师', class_advisor: '如 李老师 (班主任)', student: '如 学生姓名' };

function OpenAccountForm({ org, roles, onDone }: { org: OrgView; roles: Role[]; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const local = useSession().config?.mode === 'local';
  const [problem, setProblem] = useState<string>();
  const role = Form.useWatch('role', form);
  const roster = useRosterOptions(org.orgId, role === 'student');
  const classes = useSchoolClasses(org.orgId, role === 'teacher');

  const open = useMutation({
    mutationFn: async (values: Values) => (await request(createUserRoute, { body: { ...values, orgId: org.orgId } })).data,
    onSuccess: async (user) => {
      void message.success(`已开通${ROLE_LABEL[user.role]}账号：${user.displayName}（${user.username}）`);
      await client.invalidateQueries({ queryKey: ['org-users', org.orgId] });
      onDone();
    },
    onError: (error) => {
      if (!(error instanceof ApiClientError)) return setProblem('提交失败，请重试');
      const unplaced = applyFieldErrors(form, error.fields);
      setProblem(error.fields.length === 0 || unplaced.length > 0 ? error.message : undefined);
    },
  });

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ role: roles.length === 1 ? roles[0] : undefined }} onFinish={(values) => open.mutate(values)} onValuesChange={() => setProblem(undefined)} requiredMark="optional">
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={roles.map((value) => ({ value, label: ROLE_LABEL[value] }))} placeholder="请选择角色" />
      </Form.Item>
      <Form.Item name="username" label="用户名" extra="登录时使用：3 至 40 位小写字母、数字、点、下划线或短横线" rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}>
        <Input autoComplete="off" autoCapitalize="none" placeholder="如 zhang.laoshi" />
      </Form.Item>
      <Form.Item name="displayName" label="显示名称" rules={[{ required: true, whitespace: true, message: '请填写显示名称' }, { min: 2, message: '显示名称至少2个字' }]}>
        <Input autoComplete="off" placeholder={(role && NAME_PLACEHOLDER[role]) ?? '如 张三'} />
      </Form.Item>
      {role === 'student' && (
        <Form.Item name="studentId" label="学籍" extra="学生账号只能查看和校对这一条学籍" rules={[{ required: true, message: '请选择该学生的学籍' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={roster.isPending} options={roster.data} placeholder="从本班名单中选择" notFoundContent={roster.isError ? '名单读取失败' : '本班暂无学生'} />
        </Form.Item>
      )}
      {role === 'teacher' && (
        <Form.Item name="classIds" label="任课班级" extra="任课教师只能查看所教班级的学生 (部分信息脱敏)" rules={[{ required: true, message: '请选择任课班级' }]}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} loading={classes.isPending} options={classes.data} placeholder="选择所教班级" notFoundContent={classes.isError ? '班级读取失败' : '本校暂无班级'} />
        </Form.Item>
      )}
      {!local && (
        <Form.Item name="subject" label="身份标识 (sub)" extra="该用户在统一身份认证平台中的账号标识" rules={[{ required: true, whitespace: true, message: '请填写身份标识' }]}>
          <Input autoComplete="off" />
        </Form.Item>
      )}
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>取消</Button>
        <Button type="primary" htmlType="submit" loading={open.isPending}>
          开通账号
        </Button>
      </Flex>
    </Form>
  );
}

export function OpenAccount({ org, roles }: { org: OrgView; roles: Role[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" icon={<UserAddOutlined />} onClick={() => setOpen(true)}>
        开通账号
      </Button>
      <Modal open={open} title={`在「${org.name}」开通账号`} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <OpenAccountForm org={org} roles={roles} onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}
