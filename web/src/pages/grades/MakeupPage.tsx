// 补考 at /teaching/makeup-exams (school registrar): a term's make-up list (in the address), per
// course: the students who failed, were absent or cheated (name, class, reason), and the sitting
// when one is scheduled. 安排补考 (date, room) schedules the course's one sitting of the term; a
// refusal is explained (already scheduled: MAKEUP_EXISTS; nobody needs it any more: NO_MAKEUP_STUDENTS,
// say after a grade correction) and the list is read again. 录入补考成绩 enters a sitting's results,
// one score or mark (缺考、免考、作弊; Q/M/Z) per listed student, checked as the grade sheet checks it.
import { CalendarOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Form, Input, Modal, Skeleton, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { getMakeupRoute, listMakeupRoute, saveMakeupGradesRoute, scheduleMakeupRoute } from '#shared/api/grades.ts';
import { MAKEUP_REASON_LABEL, type MakeupReason } from '#shared/domain/grades/makeup.ts';
import { passed } from '#shared/domain/grades/sheet.ts';
import { ApiClientError, request, type BodyOf, type ResponseOf } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useClassNames } from '../teaching/data.ts';
import { termLabel } from '../teaching/term.ts';
import { TermPicker } from '../teaching/TermPicker.tsx';
import { useTermParam } from '../teaching/useTermParam.ts';
import { cellText, gradeText, parseCell, SHORTCUTS } from './cells.ts';

type Course = ResponseOf<typeof listMakeupRoute>['items'][number];
type Student = Course['students'][number];
type Grades = BodyOf<typeof saveMakeupGradesRoute>['grades'];

const makeupKey = (schoolId: string, term: string) => ['makeup-exams', schoolId, term];
const REASON_COLOR: Record<MakeupReason, string> = { failed: 'red', absent: 'orange', cheating: 'magenta' };

function ScheduleDialog({ course, term, onClose }: { course: Course | undefined; term: string; onClose: () => void }) {
  const [form] = Form.useForm<{ date: Dayjs; room: string }>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const me = useMe();
  const [problem, setProblem] = useState<{ title: string; description?: string }>();
  const schedule = useMutation({
    mutationFn: async (values: { date: Dayjs; room: string }) =>
      (await request(scheduleMakeupRoute, { body: { courseId: course!.courseId, term, date: values.date.format('YYYY-MM-DD'), room: values.room } })).data,
    onSuccess: (sitting) => {
      void message.success(`已安排“${sitting.courseName}”补考：${sitting.date} ${sitting.room}，${sitting.students.length} 名学生`);
      void client.invalidateQueries({ queryKey: makeupKey(me.orgId, term) });
      onClose();
    },
    onError: (error) => {
      if (!(error instanceof ApiClientError)) return setProblem({ title: '安排失败，请重试' });
      if (error.code === 'MAKEUP_EXISTS') {
        void client.invalidateQueries({ queryKey: makeupKey(me.orgId, term) });
        return setProblem({ title: error.message, description: '每门课程每学期只安排一次补考。可能已在另一个窗口或由其他教务安排；名单已刷新，请关闭后查看。' });
      }
      if (error.code === 'NO_MAKEUP_STUDENTS') {
        void client.invalidateQueries({ queryKey: makeupKey(me.orgId, term) });
        return setProblem({ title: error.message, description: '补考名单来自已提交的成绩：相关成绩可能已经更正为及格。名单已刷新。' });
      }
      const unplaced = applyFieldErrors(form, error.fields);
      if (error.fields.length > 0 && unplaced.length === 0) return setProblem(undefined);
      setProblem({ title: error.message, ...(unplaced.length > 0 ? { description: unplaced.map((field) => field.message).join('；') } : {}) });
    },
  });
  return (
    <Modal
      open={Boolean(course)}
      title={`安排补考：${course?.courseName ?? ''}`}
      okText="安排补考"
      cancelText="取消"
      okButtonProps={{ loading: schedule.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {termLabel(term)}，补考学生 {course?.students.length ?? 0} 人。安排后，学生在“我的成绩”中可看到补考日期和考场。
        </Typography.Text>
        {problem && <Alert type="error" showIcon title={problem.title} description={problem.description} data-testid="makeup-problem" />}
        <Form form={form} layout="vertical" preserve={false} onFinish={(values) => schedule.mutate(values)} requiredMark={false}>
          <Form.Item name="date" label="补考日期" rules={[{ required: true, message: '请选择补考日期' }]}>
            <DatePicker id="date" format="YYYY-MM-DD" placeholder="如 2027-03-01" style={{ width: '100%' }} aria-label="补考日期" />
          </Form.Item>
          <Form.Item name="room" label="考场" rules={[{ required: true, whitespace: true, message: '请填写考场' }, { max: 40, message: '考场不能超过 40 个字符' }]}>
            <Input id="room" placeholder="如 教学楼 A101" autoComplete="off" />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}

function ResultsDialog({ makeupId, className, onClose }: { makeupId: string | undefined; className: (classId: string) => string; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [texts, setTexts] = useState<Record<string, string>>();
  const [problem, setProblem] = useState<string>();
  const [attempted, setAttempted] = useState(false);
  const sitting = useQuery({
    queryKey: ['makeup-exam', makeupId],
    enabled: Boolean(makeupId),
    staleTime: 0,
    queryFn: async () => (await request(getMakeupRoute, { params: { makeupId: makeupId! } })).data,
  });
  const data = sitting.data;
  // The texts start from what was entered before, once the sitting is read.
  const shown = texts ?? (data ? Object.fromEntries(data.grades.map((grade) => [grade.studentId, gradeText(grade)])) : {});
  const save = useMutation({
    mutationFn: async (grades: Grades) => (await request(saveMakeupGradesRoute, { params: { makeupId: makeupId! }, body: { grades } })).data,
    onSuccess: (answer) => {
      client.setQueryData(['makeup-exam', makeupId], answer);
      void message.success(`补考成绩已保存：${answer.grades.length} 名学生`);
      void client.invalidateQueries({ queryKey: ['student-grades'] });
      close();
    },
    onError: (error) => setProblem(error instanceof ApiClientError ? [error.message, ...error.fields.map((field) => field.message)].join('；') : '保存失败，请重试'),
  });
  const close = () => {
    setTexts(undefined);
    setProblem(undefined);
    setAttempted(false);
    onClose();
  };
  const submit = () => {
    if (!data) return;
    setAttempted(true);
    const cells = data.students.map((student) => [student, parseCell(shown[student.studentId] ?? '')] as const);
    if (cells.some(([, cell]) => cell.kind === 'invalid')) return setProblem('有成绩填写不正确，请按提示修改');
    setProblem(undefined);
    save.mutate(
      cells.flatMap(([student, cell]): Grades => (cell.kind === 'score' ? [{ studentId: student.studentId, score: cell.score }] : cell.kind === 'mark' ? [{ studentId: student.studentId, mark: cell.mark }] : [])),
    );
  };
  const filled = data ? data.students.filter((student) => parseCell(shown[student.studentId] ?? '').kind !== 'empty').length : 0;
  return (
    <Modal
      open={Boolean(makeupId)}
      title={data ? `录入补考成绩：${data.courseName}` : '录入补考成绩'}
      okText="保存补考成绩"
      cancelText="取消"
      width={640}
      okButtonProps={{ loading: save.isPending, disabled: !data }}
      onOk={submit}
      onCancel={close}
      destroyOnHidden
    >
      {sitting.isError ? (
        <ErrorState error={sitting.error} onRetry={() => void sitting.refetch()} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">
            {termLabel(data.term)} · 补考 {data.date} · {data.room} · 已录 {filled} / {data.students.length} 人
          </Typography.Text>
          {problem && <Alert type="error" showIcon title={problem} data-testid="makeup-grades-problem" />}
          <Table<Student>
            rowKey="studentId"
            size="small"
            pagination={false}
            dataSource={data.students}
            scroll={{ y: 420 }}
            onRow={(student) => ({ 'data-testid': 'makeup-grade-row', 'data-student': student.studentId }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '班级', dataIndex: 'classId', responsive: ['sm'], render: (classId: string) => className(classId) },
              { title: '原因', dataIndex: 'reason', width: 70, render: (reason: MakeupReason) => <Tag color={REASON_COLOR[reason]}>{MAKEUP_REASON_LABEL[reason]}</Tag> },
              {
                title: '补考成绩',
                key: 'score',
                width: 150,
                render: (_, student) => {
                  const text = shown[student.studentId] ?? '';
                  const cell = parseCell(text);
                  const error = cell.kind === 'invalid' && (attempted || cell.atOnce) ? cell.message : undefined;
                  const result = cell.kind === 'score' ? passed({ score: cell.score }) : cell.kind === 'mark' ? passed({ mark: cell.mark }) : undefined;
                  return (
                    <Flex vertical gap={0}>
                      <Flex align="center" gap={6}>
                        <Input
                          size="small"
                          value={text}
                          status={error ? 'error' : undefined}
                          aria-label={`${student.name}的补考成绩`}
                          data-testid="makeup-grade-input"
                          autoComplete="off"
                          style={{ width: 72 }}
                          onChange={(event) => setTexts({ ...shown, [student.studentId]: event.target.value })}
                          onBlur={() => setTexts({ ...shown, [student.studentId]: cellText(parseCell(text), text) })}
                        />
                        {result !== undefined && <Typography.Text type={result ? 'success' : 'danger'}>{result ? '通过' : '未通过'}</Typography.Text>}
                      </Flex>
                      {error && (
                        <Typography.Text type="danger" style={{ fontSize: 12 }}>
                          {error}
                        </Typography.Text>
                      )}
                    </Flex>
                  );
                },
              },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            填写 0–100 的成绩 (最多一位小数)，或 {SHORTCUTS}。未填写的学生暂不保存。
          </Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}

function CourseCard({ course, className, onSchedule, onResults }: { course: Course; className: (classId: string) => string; onSchedule: () => void; onResults: () => void }) {
  return (
    <Card
      size="small"
      data-testid="makeup-course"
      data-course={course.courseId}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{course.courseName}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {course.students.length} 人
          </Typography.Text>
        </Flex>
      }
      extra={
        course.sitting ? (
          <Button size="small" type="primary" icon={<EditOutlined />} onClick={onResults}>
            录入补考成绩
          </Button>
        ) : (
          <Button size="small" type="primary" icon={<CalendarOutlined />} onClick={onSchedule}>
            安排补考
          </Button>
        )
      }
    >
      <Flex vertical gap={8}>
        {course.sitting ? (
          <Typography.Text data-testid="makeup-sitting">
            补考时间 <Typography.Text strong>{course.sitting.date}</Typography.Text>，考场 <Typography.Text strong>{course.sitting.room}</Typography.Text>
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid="makeup-sitting">
            尚未安排补考
          </Typography.Text>
        )}
        <Flex wrap gap={6}>
          {course.students.map((student) => (
            <Tag key={student.studentId} color={REASON_COLOR[student.reason]} data-testid="makeup-student" style={{ marginInlineEnd: 0 }}>
              {student.name} · {className(student.classId)} · {MAKEUP_REASON_LABEL[student.reason]}
            </Tag>
          ))}
        </Flex>
      </Flex>
    </Card>
  );
}

export default function MakeupPage() {
  const me = useMe();
  const [term, setTerm] = useTermParam();
  const [scheduling, setScheduling] = useState<Course>();
  const [entering, setEntering] = useState<string>();
  const registrar = me.role === 'school_registrar';
  const list = useQuery({
    queryKey: makeupKey(me.orgId, term),
    enabled: registrar,
    queryFn: async () => (await request(listMakeupRoute, { query: { schoolId: me.orgId, term } })).data.items,
  });
  const courses = [...(list.data ?? [])].sort((a, b) => a.courseName.localeCompare(b.courseName, 'zh-CN'));
  const className = useClassNames(courses.flatMap((course) => course.students.map((student) => student.classId)));
  if (!registrar) return <ErrorState error={new ApiClientError(403, { message: '补考由学校教务安排' })} />;

  const waiting = courses.filter((course) => !course.sitting).length;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 1000 }}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          补考
        </Typography.Title>
        <Typography.Text type="secondary">已提交成绩中不及格、缺考或作弊的学生，按课程列出。每门课程每学期安排一次补考；补考后录入成绩，学生在“我的成绩”中可见。</Typography.Text>
      </Flex>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <TermPicker value={term} onChange={(next) => next && setTerm(next)} />
          {list.isSuccess && courses.length > 0 && (
            <Typography.Text data-testid="makeup-summary">
              {courses.length} 门课程、{courses.reduce((sum, course) => sum + course.students.length, 0)} 人次需补考{waiting > 0 ? `，${waiting} 门尚未安排` : '，均已安排'}
            </Typography.Text>
          )}
        </Flex>
      </Card>
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : courses.length === 0 ? (
        <Card>
          <Empty description={`${termLabel(term)}没有需要补考的学生 (名单来自已提交的成绩)`} />
        </Card>
      ) : (
        courses.map((course) => <CourseCard key={course.courseId} course={course} className={className} onSchedule={() => setScheduling(course)} onResults={() => setEntering(course.sitting!.makeupId)} />)
      )}
      <ScheduleDialog course={scheduling} term={term} onClose={() => setScheduling(undefined)} />
      <ResultsDialog makeupId={entering} className={className} onClose={() => setEntering(undefined)} />
    </Flex>
  );
}
