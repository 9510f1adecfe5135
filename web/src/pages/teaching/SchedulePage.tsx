// 排课 at /teaching/schedule: a term's sections of the school or of one class (the term and the class
// in the address, so going back keeps them), each with its course, class, teacher, room and
// periods; 排课 on a section opens its arrangement (ArrangeDialog).
import { CalendarOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Grid, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { listSectionsRoute } from '#shared/api/teaching.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useCursorList } from '../../components/useCursorList.ts';
import { useSchoolClasses } from '../../components/useSchoolClasses.ts';
import { ArrangeDialog } from './ArrangeDialog.tsx';
import { SECTIONS_KEY, slotsText, type Section } from './data.ts';
import { termLabel } from './term.ts';
import { useTermParam } from './useTermParam.ts';
import { TermPicker } from './TermPicker.tsx';

const unset = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

function SectionCard({ section, className, onArrange }: { section: Section; className: string; onArrange: () => void }) {
  return (
    <Card size="small" data-testid="section" data-section={section.sectionId}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <Typography.Text strong>
            {section.courseName} <Typography.Text type="secondary">· {className}</Typography.Text>
          </Typography.Text>
          <span>任课教师：{section.teacherName ?? unset('未安排')}</span>
          <span>教室：{section.room ?? unset('未安排')}</span>
          <span>上课时间：{section.slots.length > 0 ? slotsText(section.slots, true) : unset('未排')}</span>
        </Flex>
        <Button onClick={onArrange}>排课</Button>
      </Flex>
    </Card>
  );
}

export default function SchedulePage() {
  const me = useMe();
  const wide = Grid.useBreakpoint().md ?? true;
  const registrar = me.role === 'school_registrar';
  const schoolId = me.orgId;
  const [term, setTerm] = useTermParam();
  const [params, setParams] = useSearchParams();
  const classId = params.get('classId') ?? undefined;
  const [arranging, setArranging] = useState<Section>();
  const classes = useSchoolClasses(schoolId, registrar);
  const names = new Map((classes.data ?? []).flatMap((group) => group.options.map((option) => [option.value, option.label] as const)));
  const className = (id: string) => names.get(id) ?? id;

  const sections = useCursorList(
    [...SECTIONS_KEY, term, 'list', classId ?? 'school'],
    async (cursor) => (await request(listSectionsRoute, { query: { term, ...(classId ? { classId } : { schoolId }), limit: 100, cursor } })).data,
    { enabled: registrar },
  );
  if (!registrar) return <ErrorState error={new ApiClientError(403, { message: '排课由本校学籍 (教务) 管理员办理' })} />;

  const pickClass = (value?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set('classId', value);
    else next.delete('classId');
    next.set('term', term);
    setParams(next, { replace: true });
  };

  const more = <LoadMore hasMore={sections.hasNextPage} loading={sections.isFetchingNextPage} count={sections.items.length} onLoad={() => void sections.fetchNextPage()} />;
  let body: React.ReactNode;
  if (sections.isPending) body = <Skeleton active />;
  else if (sections.isError) body = <ErrorState error={sections.error} onRetry={() => void sections.refetch()} />;
  else if (sections.items.length === 0 && !sections.hasNextPage) {
    body = (
      <Card>
        <Empty
          description={
            <span>
              {classId ? `${className(classId)}` : '本校'}在{termLabel(term)}还没有教学班。请先在 <Link to="/teaching/plans">教学计划</Link> 中为年级制定计划并生成教学班。
            </span>
          }
        />
      </Card>
    );
  } else if (!wide) {
    body = (
      <Flex vertical gap={8}>
        {sections.items.map((section) => (
          <SectionCard key={section.sectionId} section={section} className={className(section.classId)} onArrange={() => setArranging(section)} />
        ))}
      </Flex>
    );
  } else {
    body = (
      <Table<Section>
        rowKey="sectionId"
        size="middle"
        pagination={false}
        dataSource={sections.items}
        onRow={(section) => ({ 'data-testid': 'section', 'data-section': section.sectionId }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '班级', dataIndex: 'classId', width: 130, render: (id: string) => className(id) },
          { title: '课程', dataIndex: 'courseName', render: (name: string, section) => <span title={section.courseId}>{name}</span> },
          { title: '学分', dataIndex: 'credits', align: 'right', width: 70 },
          { title: '任课教师', dataIndex: 'teacherName', render: (name?: string) => name ?? unset('未安排') },
          { title: '教室', dataIndex: 'room', width: 100, render: (value?: string) => value ?? unset('未安排') },
          { title: '上课时间', dataIndex: 'slots', render: (slots: Section['slots']) => (slots.length > 0 ? slotsText(slots, true) : <Tag>未排</Tag>) },
          {
            title: '操作',
            key: 'arrange',
            width: 90,
            render: (_, section) => (
              <Button size="small" onClick={() => setArranging(section)}>
                排课
              </Button>
            ),
          },
        ]}
      />
    );
  }

  return (
    <Flex vertical gap={12}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          排课
        </Typography.Title>
        <Typography.Text type="secondary">为每个教学班安排任课教师、教室和上课时间。同一教师、教室或班级在同一时间只能有一门课。</Typography.Text>
      </Flex>
      <Card size="small">
        <Flex wrap gap={12} align="center">
          <TermPicker value={term} onChange={(next) => next && setTerm(next)} />
          <Select
            allowClear
            aria-label="班级"
            id="classId"
            style={{ minWidth: 200 }}
            placeholder="全校"
            loading={classes.isPending}
            value={classId}
            onChange={pickClass}
            options={classes.data ?? []}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <Link to="/teaching/plans">
            <Button type="link" icon={<CalendarOutlined />}>
              教学计划
            </Button>
          </Link>
        </Flex>
      </Card>
      {body}
      {more}
      <ArrangeDialog section={arranging} className={arranging ? className(arranging.classId) : ''} onClose={() => setArranging(undefined)} />
    </Flex>
  );
}
