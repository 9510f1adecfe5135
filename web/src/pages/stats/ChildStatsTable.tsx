// Each direct child of the organisation with its counts, a bar for its share of the students;
// a child's name opens its own statistics.
import { Progress, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import type { getStatsRoute } from '#shared/api/stats.ts';

type Child = NonNullable<ResponseOf<typeof getStatsRoute>['children']>[number];

export function ChildStatsTable({ items, total }: { items: Child[]; total: number }) {
  const number = (title: string, count: (child: Child) => number) => ({ title, key: title, align: 'right' as const, render: (_: unknown, child: Child) => count(child), sorter: (a: Child, b: Child) => count(a) - count(b) });
  return (
    <Table<Child>
      data-testid="stats-children"
      rowKey="orgId"
      size="small"
      pagination={false}
      scroll={{ x: 820 }}
      dataSource={items}
      columns={[
        { title: '机构', key: 'name', fixed: 'left', width: 200, render: (_, child) => <Link to={`/stats?orgId=${encodeURIComponent(child.orgId)}`}>{child.name}</Link> },
        {
          title: '在籍学生',
          key: 'students',
          width: 200,
          defaultSortOrder: 'descend',
          sorter: (a, b) => a.counts.students - b.counts.students,
          render: (_, child) => (
            <Typography.Text style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Progress percent={total > 0 ? (child.counts.students / total) * 100 : 0} showInfo={false} size="small" style={{ flex: 1, margin: 0 }} />
              <span style={{ width: 44, textAlign: 'right' }}>{child.counts.students}</span>
            </Typography.Text>
          ),
        },
        number('男', (child) => child.counts.byGender['1'] ?? 0),
        number('女', (child) => child.counts.byGender['2'] ?? 0),
        number('随迁子女', (child) => child.counts.special.migrant),
        number('留守儿童', (child) => child.counts.special.leftBehind),
        number('孤儿', (child) => child.counts.special.orphan),
        number('残疾', (child) => child.counts.special.disability),
        number('问题学籍', (child) => child.counts.openProblems.total),
        number('办理中异动', (child) => child.counts.pendingCases.total),
      ]}
    />
  );
}
