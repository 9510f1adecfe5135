// Cases as rows: a table on a desktop, cards on a phone. Each opens its case.
import { Flex, Grid, List, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { formatTime } from '../../components/format.ts';
import { whereNow, type Change } from './case.ts';
import { CaseStatusTag } from './CaseStatusTag.tsx';
import { CHANGE_TYPE_LABEL } from './labels.ts';

/** Where the case stands in words: the office it waits at, or how it ended. */
function progress(change: Change): string {
  if (change.status === 'pending') return whereNow(change) ?? '';
  if (change.status === 'rejected') return `${change.steps.find((step) => step.status === 'rejected')?.orgName ?? ''}退回`;
  return change.completedAt ? `${formatTime(change.completedAt)} 办结` : '';
}

export function ChangeRows({ changes, showStudent = true }: { changes: Change[]; showStudent?: boolean }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const navigate = useNavigate();
  const open = (change: Change) => void navigate(`/changes/${change.changeId}`);
  if (wide) {
    return (
      <Table<Change>
        rowKey="changeId"
        size="middle"
        pagination={false}
        dataSource={changes}
        onRow={(change) => ({ onDoubleClick: () => open(change), 'data-testid': 'change-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          ...(showStudent ? [{ title: '学生', dataIndex: 'studentName', render: (name: string, change: Change) => <Link to={`/changes/${change.changeId}`}>{name}</Link> }] : []),
          { title: '异动类型', dataIndex: 'type', render: (type: Change['type'], change: Change) => (showStudent ? <Tag color="blue">{CHANGE_TYPE_LABEL[type]}</Tag> : <Link to={`/changes/${change.changeId}`}>{CHANGE_TYPE_LABEL[type]}</Link>) },
          { title: '状态', dataIndex: 'status', render: (status: Change['status']) => <CaseStatusTag status={status} /> },
          { title: '进度', key: 'progress', render: (_: unknown, change: Change) => progress(change) },
          { title: '申请单位', key: 'applicant', render: (_: unknown, change: Change) => change.applicant.orgName },
          { title: '申请时间', dataIndex: 'createdAt', render: (at: string) => formatTime(at) },
        ]}
      />
    );
  }
  return (
    <List<Change>
      dataSource={changes}
      renderItem={(change) => (
        <List.Item onClick={() => open(change)} style={{ cursor: 'pointer', background: '#fff', paddingInline: 12, marginBottom: 8, borderRadius: 8 }} data-testid="change-row">
          <List.Item.Meta
            title={
              <Flex gap={6} align="center" wrap>
                <Link to={`/changes/${change.changeId}`}>{showStudent ? change.studentName : CHANGE_TYPE_LABEL[change.type]}</Link>
                {showStudent && <Tag color="blue">{CHANGE_TYPE_LABEL[change.type]}</Tag>}
                <CaseStatusTag status={change.status} />
              </Flex>
            }
            description={
              <Flex vertical>
                <Typography.Text type="secondary">
                  {change.applicant.orgName} · {formatTime(change.createdAt)}
                </Typography.Text>
                <Typography.Text type="secondary">{progress(change)}</Typography.Text>
              </Flex>
            }
          />
        </List.Item>
      )}
    />
  );
}
