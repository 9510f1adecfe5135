// Counts as horizontal bars (antd Progress), largest first: the dashboard's charts without a chart
// library. `top` keeps the largest few and adds the rest up as 其他. A bar of zero stays (a special
// group nobody belongs to is worth seeing); codes never counted are not among the bars.
import { Empty, Flex, Progress, Typography } from 'antd';

export interface Bar {
  key: string;
  label: string;
  count: number;
}

export function CountBars({ bars, total, top, color, testId }: { bars: Bar[]; total: number; top?: number; color?: string; testId: string }) {
  const sorted = [...bars].sort((a, b) => b.count - a.count);
  const shown = top && sorted.length > top ? [...sorted.slice(0, top - 1), { key: 'other', label: '其他', count: sorted.slice(top - 1).reduce((sum, bar) => sum + bar.count, 0) }] : sorted;
  if (shown.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" />;
  return (
    <Flex vertical gap={6} data-testid={testId}>
      {shown.map((bar) => (
        <Flex key={bar.key} align="center" gap={8} data-testid={`${testId}-${bar.key}`}>
          <Typography.Text style={{ width: 88, flex: 'none' }} ellipsis>
            {bar.label}
          </Typography.Text>
          <Progress percent={total > 0 ? (bar.count / total) * 100 : 0} showInfo={false} strokeColor={color} style={{ flex: 1, margin: 0 }} />
          <Typography.Text strong style={{ width: 56, flex: 'none', textAlign: 'right' }}>
            {bar.count}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
