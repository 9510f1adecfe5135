// 我的教学班 at /teaching/my-sections: the sections the teacher teaches in a term (in the address),
// each with its class, periods and room, and where its grade sheet stands (未录入, 草稿, 已提交);
// 登分 opens the sheet. An advisor who teaches its own class sees those sections here too.
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Grid, Skeleton, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { getGradesRoute } from '#shared/api/grades.ts';
import { listSectionsRoute } from '#shared/api/teaching.ts';
import { ApiClientError, request, type ResponseOf } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { sheetKey } from '../grades/keys.ts';
import { allPages } from '../../components/useCursorList.ts';
import { SECTIONS_KEY, slotsText, useClassNames, type Section } from './data.ts';
import { termLabel } from './term.ts';
import { useTermParam } from './useTermParam.ts';
import { TermPicker } from './TermPicker.tsx';

type Sheet = ResponseOf<typeof getGradesRoute>;

/** Where a sheet stands, as a tag. */
function SheetStatus({ sheet }: { sheet: Sheet | undefined }) {
  if (!sheet) return <Tag>…</Tag>;
  if (sheet.status === 'submitted') return <Tag color="green">已提交</Tag>;
  if (sheet.grades.length === 0) return <Tag>未录入</Tag>;
  return <Tag color="orange">草稿 · 已录 {sheet.grades.length} 人</Tag>;
}

export default function MySectionsPage() {
  const me = useMe();
  const wide = Grid.useBreakpoint().md ?? true;
  const [term, setTerm] = useTermParam();
  const teaches = me.role === 'teacher' || me.role === 'class_advisor';
  // A teacher's sections are looked up in its school; an advisor reads its own class only.
  const scope = me.role === 'class_advisor' ? { classId: me.orgId } : {};
  const sections = useQuery({
    queryKey: [...SECTIONS_KEY, term, 'teacher', me.userId],
    enabled: teaches,
    queryFn: () => allPages(async (cursor) => (await request(listSectionsRoute, { query: { term, teacherId: me.userId, ...scope, limit: 200, cursor } })).data),
  });
  const items = sections.data ?? [];
  const className = useClassNames(items.map((section) => section.classId));
  const sheets = useQueries({ queries: items.map((section) => ({ queryKey: sheetKey(section.sectionId), queryFn: async () => (await request(getGradesRoute, { params: { sectionId: section.sectionId } })).data })) });
  const sheetOf = (sectionId: string) => sheets[items.findIndex((section) => section.sectionId === sectionId)]?.data;
  if (!teaches) return <ErrorState error={new ApiClientError(403, { message: '我的教学班供任课教师使用' })} />;

  const action = (section: Section) => {
    const submitted = sheetOf(section.sectionId)?.status === 'submitted';
    return (
      <Link to={`/teaching/sections/${encodeURIComponent(section.sectionId)}/grades`}>
        <Button type={submitted ? 'default' : 'primary'} size={wide ? 'small' : 'middle'} icon={submitted ? <EyeOutlined /> : <EditOutlined />}>
          {submitted ? '查看成绩' : '登分'}
        </Button>
      </Link>
    );
  };

  let body: React.ReactNode;
  if (sections.isPending) body = <Skeleton active />;
  else if (sections.isError) body = <ErrorState error={sections.error} onRetry={() => void sections.refetch()} />;
  else if (items.length === 0) {
    body = (
      <Card>
        <Empty description={`您在${termLabel(term)}没有任教的教学班。任课教师由学校教务在“排课”中安排；如有遗漏，请联系教务。`} />
      </Card>
    );
  } else if (!wide) {
    body = (
      <Flex vertical gap={8}>
        {items.map((section) => (
          <Card key={section.sectionId} size="small" data-testid="my-section" data-section={section.sectionId}>
            <Flex justify="space-between" align="flex-start" gap={8}>
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text strong>
                  {section.courseName} <Typography.Text type="secondary">· {className(section.classId)}</Typography.Text>
                </Typography.Text>
                <Typography.Text type="secondary">{slotsText(section.slots, true)}</Typography.Text>
                <Typography.Text type="secondary">
                  {section.credits} 学分{section.room ? ` · 教室 ${section.room}` : ''}
                </Typography.Text>
                <div>
                  <SheetStatus sheet={sheetOf(section.sectionId)} />
                </div>
              </Flex>
              {action(section)}
            </Flex>
          </Card>
        ))}
      </Flex>
    );
  } else {
    body = (
      <Table<Section>
        rowKey="sectionId"
        size="middle"
        pagination={false}
        dataSource={items}
        onRow={(section) => ({ 'data-testid': 'my-section', 'data-section': section.sectionId }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '课程', dataIndex: 'courseName' },
          { title: '班级', dataIndex: 'classId', render: (id: string) => className(id) },
          { title: '学分', dataIndex: 'credits', align: 'right', width: 70 },
          { title: '上课时间', dataIndex: 'slots', render: (slots: Section['slots']) => slotsText(slots, true) },
          { title: '教室', dataIndex: 'room', width: 100, render: (room?: string) => room ?? <Typography.Text type="secondary">未安排</Typography.Text> },
          { title: '成绩', key: 'sheet', width: 150, render: (_, section) => <SheetStatus sheet={sheetOf(section.sectionId)} /> },
          { title: '操作', key: 'action', width: 130, render: (_, section) => action(section) },
        ]}
      />
    );
  }

  return (
    <Flex vertical gap={12}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          我的教学班
        </Typography.Title>
        <Typography.Text type="secondary">本学期您任教的教学班。点“登分”录入成绩，保存草稿后可随时继续；全部录完后提交，提交后锁定。</Typography.Text>
      </Flex>
      <Card size="small">
        <TermPicker value={term} onChange={(next) => next && setTerm(next)} />
      </Card>
      {body}
    </Flex>
  );
}
