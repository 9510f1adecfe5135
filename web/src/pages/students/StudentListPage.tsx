// 学生信息维护 / 学生查询: a class roster (by seat number), a school or county list (by name), with
// the grade and 学籍状态 filters (on roll by default; 毕业 and the others when asked) and search by
// name prefix, ID number or 全国学籍号. Filters live in the URL, so
// going back to the list keeps them; pages load on demand.
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Empty, Flex, Grid, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { getOrgRoute, listOrgChildrenRoute } from '#shared/api/identity.ts';
import { listStudentsRoute } from '#shared/api/students.ts';
import { RECORD_STATUS_LABEL, RECORD_STATUSES } from '#shared/domain/changes/kinds.ts';
import { GENDER } from '#shared/domain/code-tables.ts';
import type { OrgKind } from '#shared/domain/org.ts';
import { request, type ResponseOf } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { codeLabel } from '../../students/fields.ts';
import { RecordStatusTag } from '../../students/RecordStatusTag.tsx';
import { OrgPicker } from './OrgPicker.tsx';

type Row = ResponseOf<typeof listStudentsRoute>['items'][number];
const SCOPE_PARAMS = ['classId', 'schoolId', 'countyId'] as const;
const PAGE = 50;
const LISTED: readonly OrgKind[] = ['class', 'school', 'county'];
/** 学籍状态 a list can ask for (`transferred` is a history entry, never a record's status); none asked: the API's default, on roll. */
const LISTABLE = RECORD_STATUSES.filter((status) => status !== 'transferred');
const ALL_STATUSES = LISTABLE.join(',');
const STATUS_OPTIONS = [...LISTABLE.map((status) => ({ value: status as string, label: RECORD_STATUS_LABEL[status] })), { value: ALL_STATUSES, label: '全部状态' }];

function useOrg(orgId: string | undefined) {
  return useQuery({ queryKey: ['org', orgId], queryFn: async () => (await request(getOrgRoute, { params: { orgId: orgId! } })).data, enabled: Boolean(orgId), staleTime: 5 * 60_000 });
}

/** The ids from the caller's org down to `orgId`, for the picker (walking up by parentId). */
function usePathFrom(rootId: string, orgId: string | undefined) {
  return useQuery({
    queryKey: ['org-path', rootId, orgId],
    enabled: Boolean(orgId),
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const path: string[] = [];
      for (let id: string | null = orgId!; id; ) {
        path.unshift(id);
        if (id === rootId) break;
        id = (await request(getOrgRoute, { params: { orgId: id } })).data.parentId;
      }
      return path[0] === rootId ? path : [rootId];
    },
  });
}

export default function StudentListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const wide = Grid.useBreakpoint().md ?? true;
  const [params, setParams] = useSearchParams();
  const given = SCOPE_PARAMS.map((name) => [name, params.get(name)] as const).find(([, id]) => id);
  // Where a role lists by default: its class, school or county; a teacher its first class; a city
  // or the province chooses first (a whole city is not one list).
  const fallback = me.role === 'teacher' ? me.classIds?.[0] : me.role === 'province_admin' || me.role === 'city_admin' ? undefined : me.orgId;
  const scopeId = given?.[1] ?? fallback;
  const scope = useOrg(scopeId ?? undefined);
  const grade = params.get('grade') ?? undefined;
  const q = params.get('q') ?? undefined;
  const includeDeleted = params.get('includeDeleted') === 'true';
  const status = params.get('status') ?? undefined;
  const [search, setSearch] = useState(q ?? '');
  useEffect(() => setSearch(q ?? ''), [q]);

  const rootId = me.role === 'teacher' ? (scopeId ?? me.orgId) : me.orgId;
  const pickerPath = usePathFrom(rootId, scopeId ?? undefined);
  const grades = useQuery({
    queryKey: ['org-children', scope.data?.orgId],
    enabled: scope.data?.kind === 'school',
    queryFn: async () => (await request(listOrgChildrenRoute, { params: { orgId: scope.data!.orgId }, query: { limit: 50 } })).data.items,
  });

  const scopeParam: Partial<Record<(typeof SCOPE_PARAMS)[number], string>> = scope.data && (LISTED as readonly string[]).includes(scope.data.kind) ? { [`${scope.data.kind}Id`]: scope.data.orgId } : {};
  const students = useInfiniteQuery({
    queryKey: ['students', scopeParam, grade, q, includeDeleted, status],
    enabled: Boolean(q) || Object.keys(scopeParam).length > 0,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await request(listStudentsRoute, { query: { ...scopeParam, limit: PAGE, ...(grade ? { grade } : {}), ...(q ? { q } : {}), ...(status ? { status } : {}), ...(includeDeleted ? { includeDeleted: 'true' } : {}), ...(pageParam ? { cursor: pageParam } : {}) } })).data,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = students.data?.pages.flatMap((page) => page.items) ?? [];
  const classNames = useQueries({
    queries: [...new Set(rows.map((row) => row.classId))].map((classId) => ({ queryKey: ['org', classId], queryFn: async () => (await request(getOrgRoute, { params: { orgId: classId } })).data, staleTime: 5 * 60_000 })),
  });
  const className = (classId: string) => classNames.find((query) => query.data?.orgId === classId)?.data?.name ?? '';

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next);
  };
  const pick = (path: { orgId: string; kind: OrgKind }[]) => {
    const last = path[path.length - 1];
    if (!last) return;
    // A grade lists its school, filtered to the grade.
    if (last.kind === 'grade') {
      const school = path[path.length - 2];
      update({ classId: undefined, countyId: undefined, schoolId: school?.orgId, grade: last.orgId });
      return;
    }
    update({ classId: undefined, schoolId: undefined, countyId: undefined, grade: undefined, [`${last.kind}Id`]: last.orgId });
  };

  const canDelete = me.role === 'school_registrar' || me.role === 'county_admin';
  const needScope = Object.keys(scopeParam).length === 0 && !q && !scope.isPending;
  const columns = [
    { title: '全国学籍号', dataIndex: 'nationalStudentNo', render: (value: string, row: Row) => <Link to={`/students/${row.studentId}`}>{value}</Link> },
    { title: '姓名', dataIndex: 'name', render: (value: string, row: Row) => <Space size={4}>{value}{row.status !== 'enrolled' && <RecordStatusTag status={row.status} />}{row.deleted && <Tag color="red">已删除</Tag>}</Space> },
    { title: '性别', dataIndex: 'gender', render: (value: string) => codeLabel(GENDER, value) },
    { title: '出生日期', dataIndex: 'birthDate' },
    { title: '班级', dataIndex: 'classId', render: (value: string) => className(value) },
    { title: '班内学号', dataIndex: 'classSeatNo' },
    { title: '身份证件号', dataIndex: 'idNumber' },
    { title: '校对', dataIndex: 'confirmed', render: (value: boolean) => (value ? <Tag color="green">已确认</Tag> : <Tag>未确认</Tag>) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {me.role === 'school_registrar' ? '学生信息维护' : '学生查询'}
        </Typography.Title>
        {me.role === 'school_registrar' && (
          <Link to="/students/new">
            <Button type="primary" icon={<PlusOutlined />}>
              新生注册
            </Button>
          </Link>
        )}
      </Flex>
      <Card size="small">
        <Flex wrap gap={12} align="center">
          {me.role !== 'teacher' && me.role !== 'class_advisor' && <OrgPicker rootId={rootId} value={pickerPath.data ?? []} onChange={pick} />}
          {me.role === 'teacher' && (
            <Select style={{ minWidth: 200 }} value={scopeId} aria-label="班级" onChange={(classId: string) => update({ classId })} options={(me.classIds ?? []).map((classId) => ({ value: classId, label: className(classId) || classId }))} />
          )}
          {scope.data?.kind === 'school' && (
            <Select
              allowClear
              style={{ minWidth: 160 }}
              placeholder="全部年级"
              aria-label="年级"
              value={grade}
              onChange={(value?: string) => update({ grade: value })}
              options={(grades.data ?? []).map((org) => ({ value: org.orgId, label: org.name }))}
            />
          )}
          <Select
            allowClear
            style={{ minWidth: 150 }}
            placeholder="在读 (在籍、休学)"
            aria-label="学籍状态"
            data-testid="status-filter"
            value={status}
            onChange={(value?: string) => update({ status: value })}
            options={STATUS_OPTIONS}
          />
          <Input.Search
            allowClear
            style={{ maxWidth: 360 }}
            placeholder="姓名开头、身份证件号或全国学籍号"
            enterButton={<SearchOutlined aria-label="查询" />}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            aria-label="查询学生"
          />
          {canDelete && (
            <Checkbox checked={includeDeleted} onChange={(event) => update({ includeDeleted: event.target.checked ? 'true' : undefined })}>
              包含已删除
            </Checkbox>
          )}
        </Flex>
      </Card>
      {needScope && <Alert type="info" showIcon title="请选择区县、学校或班级，或输入完整的身份证件号、全国学籍号查询" />}
      {students.isError ? (
        <ErrorState error={students.error} onRetry={() => void students.refetch()} />
      ) : rows.length === 0 && !students.isFetching && students.isFetched ? (
        <Card>
          <Empty
            description={
              q ? (
                <span data-testid="no-results">
                  没有找到“{q}”。请检查姓名是否有形近字 (如 淞/凇、𠮷/吉)，或改用完整的身份证件号、全国学籍号查询。
                </span>
              ) : status && status !== ALL_STATUSES ? (
                `该范围内没有学籍状态为“${STATUS_OPTIONS.find((option) => option.value === status)?.label ?? status}”的学生`
              ) : (
                '该范围内没有学生'
              )
            }
          />
        </Card>
      ) : wide ? (
        <Table<Row> rowKey="studentId" size="middle" columns={columns} dataSource={rows} pagination={false} loading={students.isFetching && rows.length === 0} onRow={(row) => ({ onDoubleClick: () => void navigate(`/students/${row.studentId}`) })} />
      ) : (
        <List<Row>
          loading={students.isFetching && rows.length === 0}
          dataSource={rows}
          renderItem={(row) => (
            <List.Item onClick={() => void navigate(`/students/${row.studentId}`)} style={{ cursor: 'pointer', background: '#fff', paddingInline: 12, marginBottom: 8, borderRadius: 8 }}>
              <List.Item.Meta
                title={
                  <Space size={4}>
                    <Link to={`/students/${row.studentId}`}>{row.name}</Link>
                    {row.status !== 'enrolled' && <RecordStatusTag status={row.status} />}
                    {row.deleted && <Tag color="red">已删除</Tag>}
                    {row.confirmed && <Tag color="green">已确认</Tag>}
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={0}>
                    <span>{row.nationalStudentNo}</span>
                    <span>
                      {codeLabel(GENDER, row.gender)} · {row.birthDate} · {className(row.classId)}
                      {row.classSeatNo ? ` · ${row.classSeatNo}号` : ''}
                    </span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {rows.length > 0 && (
        <Flex justify="center" align="center" gap={12}>
          <Typography.Text type="secondary">已显示 {rows.length} 人</Typography.Text>
          {students.hasNextPage && (
            <Button loading={students.isFetchingNextPage} onClick={() => void students.fetchNextPage()}>
              加载更多
            </Button>
          )}
        </Flex>
      )}
    </Space>
  );
}
