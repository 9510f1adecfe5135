// 我的成绩 at /my/grades: the student's submitted grades, every term by default or one term (in the
// address), grouped by term, newest first: course, credits, score or mark, 通过/未通过, and a make-up
// exam's result when there is one; each term with the credits earned.
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Grid, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { studentGradesRoute } from '#shared/api/grades.ts';
import { PASS_SCORE } from '#shared/domain/grades/sheet.ts';
import { request, type ResponseOf } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { isTerm, termLabel } from '../teaching/term.ts';
import { TermPicker } from '../teaching/TermPicker.tsx';
import { ExportButtons } from '../exports/ExportButtons.tsx';
import { gradeText } from './cells.ts';

type Grade = ResponseOf<typeof studentGradesRoute>['items'][number];

const PassTag = ({ passed }: { passed: boolean }) => (passed ? <Tag color="green">通过</Tag> : <Tag color="red">未通过</Tag>);
/** The make-up exam beside a grade: its result once entered, else when and where it is. */
function makeupText(grade: Grade): string {
  const makeup = grade.makeup;
  if (!makeup) return '';
  if (makeup.score !== undefined || makeup.mark) return `补考 ${gradeText(makeup)}`;
  return `补考 ${makeup.date}${makeup.room ? ` ${makeup.room}` : ''}`;
}
/** Passed at the exam or at its make-up. */
const earned = (grade: Grade) => grade.passed || grade.makeup?.mark === 'exempt' || (grade.makeup?.score ?? 0) >= PASS_SCORE;

function TermGrades({ term, grades }: { term: string; grades: Grade[] }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const credits = grades.filter(earned).reduce((sum, grade) => sum + grade.credits, 0);
  const total = grades.reduce((sum, grade) => sum + grade.credits, 0);
  return (
    <Card
      size="small"
      title={termLabel(term)}
      extra={
        <Typography.Text type="secondary">
          已获学分 {credits} / {total}
        </Typography.Text>
      }
      data-testid="term-grades"
    >
      {wide ? (
        <Table<Grade>
          rowKey="sectionId"
          size="small"
          pagination={false}
          dataSource={grades}
          onRow={() => ({ 'data-testid': 'my-grade' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '课程', dataIndex: 'courseName' },
            { title: '学分', dataIndex: 'credits', align: 'right', width: 80 },
            { title: '成绩', key: 'grade', width: 100, render: (_, grade) => <span data-testid="my-grade-value">{gradeText(grade)}</span> },
            { title: '结果', dataIndex: 'passed', width: 100, render: (passed: boolean) => <PassTag passed={passed} /> },
            { title: '补考', key: 'makeup', width: 180, render: (_, grade) => makeupText(grade) || <Typography.Text type="secondary">—</Typography.Text> },
          ]}
        />
      ) : (
        <Flex vertical>
          {grades.map((grade, index) => (
            <Flex key={grade.sectionId} justify="space-between" align="center" gap={8} style={{ padding: '8px 0', borderTop: index === 0 ? undefined : '1px solid #f0f0f0' }} data-testid="my-grade">
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Text strong>{grade.courseName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {grade.credits} 学分{grade.makeup ? ` · ${makeupText(grade)}` : ''}
                </Typography.Text>
              </Flex>
              <Flex align="center" gap={8} style={{ flexShrink: 0 }}>
                <Typography.Text strong style={{ fontSize: 16 }} data-testid="my-grade-value">
                  {gradeText(grade)}
                </Typography.Text>
                <PassTag passed={grade.passed} />
              </Flex>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function MyGrades({ studentId }: { studentId: string }) {
  const [params, setParams] = useSearchParams();
  const given = params.get('term');
  const term = given && isTerm(given) ? given : undefined;
  // Every term's grades: the terms to choose from; the chosen term's, asked of the API by term.
  const all = useQuery({ queryKey: ['student-grades', studentId, 'all'], queryFn: async () => (await request(studentGradesRoute, { params: { studentId } })).data.items });
  const chosen = useQuery({ queryKey: ['student-grades', studentId, term], enabled: Boolean(term), queryFn: async () => (await request(studentGradesRoute, { params: { studentId }, query: { term: term! } })).data.items });
  const shown = term ? chosen : all;
  const terms = [...new Set((all.data ?? []).map((grade) => grade.term))];
  const byTerm = new Map<string, Grade[]>();
  for (const grade of [...(shown.data ?? [])].sort((a, b) => b.term.localeCompare(a.term) || a.courseName.localeCompare(b.courseName))) byTerm.set(grade.term, [...(byTerm.get(grade.term) ?? []), grade]);

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <TermPicker
          value={term}
          allLabel="全部学期"
          extra={terms}
          onChange={(next) => {
            const updated = new URLSearchParams(params);
            if (next) updated.set('term', next);
            else updated.delete('term');
            setParams(updated, { replace: true });
          }}
        />
        <ExportButtons target={{ kind: 'transcript', studentId }} menuLabel="导出成绩单" />
        </Flex>
      </Card>
      {shown.isPending ? (
        <Skeleton active />
      ) : shown.isError ? (
        <ErrorState error={shown.error} onRetry={() => void shown.refetch()} />
      ) : byTerm.size === 0 ? (
        <Card>
          <Empty description={term ? `${termLabel(term)}还没有已提交的成绩` : '还没有已提交的成绩。任课教师提交成绩后会显示在这里。'} />
        </Card>
      ) : (
        [...byTerm].map(([key, grades]) => <TermGrades key={key} term={key} grades={grades} />)
      )}
    </Flex>
  );
}

export default function MyGradesPage() {
  const { studentId } = useMe();
  return (
    <Flex vertical gap={12} style={{ maxWidth: 900 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        我的成绩
      </Typography.Title>
      {studentId ? <MyGrades studentId={studentId} /> : <Result status="403" title="我的成绩仅供学生使用" subTitle="您的账号没有对应的学籍。" />}
    </Flex>
  );
}
