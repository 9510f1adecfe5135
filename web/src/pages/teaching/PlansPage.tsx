// 教学计划 at /teaching/plans: a grade's courses for a term, each with its weekly hours; then
// 生成教学班 makes a section per course and class of the grade (teacher, room and time left for
// 排课) and lists them. A grade has one plan per term: a second is refused at the term
// (PLAN_EXISTS), and the sections of the plan already there can still be generated (again is safe:
// only what is missing is made, nothing arranged changes).
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Empty, Flex, Form, Grid, InputNumber, Select, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { listOrgChildrenRoute } from '#shared/api/identity.ts';
import { createPlanRoute, generateSectionsRoute } from '#shared/api/teaching.ts';
import { ASSESSMENT_LABEL, planIdOf } from '#shared/domain/teaching/course.ts';
import { ApiClientError, request, type ResponseOf } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { allPages } from '../../components/useCursorList.ts';
import { useSubmissionKey } from '../changes/submission.ts';
import { SECTIONS_KEY, slotsText, useAllCourses, useClassNames, type Course, type Section } from './data.ts';
import { currentTerm, termLabel } from './term.ts';
import { TermPicker } from './TermPicker.tsx';

type Plan = ResponseOf<typeof createPlanRoute>;
interface Chosen {
  courseId: string;
  hoursPerWeek?: number | null;
}
interface Values {
  gradeId: string;
  term: string;
}

const hoursMissing = (entry: Chosen) => !entry.hoursPerWeek || entry.hoursPerWeek <= 0 || entry.hoursPerWeek > 40;

/** The school's courses to tick, each with its weekly hours (周学时); `flagged`: the hours to fill in. */
function CoursePicker({ courses, value, onChange, flagged }: { courses: Course[]; value: Chosen[]; onChange: (value: Chosen[]) => void; flagged: boolean }) {
  const chosen = new Map(value.map((entry) => [entry.courseId, entry]));
  const set = (next: Map<string, Chosen>) => onChange(courses.flatMap((course) => (next.has(course.courseId) ? [next.get(course.courseId)!] : [])));
  if (courses.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <span>
            本校还没有课程，请先到 <Link to="/teaching/courses">课程</Link> 新增
          </span>
        }
      />
    );
  }
  return (
    <Flex vertical gap={0} style={{ border: '1px solid #f0f0f0', borderRadius: 6 }} data-testid="plan-courses">
      {courses.map((course, index) => {
        const entry = chosen.get(course.courseId);
        return (
          <Flex key={course.courseId} align="center" justify="space-between" gap={8} wrap style={{ padding: '8px 12px', borderTop: index === 0 ? undefined : '1px solid #f0f0f0' }} data-testid="plan-course">
            <Checkbox
              checked={entry !== undefined}
              onChange={(event) => {
                const next = new Map(chosen);
                if (event.target.checked) next.set(course.courseId, { courseId: course.courseId, hoursPerWeek: null });
                else next.delete(course.courseId);
                set(next);
              }}
            >
              <Typography.Text strong>{course.name}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {course.code} · {course.credits} 学分 · {course.hours} 学时 · {ASSESSMENT_LABEL[course.assessment]}
              </Typography.Text>
            </Checkbox>
            <InputNumber
              aria-label={`${course.name}周学时`}
              disabled={entry === undefined}
              min={0.5}
              max={40}
              placeholder="周学时"
              status={flagged && entry && hoursMissing(entry) ? 'error' : undefined}
              suffix="学时/周"
              style={{ width: 150 }}
              value={entry?.hoursPerWeek ?? null}
              onChange={(hours) => {
                const next = new Map(chosen);
                next.set(course.courseId, { courseId: course.courseId, hoursPerWeek: hours });
                set(next);
              }}
            />
          </Flex>
        );
      })}
    </Flex>
  );
}

/** The sections a plan generated: class, course, and what 排课 still has to set. */
function GeneratedSections({ sections, term }: { sections: Section[]; term: string }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const className = useClassNames(sections.map((section) => section.classId));
  const rows = [...sections].sort((a, b) => a.classId.localeCompare(b.classId) || a.courseName.localeCompare(b.courseName));
  return (
    <Card
      size="small"
      title={`已生成 ${sections.length} 个教学班`}
      extra={
        <Link to={`/teaching/schedule?term=${term}`}>
          <Button type="link" icon={<CalendarOutlined />} style={{ padding: 0 }}>
            去排课
          </Button>
        </Link>
      }
      data-testid="generated-sections"
    >
      {wide ? (
        <Table<Section>
          rowKey="sectionId"
          size="small"
          pagination={false}
          dataSource={rows}
          onRow={() => ({ 'data-testid': 'generated-section' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '班级', dataIndex: 'classId', render: (classId: string) => className(classId) },
            { title: '课程', dataIndex: 'courseName' },
            { title: '学分', dataIndex: 'credits', align: 'right' },
            { title: '任课教师', dataIndex: 'teacherName', render: (name?: string) => name ?? <Typography.Text type="secondary">未安排</Typography.Text> },
            { title: '上课时间', dataIndex: 'slots', render: (slots: Section['slots']) => (slots.length > 0 ? slotsText(slots) : <Typography.Text type="secondary">未排</Typography.Text>) },
          ]}
        />
      ) : (
        <Flex vertical gap={8}>
          {rows.map((section) => (
            <Flex key={section.sectionId} vertical data-testid="generated-section">
              <span>
                {className(section.classId)} · {section.courseName}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {section.teacherName ?? '未安排教师'} · {slotsText(section.slots, true)}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

export default function PlansPage() {
  const me = useMe();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const registrar = me.role === 'school_registrar';
  const schoolId = me.orgId;
  const submission = useSubmissionKey();
  const [plan, setPlan] = useState<Plan>();
  /** PLAN_EXISTS: the grade and term whose plan is there already. */
  const [existing, setExisting] = useState<{ gradeId: string; term: string }>();
  const [problem, setProblem] = useState<string>();
  const [sections, setSections] = useState<{ term: string; items: Section[] }>();
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [coursesError, setCoursesError] = useState<string>();

  const grades = useQuery({
    queryKey: ['org-children', schoolId, 'all'],
    enabled: registrar,
    queryFn: () => allPages(async (cursor) => (await request(listOrgChildrenRoute, { params: { orgId: schoolId }, query: { limit: 100, cursor } })).data),
  });
  const courses = useAllCourses(schoolId);
  const gradeName = (gradeId: string) => grades.data?.find((grade) => grade.orgId === gradeId)?.name ?? gradeId;
  const courseOf = (courseId: string) => courses.data?.find((course) => course.courseId === courseId);

  const create = useMutation({
    mutationFn: async (values: Values) => {
      const body = { schoolId, gradeId: values.gradeId, term: values.term, courses: chosen.map((entry) => ({ courseId: entry.courseId, hoursPerWeek: entry.hoursPerWeek ?? 0 })) };
      return (await request(createPlanRoute, { body, headers: { 'idempotency-key': submission.keyFor(body) } })).data;
    },
    onSuccess: (created) => {
      submission.reset();
      setPlan(created);
      setSections(undefined);
    },
    onError: (error, values) => {
      if (!(error instanceof ApiClientError)) return setProblem('提交失败，请重试');
      if (error.status > 0) submission.reset();
      const unplaced = applyFieldErrors(form, error.fields);
      if (error.code === 'PLAN_EXISTS') {
        setExisting({ gradeId: values.gradeId, term: values.term });
        return setProblem(undefined);
      }
      setProblem(error.fields.length === 0 || unplaced.length > 0 ? [error.message, ...unplaced.map((field) => field.message)].join('；') : undefined);
    },
  });

  const generate = useMutation({
    mutationFn: async (target: { planId: string; term: string }) => ({ term: target.term, items: (await request(generateSectionsRoute, { params: { planId: target.planId } })).data.items }),
    onSuccess: async (result) => {
      // The sections are listed on the page: no toast to cover the next dialog.
      setSections(result);
      await client.invalidateQueries({ queryKey: SECTIONS_KEY });
    },
  });

  if (!registrar) return <ErrorState error={new ApiClientError(403, { message: '教学计划由本校学籍 (教务) 管理员制定' })} />;
  if (grades.isError) return <ErrorState error={grades.error} onRetry={() => void grades.refetch()} />;
  if (courses.isError) return <ErrorState error={courses.error} onRetry={() => void courses.refetch()} />;

  const startOver = () => {
    setPlan(undefined);
    setSections(undefined);
    setExisting(undefined);
    setChosen([]);
    setCoursesError(undefined);
    form.resetFields();
  };

  /** The courses' complaint, if any: none chosen, or hours missing. */
  const checkCourses = (): boolean => {
    const missing = chosen.find(hoursMissing);
    const text = chosen.length === 0 ? '请至少选择一门课程' : missing ? `请填写“${courseOf(missing.courseId)?.name ?? missing.courseId}”的周学时 (大于 0，至多 40)` : undefined;
    setCoursesError(text);
    return text === undefined;
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1000 }}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          教学计划
        </Typography.Title>
        <Typography.Text type="secondary">为一个年级的一个学期选定课程和周学时；每个年级每学期一份。创建后生成教学班 (每门课程、每个班级一个)，再到“排课”安排任课教师、教室和上课时间。</Typography.Text>
      </Flex>
      {plan ? (
        <Card
          size="small"
          title={`教学计划：${gradeName(plan.gradeId)}`}
          extra={
            <Button type="link" icon={<PlusOutlined />} onClick={startOver} style={{ padding: 0 }}>
              新建另一份
            </Button>
          }
          data-testid="plan"
        >
          <Flex vertical gap={12}>
            <Typography.Text strong>
              {termLabel(plan.term)} · {plan.courses.length} 门课程
            </Typography.Text>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {plan.courses.map((entry) => (
                <li key={entry.courseId}>
                  {courseOf(entry.courseId)?.name ?? entry.courseId}：每周 {entry.hoursPerWeek} 学时
                </li>
              ))}
            </ul>
            {!sections && (
              <div>
                <Button type="primary" loading={generate.isPending} onClick={() => generate.mutate({ planId: plan.planId, term: plan.term })}>
                  生成教学班
                </Button>
              </div>
            )}
          </Flex>
        </Card>
      ) : (
        <Card size="small">
          <Form<Values>
            form={form}
            layout="vertical"
            requiredMark="optional"
            initialValues={{ term: currentTerm() }}
            onFinish={(values) => checkCourses() && create.mutate(values)}
            onFinishFailed={() => checkCourses()}
            onValuesChange={(changed: Partial<Values>) => {
              setProblem(undefined);
              if ('gradeId' in changed || 'term' in changed) {
                setExisting(undefined);
                form.setFields([{ name: 'term', errors: [] }]);
              }
            }}
          >
            {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
            <Flex gap={16} wrap>
              <Form.Item name="gradeId" label="年级" rules={[{ required: true, message: '请选择年级' }]} style={{ flex: '1 1 220px' }}>
                <Select
                  placeholder="选择年级"
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={grades.isPending}
                  options={(grades.data ?? []).map((grade) => ({ value: grade.orgId, label: grade.name }))}
                  notFoundContent="本校还没有年级"
                />
              </Form.Item>
              <Form.Item name="term" label="学期" rules={[{ required: true, message: '请选择学期' }]} style={{ flex: '1 1 220px' }}>
                <TermPicker style={{ width: '100%' }} />
              </Form.Item>
            </Flex>
            {existing && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="plan-exists"
                title={`${gradeName(existing.gradeId)}在${termLabel(existing.term)}已有教学计划`}
                description={
                  <Flex vertical gap={8} align="flex-start">
                    <span>每个年级每学期只有一份教学计划。可以为已有的计划生成教学班：只补齐缺少的，已安排的任课教师、教室和上课时间不变。</span>
                    <Button loading={generate.isPending} onClick={() => generate.mutate({ planId: planIdOf(existing.gradeId, existing.term), term: existing.term })}>
                      为已有计划生成教学班
                    </Button>
                  </Flex>
                }
              />
            )}
            <Flex vertical gap={8} style={{ marginBottom: 24 }}>
              <Typography.Text>课程和周学时</Typography.Text>
              {courses.isPending ? (
                <Skeleton active />
              ) : (
                <CoursePicker
                  courses={courses.data}
                  value={chosen}
                  flagged={coursesError !== undefined}
                  onChange={(next) => {
                    setChosen(next);
                    setCoursesError(undefined);
                    setProblem(undefined);
                  }}
                />
              )}
              {coursesError && (
                <Typography.Text type="danger" role="alert" data-testid="courses-error">
                  {coursesError}
                </Typography.Text>
              )}
            </Flex>
            <Flex justify="flex-end">
              <Button type="primary" htmlType="submit" loading={create.isPending}>
                创建教学计划
              </Button>
            </Flex>
          </Form>
        </Card>
      )}
      {generate.isError && <Alert type="error" showIcon title={generate.error.message} />}
      {sections && <GeneratedSections sections={sections.items} term={sections.term} />}
    </Flex>
  );
}
