// 课程 at /teaching/courses: the school's courses by code, a page at a time (a table on a desktop,
// cards on a phone), and 新增课程: code, name, credits, hours and 考试/考查, checked as the server
// checks them; a code the school already has is told under the code (COURSE_EXISTS).
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Form, Grid, Input, InputNumber, Modal, Radio, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { createCourseRoute, listCoursesRoute } from '#shared/api/teaching.ts';
import { ASSESSMENT_LABEL, ASSESSMENTS, type Assessment } from '#shared/domain/teaching/course.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useCursorList } from '../../components/useCursorList.ts';
import { useOrg } from '../orgs/useOrg.ts';
import { useSubmissionKey } from '../changes/submission.ts';
import { coursesKey, type Course } from './data.ts';

interface Values {
  code: string;
  name: string;
  credits: number;
  hours: number;
  assessment: Assessment;
}

function NewCourseForm({ schoolId, onDone }: { schoolId: string; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const submission = useSubmissionKey();
  const [problem, setProblem] = useState<string>();
  const create = useMutation({
    mutationFn: async (values: Values) => {
      const body = { schoolId, ...values, code: values.code.trim(), name: values.name.trim() };
      return (await request(createCourseRoute, { body, headers: { 'idempotency-key': submission.keyFor(body) } })).data;
    },
    onSuccess: async (course) => {
      submission.reset();
      void message.success(`已新增课程：${course.name}（${course.code}）`);
      await client.invalidateQueries({ queryKey: coursesKey(schoolId) });
      onDone();
    },
    onError: (error) => {
      if (!(error instanceof ApiClientError)) return setProblem('提交失败，请重试');
      if (error.status > 0) submission.reset();
      const unplaced = applyFieldErrors(form, error.fields);
      setProblem(error.fields.length === 0 || unplaced.length > 0 ? error.message : undefined);
    },
  });
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={{ assessment: 'exam' }}
      onFinish={(values) => create.mutate(values)}
      onValuesChange={(changed: Partial<Values>) => {
        setProblem(undefined);
        if ('code' in changed) form.setFields([{ name: 'code', errors: [] }]);
      }}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="code"
        label="课程代码"
        extra="本校唯一，1 至 16 位字母或数字，如 MATH101"
        validateTrigger="onBlur"
        rules={[
          { required: true, whitespace: true, message: '请填写课程代码' },
          { pattern: /^\s*[A-Za-z0-9]{1,16}\s*$/, message: '课程代码为 1 至 16 位字母或数字' },
        ]}
      >
        <Input autoComplete="off" placeholder="如 MATH101" />
      </Form.Item>
      <Form.Item name="name" label="课程名称" rules={[{ required: true, whitespace: true, message: '请填写课程名称' }, { max: 60, message: '课程名称不能超过 60 个字符' }]}>
        <Input autoComplete="off" placeholder="如 高等数学" />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item
          name="credits"
          label="学分"
          style={{ flex: '1 1 140px' }}
          rules={[
            { required: true, message: '请填写学分' },
            { type: 'number', min: 0, max: 30, message: '学分为 0 至 30' },
            { validator: async (_, value?: number) => (value === undefined || value === null || Number.isInteger(value * 2) ? undefined : Promise.reject(new Error('学分以 0.5 为单位'))) },
          ]}
        >
          <InputNumber min={0} max={30} step={0.5} style={{ width: '100%' }} placeholder="如 3.5" />
        </Form.Item>
        <Form.Item
          name="hours"
          label="学时"
          style={{ flex: '1 1 140px' }}
          rules={[
            { required: true, message: '请填写学时' },
            { type: 'integer', min: 1, max: 1000, message: '学时为 1 至 1000 的整数' },
          ]}
        >
          <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} placeholder="如 64" />
        </Form.Item>
      </Flex>
      <Form.Item name="assessment" label="考核方式" rules={[{ required: true, message: '请选择考核方式' }]}>
        <Radio.Group options={ASSESSMENTS.map((value) => ({ value, label: ASSESSMENT_LABEL[value] }))} />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onDone}>取消</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          新增课程
        </Button>
      </Flex>
    </Form>
  );
}

function CourseCard({ course }: { course: Course }) {
  return (
    <Card size="small" data-testid="course">
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{course.name}</Typography.Text>
        <Tag>{ASSESSMENT_LABEL[course.assessment]}</Tag>
      </Flex>
      <Typography.Text type="secondary">
        {course.code} · {course.credits} 学分 · {course.hours} 学时
      </Typography.Text>
    </Card>
  );
}

export default function CoursesPage() {
  const me = useMe();
  const wide = Grid.useBreakpoint().md ?? true;
  const [adding, setAdding] = useState(false);
  const registrar = me.role === 'school_registrar';
  const schoolId = me.orgId;
  const school = useOrg(schoolId);
  const courses = useCursorList([...coursesKey(schoolId), 'page'], async (cursor) => (await request(listCoursesRoute, { query: { schoolId, limit: 30, cursor } })).data, { enabled: registrar });
  if (!registrar) return <ErrorState error={new ApiClientError(403, { message: '课程由本校学籍 (教务) 管理员维护' })} />;

  const more = <LoadMore hasMore={courses.hasNextPage} loading={courses.isFetchingNextPage} count={courses.items.length} onLoad={() => void courses.fetchNextPage()} />;
  let body: React.ReactNode;
  if (courses.isPending) body = <Skeleton active />;
  else if (courses.isError) body = <ErrorState error={courses.error} onRetry={() => void courses.refetch()} />;
  else if (courses.items.length === 0) body = <Empty description="本校还没有课程，请先新增课程" />;
  else if (!wide) {
    body = (
      <Flex vertical gap={8}>
        {courses.items.map((course) => (
          <CourseCard key={course.courseId} course={course} />
        ))}
      </Flex>
    );
  } else {
    body = (
      <Table<Course>
        rowKey="courseId"
        size="middle"
        pagination={false}
        dataSource={courses.items}
        onRow={() => ({ 'data-testid': 'course' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '课程代码', dataIndex: 'code', width: 160 },
          { title: '课程名称', dataIndex: 'name' },
          { title: '学分', dataIndex: 'credits', align: 'right', width: 100 },
          { title: '学时', dataIndex: 'hours', align: 'right', width: 100 },
          { title: '考核方式', dataIndex: 'assessment', width: 120, render: (value: Assessment) => ASSESSMENT_LABEL[value] },
        ]}
      />
    );
  }

  return (
    <Flex vertical gap={12} style={{ maxWidth: 1000 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex vertical gap={4}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            课程
          </Typography.Title>
          <Typography.Text type="secondary">{school.data?.name ?? ''}，按课程代码排列</Typography.Text>
        </Flex>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          新增课程
        </Button>
      </Flex>
      {body}
      {more}
      <Modal open={adding} title="新增课程" footer={null} onCancel={() => setAdding(false)} destroyOnHidden>
        <NewCourseForm schoolId={schoolId} onDone={() => setAdding(false)} />
      </Modal>
    </Flex>
  );
}
