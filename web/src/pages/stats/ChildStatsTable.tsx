// Each direct child of the organisation with its counts: a bar chart of their students (the largest
// CHART_TOP, so a county of many schools stays readable) above a table of every child's numbers; a
// child's name opens its own statistics.
import { Flex, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import type { getStatsRoute } from '#shared/api/stats.ts';
import { CountBars } from './CountBars.tsx';

type Child = NonNullable<ResponseOf<typeof getStatsRoute>['children']>[number];

const CHART_TOP = 15;

/**
 * The children's names without the area they all share, for the chart's narrow axis: 广州市天河区华景中学
 * reads 华景中学 among 天河区's schools (cut only after 省, 市, 区, 县, 旗 or 盟, so 2024级 (三年级) stays
 * whole); the table below keeps the full names.
 */
function shortName(names: string[]): (name: string) => string {
  if (names.length < 2) return (name) => name;
  const shared = names.reduce((prefix, name) => {
    let i = 0;
    while (i < prefix.length && prefix[i] === name[i]) i += 1;
    return prefix.slice(0, i);
  });
  const cut = Math.max(...[...'省市区县旗盟'].map((mark) => shared.lastIndexOf(mark))) + 1;
  return (name) => (cut > 0 && name.length > cut ? name.slice(cut) : name);
}

export function ChildStatsTable({ items }: { items: Child[] }) {
  const number = (title: string, count: (child: Child) => number) => ({ title, key: title, align: 'right' as const, render: (_: unknown, child: Child) => count(child), sorter: (a: Child, b: Child) => count(a) - count(b) });
  const short = shortName(items.map((child) => child.name));
  return (
    <Flex vertical gap={8}>
      {items.length > 1 && (
        <>
          <Typography.Text type="secondary">
            在籍学生{items.length > CHART_TOP ? ` (最多的 ${CHART_TOP} 个，共 ${items.length} 个见下表)` : ''}
          </Typography.Text>
          <CountBars
            testId="stats-children-chart"
            title="在籍学生"
            table={false}
            top={CHART_TOP}
            other={false}
            bars={items.map((child) => ({ key: child.orgId, label: short(child.name), count: child.counts.students }))}
          />
        </>
      )}
      <Table<Child>
        data-testid="stats-children"
        rowKey="orgId"
        size="small"
        pagination={false}
        scroll={{ x: 820 }}
        dataSource={items}
        columns={[
          { title: '机构', key: 'name', fixed: 'left', width: 200, render: (_, child) => <Link to={`/stats?orgId=${encodeURIComponent(child.orgId)}`}>{child.name}</Link> },
          { ...number('在籍学生', (child) => child.counts.students), defaultSortOrder: 'descend' as const },
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
    </Flex>
  );
}
