// 成绩提交情况 at /teaching/grade-submissions (school registrar): a term's sections (in the
// address) with where each grade sheet stands: 未录入, 草稿 (已录 N 人), 已提交 (when). The counts at
// the top say how many are not submitted yet; the status filter (in the address too) narrows the
// list. Each section opens its sheet (查看) and exports it (登分表, Excel or PDF, with progress).
// The whole term is read (a school has tens to a few hundred sections) so the counts are the
// term's, whatever the filter.
import { EyeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Grid, Segmented, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { gradeSubmissionsRoute } from '#shared/api/grades.ts';
import { ApiClientError, request, type ResponseOf } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatTime } from '../../components/format.ts';
import { allPages } from '../../components/useCursorList.ts';
import { ExportButtons } from '../exports/ExportButtons.tsx';
import { useClassNames } from '../teaching/data.ts';
import { termLabel } from '../teaching/term.ts';
import { TermPicker } from '../teaching/TermPicker.tsx';
import { useTermParam } from '../teaching/useTermParam.ts';

type Submission = ResponseOf<typeof gradeSubmissionsRoute>['items'][number];
type Status = Submission['status'];
const STATUSES: Status[] = ['none', 'draft', 'submitted'];
const STATUS_LABEL: Record<Status, string> = { none: '未录入', draft: '草稿', submitted: '已提交' };

function SubmissionStatus({ item }: { item: Submission }) {
  if (item.status === 'submitted') {
    return (
      <Flex vertical gap={0}>
        <span>
          <Tag color="green" data-testid="submission-status">
            已提交
          </Tag>
        </span>
        {item.submittedAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(item.submittedAt)}
          </Typography.Text>
        )}
      </Flex>
    );
  }
  if (item.status === 'draft') {
    return (
      <Tag color="orange" data-testid="submission-status">
        草稿 · 已录 {item.graded} 人
      </Tag>
    );
  }
  return <Tag data-testid="submission-status">未录入</Tag>;
}

const teacherText = (item: Submission) => item.teacherName ?? (item.teacherId ? item.teacherId.replace(/^local\|/, '') : undefined);

export default function SubmissionsPage() {
  const me = useMe();
  const wide = Grid.useBreakpoint().lg ?? true;
  const [term, setTerm] = useTermParam();
  const [params, setParams] = useSearchParams();
  const given = params.get('status') as Status | null;
  const status = given && STATUSES.includes(given) ? given : undefined;
  const schoolId = me.orgId;
  const registrar = me.role === 'school_registrar';
  const list = useQuery({
    queryKey: ['grade-submissions', schoolId, term],
    enabled: registrar,
    queryFn: () => allPages(async (cursor) => (await request(gradeSubmissionsRoute, { query: { schoolId, term, limit: 100, cursor } })).data),
  });
  const all = list.data ?? [];
  const className = useClassNames(all.map((item) => item.classId));
  if (!registrar) return <ErrorState error={new ApiClientError(403, { message: '成绩提交情况由学校教务查看' })} />;

  const count = (which: Status) => all.filter((item) => item.status === which).length;
  const items = status ? all.filter((item) => item.status === status) : all;
  const setStatus = (next: Status | undefined) => {
    const updated = new URLSearchParams(params);
    if (next) updated.set('status', next);
    else updated.delete('status');
    setParams(updated, { replace: true });
  };
  const actions = (item: Submission) => (
    <Flex gap={8} wrap align="flex-start">
      <Link to={`/teaching/sections/${encodeURIComponent(item.sectionId)}/grades`}>
        <Button size="small" icon={<EyeOutlined />}>
          查看
        </Button>
      </Link>
      {item.status !== 'none' && <ExportButtons target={{ kind: 'gradeSheet', sectionId: item.sectionId }} size="small" />}
    </Flex>
  );

  let body: React.ReactNode;
  if (list.isPending) body = <Skeleton active />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (all.length === 0) {
    body = (
      <Card>
        <Empty description={`${termLabel(term)}没有教学班。教学班在“教学计划”中生成，或在“排课”中添加。`} />
      </Card>
    );
  } else if (items.length === 0) {
    body = (
      <Card>
        <Empty description={`没有${STATUS_LABEL[status!]}的教学班`} />
      </Card>
    );
  } else if (!wide) {
    body = (
      <Flex vertical gap={8}>
        {items.map((item) => (
          <Card key={item.sectionId} size="small" data-testid="submission" data-section={item.sectionId}>
            <Flex vertical gap={6}>
              <Flex justify="space-between" align="flex-start" gap={8}>
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Typography.Text strong>
                    {item.courseName} <Typography.Text type="secondary">· {className(item.classId)}</Typography.Text>
                  </Typography.Text>
                  <Typography.Text type="secondary">任课教师：{teacherText(item) ?? '未安排'}</Typography.Text>
                </Flex>
                <SubmissionStatus item={item} />
              </Flex>
              {actions(item)}
            </Flex>
          </Card>
        ))}
      </Flex>
    );
  } else {
    body = (
      <Table<Submission>
        rowKey="sectionId"
        size="middle"
        pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        dataSource={items}
        onRow={(item) => ({ 'data-testid': 'submission', 'data-section': item.sectionId }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '课程', dataIndex: 'courseName' },
          { title: '班级', dataIndex: 'classId', render: (id: string) => className(id) },
          { title: '任课教师', key: 'teacher', render: (_, item) => teacherText(item) ?? <Typography.Text type="secondary">未安排</Typography.Text> },
          { title: '成绩', key: 'status', width: 170, render: (_, item) => <SubmissionStatus item={item} /> },
          { title: '操作', key: 'action', width: 400, render: (_, item) => actions(item) },
        ]}
      />
    );
  }

  const open = count('none') + count('draft');
  return (
    <Flex vertical gap={12}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          成绩提交情况
        </Typography.Title>
        <Typography.Text type="secondary">本学期各教学班成绩的录入和提交情况。任课教师提交后成绩锁定；提交后如需更改，由任课教师申请成绩更正。</Typography.Text>
      </Flex>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <TermPicker value={term} onChange={(next) => next && setTerm(next)} />
          <Segmented<string>
            value={status ?? 'all'}
            onChange={(value) => setStatus(value === 'all' ? undefined : (value as Status))}
            options={[{ value: 'all', label: '全部' }, ...STATUSES.map((value) => ({ value, label: STATUS_LABEL[value] }))]}
            data-testid="submission-filter"
          />
        </Flex>
      </Card>
      {list.isSuccess && all.length > 0 && (
        <Card size="small" data-testid="submission-counts">
          <Flex gap={32} wrap>
            <Statistic title="教学班" value={all.length} />
            <Statistic title="未提交" value={open} styles={{ content: { color: open > 0 ? '#cf1322' : undefined } }} data-testid="count-open" />
            <Statistic title="未录入" value={count('none')} />
            <Statistic title="草稿" value={count('draft')} />
            <Statistic title="已提交" value={count('submitted')} styles={{ content: { color: '#389e0d' } }} />
          </Flex>
        </Card>
      )}
      {body}
    </Flex>
  );
}
