// Counts as a horizontal bar chart (recharts), one bar a category with its count written at its
// end. `order` says how the bars run: 'count' largest first (the default), 'key' by their code (a
// grade's entry year, 1 男 before 2 女), 'given' as passed. `top` keeps the largest few and adds
// the rest up as 其他 (with `other: false`, the rest are left out instead). A bar of zero stays (a
// special group nobody belongs to is worth seeing); codes never counted are not among the bars.
// Beside the chart, a visually hidden table of the same numbers: what screen readers read (the
// chart itself is hidden from them), and what the page's text says (男123, 2024级45).
// Only the pieces used are imported from recharts, so the stats page's chunk carries only those.
import { Empty } from 'antd';
import { Bar as RechartsBar, BarChart, LabelList, XAxis, YAxis } from 'recharts';

export interface Bar {
  key: string;
  label: string;
  count: number;
}

const ROW_HEIGHT = 30;
const TICK_CHARS = 11;
const TEXT = 'rgba(0, 0, 0, 0.88)';
const visuallyHidden: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** Long names (a school's) cut on the axis; the table beside the chart has them whole. */
const tick = (label: string) => (label.length > TICK_CHARS ? `${label.slice(0, TICK_CHARS - 1)}…` : label);

function ordered(bars: Bar[], order: 'count' | 'key' | 'given', top: number | undefined, other: boolean): Bar[] {
  const sorted = order === 'given' ? bars : [...bars].sort(order === 'key' ? (a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }) : (a, b) => b.count - a.count);
  if (!top || sorted.length <= top) return sorted;
  const byCount = order === 'count' ? sorted : [...sorted].sort((a, b) => b.count - a.count);
  if (!other) return byCount.slice(0, top);
  return [...byCount.slice(0, top - 1), { key: 'other', label: '其他', count: byCount.slice(top - 1).reduce((sum, bar) => sum + bar.count, 0) }];
}

export function CountBars({
  bars,
  title,
  top,
  other = true,
  order = 'count',
  color = '#1677ff',
  table = true,
  testId,
}: {
  bars: Bar[];
  /** What the bars count, the hidden table's caption. */
  title: string;
  top?: number;
  other?: boolean;
  order?: 'count' | 'key' | 'given';
  color?: string;
  /** false when the same numbers are already on the page in a table of their own. */
  table?: boolean;
  testId: string;
}) {
  const shown = ordered(bars, order, top, other);
  if (shown.length === 0) {
    return (
      <div data-testid={testId}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" />
      </div>
    );
  }
  const widest = Math.max(...shown.map((bar) => String(bar.count).length));
  return (
    <div data-testid={testId} style={{ position: 'relative' }}>
      <div aria-hidden>
        <BarChart
          responsive
          style={{ width: '100%', height: shown.length * ROW_HEIGHT + 8 }}
          data={shown}
          layout="vertical"
          accessibilityLayer={false}
          margin={{ top: 4, right: widest * 8 + 12, bottom: 4, left: 0 }}
          barCategoryGap={7}
        >
          <XAxis type="number" hide allowDecimals={false} domain={[0, (dataMax: number) => Math.max(dataMax, 1)]} />
          <YAxis
            type="category"
            dataKey="label"
            width="auto"
            interval={0}
            tickLine={false}
            axisLine={{ stroke: '#d9d9d9' }}
            tickFormatter={tick}
            tick={{ fill: TEXT, fontSize: 13 }}
          />
          <RechartsBar dataKey="count" fill={color} radius={[0, 4, 4, 0]} maxBarSize={18} minPointSize={2} isAnimationActive={false}>
            <LabelList dataKey="count" position="right" offset={6} fill={TEXT} fontSize={12} fontWeight={600} />
          </RechartsBar>
        </BarChart>
      </div>
      {table && (
        <table style={visuallyHidden}>
          <caption>{title}</caption>
          <tbody>
            {shown.map((bar) => (
              <tr key={bar.key} data-testid={`${testId}-${bar.key}`}>
                <th scope="row">{bar.label}</th>
                <td>{bar.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
