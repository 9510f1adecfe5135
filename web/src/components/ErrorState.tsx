// What a page shows when its data could not be had: a refusal explained in words, never JSON.
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { ApiClientError } from '../api/client.ts';

export function explain(error: unknown): { title: string; detail: string; status: '403' | '404' | '500' | 'warning' } {
  if (error instanceof ApiClientError) {
    if (error.status === 403) return { status: '403', title: '无权访问', detail: `${error.message}。如需此权限，请联系上级管理员。` };
    if (error.status === 404) return { status: '404', title: '未找到', detail: error.message };
    if (error.status === 0) return { status: 'warning', title: '网络连接失败', detail: error.message };
    if (error.status === 429) return { status: 'warning', title: '操作过于频繁', detail: error.message };
    if (error.status >= 500) return { status: '500', title: '服务暂时不可用', detail: error.message };
    return { status: 'warning', title: '请求未能完成', detail: error.message };
  }
  return { status: '500', title: '页面出错了', detail: '请刷新页面重试；如仍出现，请联系管理员。' };
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { status, title, detail } = explain(error);
  return (
    <Result
      status={status}
      title={title}
      subTitle={detail}
      extra={[
        onRetry && (
          <Button key="retry" type="primary" onClick={onRetry}>
            重试
          </Button>
        ),
        <Link key="home" to="/">
          <Button>返回首页</Button>
        </Link>,
      ]}
    />
  );
}
