// An import's rows counted: after the check, what would happen to each (可导入, 已有学籍跳过, 有错误);
// after the run, what did (已新建学籍, 已有学籍跳过, 未导入).
import { Col, Row, Statistic } from 'antd';
import type { ImportView } from './data.ts';

export function ImportCounts({ view, written }: { view: ImportView; written: boolean }) {
  const items = written
    ? [
        { key: 'created', title: '已新建学籍', value: view.created, color: '#389e0d' },
        { key: 'skipped', title: '已有学籍，跳过', value: view.skipped, color: undefined },
        { key: 'failed', title: '有错误，未导入', value: view.failed, color: view.failed > 0 ? '#cf1322' : undefined },
      ]
    : [
        { key: 'ready', title: '可导入', value: view.ready, color: '#389e0d' },
        { key: 'skipped', title: '已有学籍，将跳过', value: view.skipped, color: undefined },
        { key: 'failed', title: '有错误', value: view.failed, color: view.failed > 0 ? '#cf1322' : undefined },
      ];
  return (
    <Row gutter={[16, 16]} data-testid="import-counts">
      <Col xs={12} sm={6}>
        <Statistic title="文件中的学生" value={view.job?.total ?? 0} suffix="行" data-testid="count-total" />
      </Col>
      {items.map((item) => (
        <Col xs={12} sm={6} key={item.key}>
          <Statistic title={item.title} value={item.value} suffix="行" styles={{ content: item.color ? { color: item.color } : {} }} data-testid={`count-${item.key}`} />
        </Col>
      ))}
    </Row>
  );
}
