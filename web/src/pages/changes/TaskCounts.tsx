// 首页's line for 学籍异动: how many steps wait for the caller's organisation (待办业务 N 条), and
// per kind, each one click from its list.
import { SwapOutlined } from '@ant-design/icons';
import { Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { CHANGE_TYPES } from '#shared/domain/changes/kinds.ts';
import type { Me } from '../../auth/session.tsx';
import { CHANGE_TYPE_LABEL } from './labels.ts';
import { useTaskSummary } from './useTaskSummary.ts';

export function ChangeTasksItem({ me }: { me: Me }) {
  const summary = useTaskSummary(me.role);
  const counts = summary.data?.counts ?? {};
  const kinds = CHANGE_TYPES.filter((kind) => (counts[kind] ?? 0) > 0);
  return (
    <List.Item
      actions={[
        <Link key="go" to="/tasks">
          去处理
        </Link>,
      ]}
    >
      <List.Item.Meta
        avatar={<SwapOutlined style={{ fontSize: 20 }} />}
        title={me.role === 'school_registrar' ? '学籍异动' : '学籍异动审核'}
        description={
          summary.isError ? (
            <Typography.Text type="secondary">待办数量读取失败</Typography.Text>
          ) : kinds.length === 0 ? (
            summary.isPending ? '…' : '没有待审核的异动申请'
          ) : (
            <Flex wrap gap={4}>
              {kinds.map((kind) => (
                <Link key={kind} to={`/tasks?type=${kind}`}>
                  <Tag color="orange" style={{ cursor: 'pointer' }}>
                    {CHANGE_TYPE_LABEL[kind]} {counts[kind]} 条
                  </Tag>
                </Link>
              ))}
            </Flex>
          )
        }
      />
      <span data-testid="pending-changes">待办业务 {summary.data?.total ?? '…'} 条</span>
    </List.Item>
  );
}
