// 学号编排 at /schools/:schoolId/numbering: the school's own student numbers (学号), given to every
// student enrolled or imported after the scheme is saved. The pattern's tokens are explained and can
// be put in with a click; the site code and a major code per grade (the school's grades, read from
// its organisation tree) are asked when the pattern uses them; each grade's first number is shown
// as it would be made. Refusals are put next to their fields, in the words the API gives.
import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { getOrgRoute, listOrgChildrenRoute } from '#shared/api/identity.ts';
import { getNumberingRoute, putNumberingRoute } from '#shared/api/imports.ts';
import { schemeProblem } from '#shared/domain/school-numbering.ts';
import { ApiClientError, request, type ResponseOf } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatTime } from '../../components/format.ts';
import { allPages } from '../../components/useCursorList.ts';
import { previewOf, schemeOf, TOKENS, type NumberingForm } from './numbering.ts';

type Grade = ResponseOf<typeof listOrgChildrenRoute>['items'][number];
type Stored = ResponseOf<typeof getNumberingRoute>['scheme'];

const CODE = /^[A-Za-z0-9]{1,6}$/;
const numberingKey = (schoolId: string) => ['numbering', schoolId];

function SchemeForm({ schoolId, grades, stored }: { schoolId: string; grades: Grade[]; stored: Stored }) {
  const [form] = Form.useForm<NumberingForm>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [majorsError, setMajorsError] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const pattern = Form.useWatch('pattern', form) ?? '';
  const site = Form.useWatch('site', form);
  const majors = Form.useWatch('majors', form);
  const scheme = schemeOf({ pattern, site, majors });
  const usesSite = pattern.includes('{site}');
  const usesMajor = pattern.includes('{major}');

  const save = useMutation({
    mutationFn: async (values: NumberingForm) => (await request(putNumberingRoute, { params: { schoolId }, body: schemeOf(values) })).data,
    onSuccess: (answer) => {
      queryClient.setQueryData(numberingKey(schoolId), answer);
      setProblem(undefined);
      void message.success('学号编排已保存，此后注册和导入的学生按新规则生成学号');
    },
    onError: (error) => {
      if (!(error instanceof ApiClientError)) return setProblem('保存失败，请重试');
      const unplaced = applyFieldErrors(form, error.fields);
      const general = unplaced.filter((field) => field.path !== 'majors');
      const major = unplaced.find((field) => field.path === 'majors');
      if (major) setMajorsError(major.message);
      setProblem(error.fields.length === 0 ? error.message : general.length > 0 ? general.map((field) => field.message).join('；') : undefined);
    },
  });

  const submit = (values: NumberingForm) => {
    // The rule the server applies, said before sending: {major} needs at least one grade's code.
    const local = schemeProblem(schemeOf(values));
    if (local?.path === 'majors') return setMajorsError(local.message);
    save.mutate(values);
  };

  /** Puts a token at the end of the pattern ({seq:N} last: others go before it). */
  const insert = (token: string) => {
    const current = (form.getFieldValue('pattern') as string | undefined) ?? '';
    const seq = /\{seq:\d\}$/.exec(current);
    const next = token.startsWith('{seq') ? `${current.replace(/\{seq:\d\}$/, '')}${token}` : seq ? `${current.slice(0, seq.index)}${token}${seq[0]}` : `${current}${token}`;
    form.setFieldValue('pattern', next);
    void form.validateFields(['pattern']);
  };

  return (
    <Form<NumberingForm>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={{ pattern: stored?.pattern ?? '{year}{seq:4}', site: stored?.site ?? '', majors: stored?.majors ?? {} }}
      onFinish={submit}
      onValuesChange={(changed: Partial<NumberingForm>) => {
        if (changed.majors || changed.pattern !== undefined) setMajorsError(undefined);
      }}
      style={{ maxWidth: 900 }}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="numbering-problem" />}
      <Form.Item
        name="pattern"
        label="学号规则"
        required
        rules={[
          { required: true, whitespace: true, message: '请填写学号规则' },
          {
            validator: async (_rule, value: string | undefined) => {
              const found = value?.trim() ? schemeProblem({ pattern: value.trim() }) : undefined;
              if (found?.path === 'pattern') throw new Error(found.message);
            },
          },
        ]}
        extra={
          <Flex vertical gap={6} style={{ marginTop: 8 }}>
            <span>由下列代号和字母、数字、短横线 (-) 组成，点击代号可插入规则：</span>
            <table style={{ borderCollapse: 'collapse' }} data-testid="numbering-tokens">
              <tbody>
                {TOKENS.map((entry) => (
                  <tr key={entry.token}>
                    <td style={{ padding: '2px 12px 2px 0', whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                      <Tag style={{ cursor: 'pointer', fontFamily: 'monospace' }} onClick={() => insert(entry.token)}>
                        {entry.token}
                      </Tag>
                    </td>
                    <td style={{ padding: '2px 0' }}>{entry.meaning}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Flex>
        }
      >
        <Input placeholder="{year}{site}{major}{seq:4}" style={{ fontFamily: 'monospace' }} maxLength={60} />
      </Form.Item>
      <Form.Item
        name="site"
        label="校区代码"
        required={usesSite}
        dependencies={['pattern']}
        rules={[
          { pattern: CODE, message: '校区代码为 1 至 6 位字母或数字' },
          { required: usesSite, whitespace: true, message: '规则含 {site}，请填写校区代码' },
        ]}
        extra={usesSite ? '规则中的 {site}，如 01 (本部)、02 (分校)。' : '规则中没有 {site}，无需填写。'}
      >
        <Input style={{ maxWidth: 200 }} maxLength={6} placeholder="如 01" />
      </Form.Item>
      <Form.Item label={`专业代码 (规则中的 {major}${usesMajor ? '，按年级填写' : '；规则中没有 {major}，无需填写'}) 与学号示例`} required={usesMajor} style={{ marginBottom: 8 }}>
        {majorsError && (
          <Typography.Text type="danger" style={{ display: 'block', marginBottom: 8 }} data-testid="majors-error">
            {majorsError}
          </Typography.Text>
        )}
        {grades.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本校还没有年级，请先在机构管理中添加" />
        ) : (
          <Table<Grade>
            size="small"
            rowKey="orgId"
            pagination={false}
            dataSource={grades}
            columns={[
              { title: '年级', dataIndex: 'name', width: 200 },
              {
                title: '专业代码',
                width: 200,
                render: (_: unknown, grade) => (
                  <Form.Item name={['majors', grade.orgId]} rules={[{ pattern: CODE, message: '专业代码为 1 至 6 位字母或数字' }]} style={{ margin: 0 }}>
                    <Input maxLength={6} placeholder={usesMajor ? '如 05' : '无需填写'} aria-label={`${grade.name}的专业代码`} />
                  </Form.Item>
                ),
              },
              {
                title: '该年级第一个学号',
                render: (_: unknown, grade) => {
                  const preview = previewOf(scheme, grade);
                  return 'number' in preview ? (
                    <Flex vertical gap={2}>
                      <Typography.Text code style={{ alignSelf: 'flex-start' }} data-testid="numbering-preview">
                        {preview.number}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="numbering-parts">
                        {preview.parts.join(' · ')}
                      </Typography.Text>
                    </Flex>
                  ) : (
                    <Typography.Text type="secondary" data-testid="numbering-preview">
                      {preview.problem}
                    </Typography.Text>
                  );
                },
              },
            ]}
          />
        )}
      </Form.Item>
      <Typography.Paragraph type="secondary">示例按各年级的入学年份和序号 1 计算；实际序号接着本前缀已发出的学号往后排，不跳号、不重复。</Typography.Paragraph>
      <Flex gap={12} align="center" wrap>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} data-testid="numbering-save">
          保存
        </Button>
        {stored && (
          <Typography.Text type="secondary" data-testid="numbering-updated">
            上次保存：{formatTime(stored.updatedAt)} ({stored.updatedBy})
          </Typography.Text>
        )}
      </Flex>
    </Form>
  );
}

export default function NumberingPage() {
  const me = useMe();
  const { schoolId = me.orgId } = useParams();
  const school = useQuery({ queryKey: ['org', schoolId], queryFn: async () => (await request(getOrgRoute, { params: { orgId: schoolId } })).data, staleTime: 5 * 60_000 });
  const scheme = useQuery({ queryKey: numberingKey(schoolId), queryFn: async () => (await request(getNumberingRoute, { params: { schoolId } })).data });
  const grades = useQuery({ queryKey: ['org-children', schoolId, 'all'], queryFn: () => allPages(async (cursor) => (await request(listOrgChildrenRoute, { params: { orgId: schoolId }, query: { limit: 100, cursor } })).data) });
  const failed = [scheme, grades].find((query) => query.isError);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1000 }}>
      <Flex align="baseline" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          学号编排
        </Typography.Title>
        <Typography.Text type="secondary">{school.data?.name ?? ''}</Typography.Text>
      </Flex>
      <Alert
        type="info"
        showIcon
        title={scheme.data?.scheme ? '本校已设置学号编排' : '本校尚未设置学号编排'}
        description={
          scheme.data?.scheme
            ? '保存后，此后新生注册和批量导入的学生按新规则生成学号；已有的学号不变。'
            : '设置后，新生注册和批量导入的学生自动按规则生成学号 (校内学号，与全国学籍号无关)；未设置时不生成。'
        }
      />
      <Card size="small">
        {failed ? (
          <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
        ) : !scheme.data || !grades.data ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <SchemeForm key={scheme.data.scheme?.updatedAt ?? 'new'} schoolId={schoolId} grades={grades.data} stored={scheme.data.scheme} />
        )}
      </Card>
    </Space>
  );
}
