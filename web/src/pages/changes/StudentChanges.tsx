// A record's 异动记录: its cases, newest first, as far as the caller may see them; and, at the top
// of the record, a notice of the case still open (one at a time per student).
import { Alert, Button, Card, Dropdown, Empty, Skeleton } from 'antd';
import { DownOutlined, SwapOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { listChangesRoute } from '#shared/api/changes.ts';
import type { RecordStatus } from '#shared/domain/changes/kinds.ts';
import { request } from '../../api/client.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useCursorList } from '../../components/useCursorList.ts';
import { CHANGES_KEY, whereNow } from './case.ts';
import { ChangeRows } from './ChangeRows.tsx';
import { CHANGE_TYPE_LABEL, kindsFor } from './labels.ts';

export function useStudentChanges(studentId: string) {
  return useCursorList([...CHANGES_KEY, 'student', studentId], async (cursor) => (await request(listChangesRoute, { query: { studentId, limit: 10, cursor } })).data);
}

export function StudentChanges({ studentId }: { studentId: string }) {
  const changes = useStudentChanges(studentId);
  return (
    <Card title="异动记录" size="small" data-testid="student-changes">
      {changes.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : changes.isError ? (
        <Alert type="warning" showIcon title="异动记录读取失败" description={changes.error.message} />
      ) : changes.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有学籍异动" />
      ) : (
        <>
          <ChangeRows changes={changes.items} showStudent={false} />
          <LoadMore hasMore={changes.hasNextPage} loading={changes.isFetchingNextPage} count={changes.items.length} onLoad={() => void changes.fetchNextPage()} />
        </>
      )}
    </Card>
  );
}

/** The student's open case, if any: the newest are first, and only one can be open. */
export function OpenCaseNotice({ studentId }: { studentId: string }) {
  const changes = useStudentChanges(studentId);
  const open = changes.items.find((change) => change.status === 'pending');
  if (!open) return null;
  return (
    <Alert
      type="info"
      showIcon
      title={`该学生有未办结的${CHANGE_TYPE_LABEL[open.type]}申请（${whereNow(open) ?? '审核中'}），办结或撤销前不能再申请其他异动`}
      action={<Link to={`/changes/${open.changeId}`}>查看</Link>}
      data-testid="open-case"
    />
  );
}

/** 办理异动: the kinds this record's status allows, each opening its form. */
export function ApplyButton({ studentId, status }: { studentId: string; status: RecordStatus }) {
  const navigate = useNavigate();
  const kinds = kindsFor(status);
  if (kinds.length === 0) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{ items: kinds.map((kind) => ({ key: kind, label: CHANGE_TYPE_LABEL[kind] })), onClick: ({ key }) => void navigate(`/students/${studentId}/changes/new?type=${key}`) }}
    >
      <Button icon={<SwapOutlined />}>
        办理异动 <DownOutlined />
      </Button>
    </Dropdown>
  );
}
