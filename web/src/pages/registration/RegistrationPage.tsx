// 学信网注册设置 at /schools/:schoolId/registration: what the 学信网 registration files (导出:
// 新生、学年、毕业生注册, certificate numbers) need that the records do not carry. The institution
// (院校代码, its registered name, 办学类型, 成人教育) and, per grade of the school (read from its
// organisation tree), the programme its students are registered under; a grade may have none
// (未设置: its students are left out of the files). The codes are checked before sending by the
// rules the server applies (shared/domain/exports/chsi-settings.ts), and any refusal is put next to
// its field in the API's words. The bureaus above may read it; only the school's registrar saves.
import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Card, Col, Empty, Flex, Form, Input, InputNumber, Row, Select, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { getOrgRoute, listOrgChildrenRoute } from '#shared/api/identity.ts';
import { getRegistrationRoute, putRegistrationRoute } from '#shared/api/registration.ts';
import { MAX_YEARS, settingsProblems } from '#shared/domain/exports/chsi-settings.ts';
import { ApiClientError, request, type FieldError, type ResponseOf } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatTime } from '../../components/format.ts';
import { allPages } from '../../components/useCursorList.ts';
import { bodyOf, formOf, LEVEL_OPTIONS, SCHOOL_TYPE_OPTIONS, startingProgramme, STUDY_FORMS, type RegistrationForm } from './registration.ts';

type Grade = ResponseOf<typeof listOrgChildrenRoute>['items'][number];
type Stored = ResponseOf<typeof getRegistrationRoute>['settings'];

const registrationKey = (schoolId: string) => ['registration', schoolId];
const required = (label: string) => ({ required: true, whitespace: true, message: `请填写${label}` });
/**
 * Three or four fields a line on a wide screen, two on a narrow one. On a phone the short fields go
 * in pairs (code and 层次, 学制 and 学习形式), the others a line each: `phone` is the field's place there.
 */
const cell = (lg: number, phone?: { order: number; span: number }) => ({ xs: phone ?? 24, sm: { span: 12, order: 0 }, lg: { span: lg, order: 0 } });

function ProgrammeFields({ grade }: { grade: Grade }) {
  const name = (field: string) => ['grades', grade.orgId, field];
  return (
    <Row gutter={16}>
      <Col {...cell(6, { order: 1, span: 12 })}>
        <Form.Item name={name('majorCode')} label="专业代码" rules={[required('专业代码')]}>
          <Input maxLength={10} inputMode="numeric" placeholder="如 510201" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Col>
      <Col {...cell(10, { order: 3, span: 24 })}>
        <Form.Item name={name('majorName')} label="专业名称" rules={[required('专业名称')]}>
          <Input maxLength={60} placeholder="如 计算机应用技术" />
        </Form.Item>
      </Col>
      <Col {...cell(4, { order: 2, span: 12 })}>
        <Form.Item name={name('level')} label="层次" rules={[{ required: true, message: '请选择层次' }]}>
          <Select options={LEVEL_OPTIONS} placeholder="请选择" />
        </Form.Item>
      </Col>
      <Col {...cell(4, { order: 4, span: 12 })}>
        <Form.Item name={name('years')} label="学制" rules={[{ required: true, message: '请填写学制' }]}>
          <InputNumber min={1} max={MAX_YEARS} precision={0} suffix="年" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col {...cell(6, { order: 5, span: 12 })}>
        <Form.Item name={name('studyForm')} label="学习形式" rules={[required('学习形式')]}>
          <AutoComplete options={STUDY_FORMS} maxLength={20} placeholder="如 普通全日制" />
        </Form.Item>
      </Col>
      <Col {...cell(10, { order: 6, span: 24 })}>
        <Form.Item name={name('department')} label="分院">
          <Input maxLength={60} placeholder="如 信息工程系" />
        </Form.Item>
      </Col>
      <Col {...cell(8, { order: 7, span: 24 })}>
        <Form.Item name={name('station')} label="系所函授站">
          <Input maxLength={60} placeholder="成人教育的函授站，可不填" />
        </Form.Item>
      </Col>
    </Row>
  );
}

function SettingsForm({ schoolId, schoolName, grades, stored, canEdit }: { schoolId: string; schoolName: string | undefined; grades: Grade[]; stored: Stored; canEdit: boolean }) {
  const [form] = Form.useForm<RegistrationForm>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string>();
  // The grades given a programme; the others are 未设置. Settings of a grade the school no longer has are dropped on saving.
  const [chosen, setChosen] = useState<string[]>(() => grades.map((grade) => grade.orgId).filter((gradeId) => stored?.grades[gradeId]));
  const gone = Object.keys(stored?.grades ?? {}).filter((gradeId) => !grades.some((grade) => grade.orgId === gradeId));
  const gradeName = (gradeId: string) => grades.find((grade) => grade.orgId === gradeId)?.name ?? gradeId;

  /** Puts each refusal at its field; those the form has no field for (a grade gone meanwhile) go above it. */
  const show = (fields: FieldError[], fallback: string) => {
    const unplaced = applyFieldErrors(form, fields);
    const words = unplaced.map((field) => {
      const grade = /^grades\.([^.]+)/.exec(field.path)?.[1];
      return grade ? `${gradeName(grade)}：${field.message}` : field.message;
    });
    setProblem(fields.length === 0 ? fallback : words.length > 0 ? words.join('；') : undefined);
  };

  const save = useMutation({
    mutationFn: async (body: ReturnType<typeof bodyOf>) => (await request(putRegistrationRoute, { params: { schoolId }, body })).data,
    onSuccess: (answer) => {
      queryClient.setQueryData(registrationKey(schoolId), answer);
      setProblem(undefined);
      void message.success('学信网注册设置已保存');
    },
    onError: (error) => (error instanceof ApiClientError ? show(error.fields, error.message) : setProblem('保存失败，请重试')),
  });

  const submit = (values: RegistrationForm) => {
    const body = bodyOf(values, chosen);
    // The codes, checked by the rules the server applies, in its words: nothing is sent while one is wrong.
    const local = settingsProblems(body);
    if (local.length > 0) return show(local, '');
    save.mutate(body);
  };

  const choose = (gradeId: string) => {
    // A grade set, cleared and set again gets its own values back; a new one starts from another's.
    const values = form.getFieldsValue(true) as RegistrationForm;
    if (!values.grades?.[gradeId]?.majorCode) form.setFieldValue(['grades', gradeId], startingProgramme(values, chosen));
    setChosen((current) => grades.map((grade) => grade.orgId).filter((id) => id === gradeId || current.includes(id)));
  };
  const clear = (gradeId: string) => setChosen((current) => current.filter((id) => id !== gradeId));

  return (
    <Form<RegistrationForm> form={form} layout="vertical" requiredMark="optional" initialValues={formOf(stored, schoolName)} onFinish={submit} scrollToFirstError={{ block: 'center' }} disabled={!canEdit}>
      <Flex vertical gap={16}>
        {problem && <Alert type="error" showIcon title={problem} data-testid="registration-problem" />}
        <Card size="small" title="院校">
          <Row gutter={16}>
            <Col {...cell(6)}>
              <Form.Item name="institutionCode" label="院校代码" rules={[required('院校代码')]} extra="5 位数字，教育部颁发">
                <Input maxLength={10} inputMode="numeric" placeholder="如 90603" style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            </Col>
            <Col {...cell(10)}>
              <Form.Item name="schoolName" label="院校名称" rules={[required('院校名称')]} extra="在学信网登记的名称">
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col {...cell(8)}>
              <Form.Item name="schoolType" label="办学类型" rules={[{ required: true, message: '请选择办学类型' }]} extra="毕业证书编号中院校代码后的一位">
                <Select options={SCHOOL_TYPE_OPTIONS} />
              </Form.Item>
            </Col>
            <Col span={24}>
              {/* A yes or no, always answered: no (可选) mark. */}
              <Form.Item name="adultEducation" label="成人教育" valuePropName="checked" required extra="成人高校的注册文件另加院校代码、院校名称两列 (YXDM、YXMC)" style={{ marginBottom: 0 }}>
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Flex vertical gap={4}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            各年级的专业
          </Typography.Title>
          <Typography.Text type="secondary">每个年级按一个专业注册，专业代码为国家专业目录的 6 位数字。未设置的年级，其学生不出现在学信网注册文件中。</Typography.Text>
        </Flex>
        {gone.length > 0 && <Alert type="warning" showIcon title={`另有 ${gone.length} 个已不在本校的年级的设置，保存时将移除`} />}
        {grades.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本校还没有年级，请先在机构管理中添加" />
        ) : (
          grades.map((grade) => {
            const set = chosen.includes(grade.orgId);
            return (
              <Card
                key={grade.orgId}
                size="small"
                data-testid="registration-grade"
                data-grade-id={grade.orgId}
                title={
                  <Flex align="center" gap={8} wrap>
                    <span>{grade.name}</span>
                    {set ? <Tag color="success">已设置</Tag> : <Tag>未设置</Tag>}
                  </Flex>
                }
                extra={
                  canEdit &&
                  (set ? (
                    <Button type="link" size="small" onClick={() => clear(grade.orgId)} data-testid="registration-clear">
                      不设置
                    </Button>
                  ) : (
                    <Button type="link" size="small" onClick={() => choose(grade.orgId)} data-testid="registration-choose">
                      设置专业
                    </Button>
                  ))
                }
                styles={set ? { body: { paddingBottom: 0 } } : undefined}
              >
                {set ? (
                  <ProgrammeFields grade={grade} />
                ) : (
                  <Typography.Text type="secondary" data-testid="registration-unset">
                    该年级的学生暂不出现在学信网注册文件中{canEdit ? '；点「设置专业」填写' : ''}。
                  </Typography.Text>
                )}
              </Card>
            );
          })
        )}

        <Typography.Text type="secondary">保存后，此后导出的学信网注册文件按新的设置生成；已编的毕业证书编号不变。</Typography.Text>
        <Flex gap={12} align="center" wrap>
          {canEdit && (
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} data-testid="registration-save">
              保存
            </Button>
          )}
          {stored && (
            <Typography.Text type="secondary" data-testid="registration-updated">
              上次保存：{formatTime(stored.updatedAt)} ({stored.updatedBy})
            </Typography.Text>
          )}
        </Flex>
      </Flex>
    </Form>
  );
}

export default function RegistrationPage() {
  const me = useMe();
  const { schoolId = me.orgId } = useParams();
  const canEdit = me.role === 'school_registrar' && me.orgId === schoolId;
  const school = useQuery({ queryKey: ['org', schoolId], queryFn: async () => (await request(getOrgRoute, { params: { orgId: schoolId } })).data, staleTime: 5 * 60_000 });
  const settings = useQuery({ queryKey: registrationKey(schoolId), queryFn: async () => (await request(getRegistrationRoute, { params: { schoolId } })).data });
  const grades = useQuery({
    queryKey: ['org-children', schoolId, 'all'],
    queryFn: () => allPages(async (cursor) => (await request(listOrgChildrenRoute, { params: { orgId: schoolId }, query: { limit: 100, cursor } })).data),
  });
  const failed = [settings, school, grades].find((query) => query.isError);
  const stored = settings.data?.settings;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1000 }}>
      <Flex vertical gap={4}>
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            学信网注册设置
          </Typography.Title>
          <Typography.Text type="secondary">{school.data?.name ?? ''}</Typography.Text>
        </Flex>
        <Typography.Text type="secondary">
          学信网电子注册：新生、学年、毕业生注册文件和毕业证书编号，按本页的院校和各年级专业生成，在<Link to="/exports">导出</Link>中下载。
        </Typography.Text>
      </Flex>
      {settings.data && !failed && (!stored || !canEdit) && (
        <Alert
          type={stored ? 'info' : 'warning'}
          showIcon
          data-testid="registration-state"
          title={stored ? '本校已设置学信网注册信息' : '本校尚未设置学信网注册信息'}
          description={canEdit ? '设置院校代码和各年级的专业、层次后，才能导出学信网注册文件。' : '只有本校的学籍管理员可以修改这些设置。'}
        />
      )}
      {failed ? (
        <Card size="small">
          <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
        </Card>
      ) : !settings.data || !school.data || !grades.data ? (
        <Card size="small">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <SettingsForm
          key={stored?.updatedAt ?? 'new'}
          schoolId={schoolId}
          schoolName={school.data.name}
          grades={grades.data.filter((org) => org.kind === 'grade')}
          stored={stored ?? null}
          canEdit={canEdit}
        />
      )}
    </Space>
  );
}
