// 统计 at /stats (?orgId= for one of the caller's area, its own by default): the organisation's
// students on roll, on leave, open problem records and pending cases, bar charts (recharts, in this
// lazily loaded page's chunks only) by grade, gender, ethnicity (the largest) and special groups,
// and its direct children side by side, each opening its own. The counts follow the records a few
// seconds behind (kept from the records' stream).
import { BarChartOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { getStatsRoute } from '#shared/api/stats.ts';
import { ETHNICITY, GENDER } from '#shared/domain/code-tables.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { CHILD_KIND_LABEL } from '../../labels.ts';
import { ChildStatsTable } from './ChildStatsTable.tsx';
import { CountBars, type Bar } from './CountBars.tsx';

const OFFICES = new Set(['province_admin', 'city_admin', 'county_admin', 'school_registrar']);
const SPECIAL_LABEL = { migrant: '随迁子女', leftBehind: '留守儿童', orphan: '孤儿', disability: '残疾' } as const;

const barsOf = (counts: Record<string, number>, label: (code: string) => string): Bar[] => Object.entries(counts).map(([key, count]) => ({ key, label: label(key), count }));

export default function StatsPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const orgId = params.get('orgId') ?? me.orgId;
  const stats = useQuery({
    queryKey: ['stats', orgId],
    enabled: OFFICES.has(me.role),
    queryFn: async () => (await request(getStatsRoute, { query: { orgId, children: 'true' } })).data,
  });
  if (!OFFICES.has(me.role)) return <ErrorState error={new ApiClientError(403, { message: '统计供学校学籍管理员和教育行政部门查看' })} />;
  if (stats.isPending) return <Skeleton active />;
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;

  const { counts, children = [] } = stats.data;
  const card = (title: string, body: React.ReactNode) => (
    <Col xs={24} md={12}>
      <Card title={title} size="small" style={{ height: '100%' }}>
        {body}
      </Card>
    </Col>
  );
  const childLabel = CHILD_KIND_LABEL[stats.data.kind];
  return (
    <Flex vertical gap={12} style={{ maxWidth: 1100 }} data-testid="stats-page">
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Flex vertical gap={4}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            <BarChartOutlined /> 统计 · {stats.data.name}
          </Typography.Title>
          <Typography.Text type="secondary">在籍学生 (含休学) 的人数，随学籍的每次变更自动更新，通常数秒内反映。</Typography.Text>
        </Flex>
        <Flex gap={8}>
          {orgId !== me.orgId && <Link to="/stats">返回本级</Link>}
          <Button icon={<ReloadOutlined />} loading={stats.isFetching} onClick={() => void stats.refetch()}>
            刷新
          </Button>
        </Flex>
      </Flex>
      <Row gutter={[12, 12]}>
        {[
          ['在籍学生', counts.students, 'stats-students'],
          ['其中休学', counts.byStatus.leave ?? 0, 'stats-leave'],
          ['待处理问题学籍', counts.openProblems.total, 'stats-problems'],
          ['办理中异动', counts.pendingCases.total, 'stats-cases'],
        ].map(([title, value, testId]) => (
          <Col key={testId} xs={12} md={6}>
            <Card size="small" data-testid={testId}>
              <Statistic title={title} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        {card('按年级', <CountBars testId="stats-grade" title="按年级 (入学年份)" order="key" bars={barsOf(counts.byGrade, (code) => `${code}级`)} />)}
        {card('按性别', <CountBars testId="stats-gender" title="按性别" order="key" color="#722ed1" bars={barsOf(counts.byGender, (code) => GENDER[code] ?? code)} />)}
        {card('按民族 (前 8)', <CountBars testId="stats-ethnicity" title="按民族 (前 8)" top={8} color="#13c2c2" bars={barsOf(counts.byEthnicity, (code) => ETHNICITY[code] ?? code)} />)}
        {card(
          '特殊群体',
          <CountBars testId="stats-special" title="特殊群体" order="given" color="#fa8c16" bars={Object.entries(SPECIAL_LABEL).map(([key, label]) => ({ key, label, count: counts.special[key as keyof typeof SPECIAL_LABEL] }))} />,
        )}
      </Row>
      {childLabel && children.length > 0 && (
        <Card title={`各${childLabel}`} size="small">
          <ChildStatsTable items={children} />
        </Card>
      )}
    </Flex>
  );
}
