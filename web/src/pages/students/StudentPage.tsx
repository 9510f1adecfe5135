// 学籍档案: one record, laid out like the national collection form, masked where the API masks.
// The school registrar edits ordinary fields (with the version read: If-Match) and deletes with a
// reason. When someone else changed the record meanwhile (412), the page shows what changed and
// lets the registrar apply the edit again on the new version or drop it. Status changes (办理异动)
// start here, and the record lists its cases (异动记录). Its photo (照片) is shown and uploaded here too.
import { DeleteOutlined, EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Skeleton, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { deleteStudentRoute, getStudentRoute, updateStudentRoute } from '#shared/api/students.ts';
import { ApiClientError, request, type BodyOf, type FieldError } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { codeLabel, FIELD_LABELS, SECTIONS } from '../../students/fields.ts';
import { RecordView, type StudentView } from '../../students/RecordView.tsx';
import { cleanValues, StudentForm, type FormValues } from '../../students/StudentForm.tsx';
import { ApplyButton, OpenCaseNotice, StudentChanges } from '../changes/StudentChanges.tsx';
import { CASE_ROLES } from '../changes/useTaskSummary.ts';
import { maySeePhoto } from './photo.ts';
import { PhotoCard } from './PhotoCard.tsx';

const TABLES = new Map(SECTIONS.flatMap((section) => section.fields.map((field) => [field.key, field.table] as const)));
const show = (key: string, value: unknown) => (value === undefined || value === null || value === '' ? '（空）' : typeof value === 'object' ? JSON.stringify(value) : codeLabel(TABLES.get(key), value));

/** JSON with keys sorted: a form and the API may list an object's keys in another order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, inner: unknown) => (inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner));

/** The edit: the fields whose value differs from the record's. */
function changesOf(record: StudentView, values: FormValues): FormValues {
  const before = cleanValues(record as unknown as FormValues);
  const after = cleanValues(values);
  return Object.fromEntries(Object.entries(after).filter(([key, value]) => canonical(value) !== canonical(before[key])));
}

export default function StudentPage() {
  const { studentId = '' } = useParams();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const [stale, setStale] = useState<{ mine: FormValues; current: StudentView; etag: string } | undefined>();
  const [deleting, setDeleting] = useState(false);
  const [reason, setReason] = useState('');

  const student = useQuery({
    queryKey: ['student', studentId],
    queryFn: async () => {
      const { data, headers } = await request(getStudentRoute, { params: { studentId } });
      return { record: data, etag: headers.get('etag') ?? `"${data.version}"` };
    },
  });

  const save = useMutation({
    mutationFn: async ({ changes, etag }: { changes: FormValues; etag: string }) =>
      request(updateStudentRoute, { params: { studentId }, body: changes as BodyOf<typeof updateStudentRoute>, headers: { 'if-match': etag } }),
    onSuccess: async () => {
      setEditing(false);
      setStale(undefined);
      await queryClient.invalidateQueries({ queryKey: ['student', studentId] });
      await queryClient.invalidateQueries({ queryKey: ['students'] });
      message.success('已保存，修改已记入变更历史');
    },
    onError: async (error, { changes }) => {
      if (error instanceof ApiClientError && error.status === 412) {
        // Someone saved in between: read the record as it is now and show both.
        const { data, headers } = await request(getStudentRoute, { params: { studentId } });
        setStale({ mine: changes, current: data, etag: headers.get('etag') ?? `"${data.version}"` });
        return;
      }
      if (error instanceof ApiClientError) {
        const left = applyFieldErrors(form, error.fields);
        setUnplaced(left.length > 0 || error.fields.length === 0 ? [...left, ...(error.fields.length === 0 ? [{ path: '', code: error.code, message: error.message }] : [])] : []);
      }
    },
  });

  const remove = useMutation({
    mutationFn: async () => request(deleteStudentRoute, { params: { studentId }, body: { reason }, headers: { 'if-match': student.data!.etag } }),
    onSuccess: async () => {
      setDeleting(false);
      await queryClient.invalidateQueries({ queryKey: ['student', studentId] });
      await queryClient.invalidateQueries({ queryKey: ['students'] });
      message.success('学籍已删除 (学校和区县仍可查看)');
    },
  });

  if (student.isPending) return <Skeleton active />;
  if (student.isError) return <ErrorState error={student.error} onRetry={() => void student.refetch()} />;
  const { record, etag } = student.data;
  const canEdit = me.role === 'school_registrar' && !record.deleted;
  // 学籍异动: filed by the school's registrar; its cases are read by the school and the bureaus.
  const seesChanges = CASE_ROLES.has(me.role);

  const startEdit = () => {
    setUnplaced([]);
    form.resetFields();
    setEditing(true);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1200 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          学籍档案{editing ? ' · 修改' : ''}
        </Typography.Title>
        <Space wrap>
          {me.role !== 'teacher' && me.role !== 'class_advisor' && (
            <Link to={`/students/${studentId}/history`}>
              <Button icon={<HistoryOutlined />}>变更历史</Button>
            </Link>
          )}
          {canEdit && !editing && <ApplyButton studentId={studentId} status={record.status} />}
          {canEdit && !editing && (
            <Button type="primary" icon={<EditOutlined />} onClick={startEdit}>
              修改
            </Button>
          )}
          {canEdit && !editing && (
            <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)}>
              删除
            </Button>
          )}
        </Space>
      </Flex>
      {seesChanges && !editing && <OpenCaseNotice studentId={studentId} />}
      {maySeePhoto(me) && !editing && <PhotoCard studentId={studentId} canUpload={canEdit} />}
      {editing ? (
        <>
          {unplaced.length > 0 && <Alert type="error" showIcon title="保存未成功" description={unplaced.map((field) => <div key={field.path + field.message}>{field.message}</div>)} />}
          <StudentForm
            form={form}
            schoolId={record.schoolId}
            mode="edit"
            initialValues={record as unknown as FormValues}
            submitting={save.isPending}
            submitLabel="保存修改"
            onFinish={(values) => {
              const changes = changesOf(record, values);
              if (Object.keys(changes).length === 0) {
                message.info('没有修改任何内容');
                setEditing(false);
                return;
              }
              save.mutate({ changes, etag });
            }}
            extraActions={<Button onClick={() => setEditing(false)}>取消</Button>}
          />
        </>
      ) : (
        <RecordView record={record} />
      )}
      {seesChanges && !editing && <StudentChanges studentId={studentId} />}
      <Modal
        open={stale !== undefined}
        title="记录已被他人修改"
        okText="在最新记录上保存我的修改"
        cancelText="放弃我的修改"
        width={720}
        confirmLoading={save.isPending}
        onOk={() => stale && save.mutate({ changes: stale.mine, etag: stale.etag })}
        onCancel={() => {
          setStale(undefined);
          setEditing(false);
          void queryClient.invalidateQueries({ queryKey: ['student', studentId] });
        }}
      >
        <Typography.Paragraph>在您修改期间，有人保存了这条学籍 (现在是第 {stale?.current.version} 版)。请核对您要改的字段现在的值：</Typography.Paragraph>
        <Table
          size="small"
          pagination={false}
          rowKey="field"
          dataSource={Object.entries(stale?.mine ?? {}).map(([field, value]) => ({ field, label: FIELD_LABELS[field] ?? field, mine: show(field, value), now: show(field, (stale?.current as unknown as FormValues | undefined)?.[field]) }))}
          columns={[
            { title: '字段', dataIndex: 'label' },
            { title: '您的修改', dataIndex: 'mine' },
            { title: '现在的值', dataIndex: 'now' },
          ]}
        />
      </Modal>
      <Modal
        open={deleting}
        title="删除学籍"
        okText="删除"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        cancelText="取消"
        confirmLoading={remove.isPending}
        onOk={() => remove.mutate()}
        onCancel={() => setDeleting(false)}
      >
        <Typography.Paragraph>删除后学籍仍保留，学校和区县可以查看。请填写删除原因：</Typography.Paragraph>
        <Input.TextArea value={reason} onChange={(event) => setReason(event.target.value)} maxLength={200} showCount aria-label="删除原因" />
        {remove.isError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={remove.error.message} />}
      </Modal>
    </Space>
  );
}
