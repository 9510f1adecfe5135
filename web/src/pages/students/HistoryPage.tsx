// 变更历史: every change of the record, newest first, as a timeline: who (name and role), when,
// what it was and what it became. The enrolment entry lists every field entered; it is folded. An
// approved status change (学籍异动) links to its case and names the school and class it moved to.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Collapse, Descriptions, Flex, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { formatTime } from '../../components/format.ts';
import { useCursorList } from '../../components/useCursorList.ts';
import { Link, useParams } from 'react-router';
import { getChangeRoute } from '#shared/api/changes.ts';
import { getOrgRoute } from '#shared/api/identity.ts';
import { getStudentRoute, studentHistoryRoute } from '#shared/api/students.ts';
import { CHANGE_TYPE_LABEL, RECORD_STATUS_LABEL, type ChangeType, type RecordStatus } from '#shared/domain/changes/kinds.ts';
import { ROLE_LABEL, type Role } from '#shared/domain/roles.ts';
import { request, type ResponseOf } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { codeLabel, FIELD_LABELS, GUARDIAN_FIELDS, SECTIONS } from '../../students/fields.ts';

type Entry = ResponseOf<typeof studentHistoryRoute>['items'][number];

const ACTIONS: Record<string, { label: string; color: string }> = {
  enrol: { label: '新生注册', color: 'green' },
  update: { label: '修改', color: 'blue' },
  delete: { label: '删除', color: 'red' },
  'correction.propose': { label: '学生提交校对申请', color: 'orange' },
  'correction.accept': { label: '采纳学生校对申请', color: 'blue' },
  'correction.reject': { label: '退回学生校对申请', color: 'gray' },
  confirm: { label: '学生确认信息无误', color: 'green' },
  'photo.upload': { label: '上传照片', color: 'cyan' },
  'photo.accept': { label: '照片通过核验', color: 'green' },
  'photo.reject': { label: '照片未通过核验', color: 'gray' },
  ...Object.fromEntries(Object.entries(CHANGE_TYPE_LABEL).map(([type, label]) => [`change.${type}`, { label: `学籍异动：${label}`, color: 'purple' }])),
};

/** Fields a status change moves that the record does not show as such: their place is said by 学校 and 班级. */
const PLACE_DETAILS = new Set(['gradeId', 'countyId', 'orgPath']);
const MORE_LABELS: Record<string, string> = { status: '学籍状态', schoolId: '学校', grade: '年级 (入学年份)', nationalStudentNo: '全国学籍号', classSeatNo: '班内学号' };
const ORG_FIELDS = new Set(['schoolId', 'classId']);

/**
 * An organisation by name where the reader may see it; the other side of a transfer is outside
 * its scope, so its school is named as the case names its parties, and a class by its code.
 */
function OrgName({ orgId, known }: { orgId: string; known: ReadonlyMap<string, string> }) {
  const org = useQuery({ queryKey: ['org', orgId], queryFn: async () => (await request(getOrgRoute, { params: { orgId } })).data, staleTime: 5 * 60_000 });
  return <>{org.data?.name ?? known.get(orgId) ?? orgId}</>;
}

/** The organisations a status change names (applicant and approvers), by id. */
function useCaseOrgNames(changeId: string | undefined): ReadonlyMap<string, string> {
  const change = useQuery({ queryKey: ['change', changeId], enabled: Boolean(changeId), queryFn: async () => (await request(getChangeRoute, { params: { changeId: changeId! } })).data });
  const data = change.data;
  return new Map(data ? [[data.applicant.orgId, data.applicant.orgName], ...data.steps.map((step) => [step.orgId, step.orgName] as const)] : []);
}

function ValueOf({ field, value, known }: { field: string; value: unknown; known: ReadonlyMap<string, string> }) {
  if (ORG_FIELDS.has(field) && typeof value === 'string' && value) return <OrgName orgId={value} known={known} />;
  if (field === 'status' && typeof value === 'string') return <>{RECORD_STATUS_LABEL[value as RecordStatus] ?? value}</>;
  return <>{showValue(field, value)}</>;
}

const TABLES = new Map(SECTIONS.flatMap((section) => section.fields.map((field) => [field.key, field.table] as const)));
const GUARDIAN_LABELS = new Map(GUARDIAN_FIELDS.map((field) => [field.key, field] as const));

function showValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (field === 'guardians' && Array.isArray(value)) {
    return value.map((guardian: Record<string, unknown>, index) => `家庭成员${index + 1}：${Object.entries(guardian).map(([key, inner]) => `${GUARDIAN_LABELS.get(key)?.label ?? key} ${codeLabel(GUARDIAN_LABELS.get(key)?.table, inner)}`).join('，')}`).join('；');
  }
  if (field === 'deleted' && typeof value === 'object') return `原因：${(value as { reason?: string }).reason ?? ''}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return codeLabel(TABLES.get(field), value);
}

function Changes({ entry }: { entry: Entry }) {
  const known = useCaseOrgNames(entry.changeId);
  if (entry.changes.length === 0) return null;
  const rows = (
    <Descriptions
      column={1}
      size="small"
      bordered
      items={entry.changes
        .filter((change) => !(entry.action.startsWith('change.') && PLACE_DETAILS.has(change.field)))
        .map((change) => ({
          key: change.field,
          label: FIELD_LABELS[change.field] ?? MORE_LABELS[change.field] ?? change.field,
          children:
            entry.action === 'enrol' ? (
              showValue(change.field, change.new)
            ) : (
              <span>
                <Typography.Text delete type="secondary">
                  <ValueOf field={change.field} value={change.old} known={known} />
                </Typography.Text>
                {' → '}
                <Typography.Text strong>
                  <ValueOf field={change.field} value={change.new} known={known} />
                </Typography.Text>
              </span>
            ),
        }))}
    />
  );
  return entry.action === 'enrol' ? <Collapse size="small" items={[{ key: 'all', label: `注册时填写的 ${entry.changes.length} 项`, children: rows }]} /> : rows;
}

export default function HistoryPage() {
  const { studentId = '' } = useParams();
  const student = useQuery({ queryKey: ['student', studentId, 'name'], queryFn: async () => (await request(getStudentRoute, { params: { studentId } })).data });
  const history = useCursorList(['history', studentId], async (cursor) => (await request(studentHistoryRoute, { params: { studentId }, query: { limit: 20, cursor } })).data);
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  const entries = history.items;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          变更历史{student.data ? ` · ${student.data.name}` : ''}
        </Typography.Title>
        <Link to={`/students/${studentId}`}>返回学籍档案</Link>
      </Flex>
      <Card>
        {history.isPending ? (
          <Skeleton active />
        ) : (
          <Timeline
            items={entries.map((entry) => ({
              color: ACTIONS[entry.action]?.color ?? 'blue',
              content: (
                <Space orientation="vertical" style={{ width: '100%' }} data-testid="history-entry">
                  <Space wrap size={4}>
                    <Tag color={ACTIONS[entry.action]?.color}>{ACTIONS[entry.action]?.label ?? entry.action}</Tag>
                    <Typography.Text>{formatTime(entry.at)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {entry.actor.displayName}
                      {entry.actor.role in ROLE_LABEL ? `（${ROLE_LABEL[entry.actor.role as Role]}）` : entry.actor.role === 'system' ? '（全部审核通过后自动变更）' : ''}
                    </Typography.Text>
                  </Space>
                  {entry.reason && <Typography.Text>原因/说明：{entry.reason}</Typography.Text>}
                  {entry.changeId && (
                    <Link to={`/changes/${entry.changeId}`} data-testid="history-change-link">
                      查看{CHANGE_TYPE_LABEL[entry.action.slice('change.'.length) as ChangeType] ?? '异动'}申请及审批流程
                    </Link>
                  )}
                  <Changes entry={entry} />
                </Space>
              ),
            }))}
          />
        )}
        {history.hasNextPage && (
          <Button block loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
            加载更早的记录
          </Button>
        )}
      </Card>
    </Space>
  );
}
