// The foot of a paged list: "加载更多" while the API has more, the count once all is shown.
import { Button, Typography } from 'antd';

export function LoadMore({ hasMore, loading, count, onLoad }: { hasMore: boolean; loading: boolean; count: number; onLoad: () => void }) {
  if (hasMore) {
    return (
      <Button block loading={loading} onClick={onLoad}>
        加载更多
      </Button>
    );
  }
  if (count === 0) return null;
  return (
    <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center' }}>
      共 {count} 条，已全部显示
    </Typography.Text>
  );
}
