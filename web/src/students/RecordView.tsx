// A student record laid out like the national collection form: 全国学籍号, 姓名, 性别, 出生日期 and
// 班级 first, with its 学籍状态, then the form's sections, the family members and the province's
// own fields. Masked values are shown as the API gives them, with a note that they are masked.
import { LockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { getOrgRoute, provinceFieldsRoute } from '#shared/api/identity.ts';
import type { getStudentRoute } from '#shared/api/students.ts';
import { FLAG, GENDER } from '#shared/domain/code-tables.ts';
import { request, type ResponseOf } from '../api/client.ts';
import { codeLabel, GUARDIAN_BASIS_FIELD, GUARDIAN_FIELDS, SECTIONS, type FieldSpec } from './fields.ts';
import { RecordStatusTag } from './RecordStatusTag.tsx';

export type StudentView = ResponseOf<typeof getStudentRoute>;

const COLUMNS = { xs: 1, sm: 2, lg: 3 } as const;

export function useClassName(classId: string | undefined) {
  return useQuery({ queryKey: ['org', classId], queryFn: async () => (await request(getOrgRoute, { params: { orgId: classId! } })).data, enabled: Boolean(classId), staleTime: 5 * 60_000 });
}

export function useProvinceFields() {
  return useQuery({ queryKey: ['province-fields'], queryFn: async () => (await request(provinceFieldsRoute, {})).data.items, staleTime: Infinity });
}

function show(field: FieldSpec, value: unknown, className?: string): React.ReactNode {
  if (value === undefined || value === null || value === '') return <Typography.Text type="secondary">未填写</Typography.Text>;
  if (field.kind === 'code') return codeLabel(field.table, value);
  if (field.kind === 'class') return className ?? String(value);
  return String(value);
}

export function RecordView({ record }: { record: StudentView }) {
  const klass = useClassName(record.classId);
  const provinceFields = useProvinceFields();
  const values = record as unknown as Record<string, unknown>;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {record.masked && <Alert type="info" showIcon icon={<LockOutlined />} title="身份证件号、联系电话和地址已脱敏显示 (您的角色不查看完整信息)" />}
      {record.deleted && <Alert type="warning" showIcon title={`该学籍已删除：${record.deleted.reason}`} description={`${record.deleted.by} 于 ${record.deleted.at.slice(0, 10)} 删除`} />}
      <Card>
        <Descriptions
          column={COLUMNS}
          size="small"
          title={
            <span>
              {record.name} <RecordStatusTag status={record.status} />
              {record.confirmed ? <Tag color="green">学生已确认</Tag> : <Tag>学生未确认</Tag>}
            </span>
          }
          items={[
            {
              key: 'nationalStudentNo',
              label: '全国学籍号',
              children: (
                <Typography.Text copyable={!record.masked} data-testid="national-no">
                  {record.nationalStudentNo}
                </Typography.Text>
              ),
            },
            { key: 'name', label: '姓名', children: record.name },
            { key: 'gender', label: '性别', children: codeLabel(GENDER, record.gender) },
            { key: 'birthDate', label: '出生日期', children: record.birthDate },
            { key: 'class', label: '班级', children: klass.data?.name ?? record.classId },
            { key: 'grade', label: '年级', children: `${record.grade}级` },
          ]}
        />
      </Card>
      {SECTIONS.map((section) => (
        <Card key={section.key} title={section.title} size="small">
          <Descriptions
            column={COLUMNS}
            size="small"
            bordered
            items={section.fields
              .filter((field) => field.kind !== 'computed')
              .map((field) => ({ key: field.key, label: field.label, span: field.wide ? ('filled' as const) : 1, children: show(field, values[field.key], klass.data?.name) }))}
          />
        </Card>
      ))}
      <Card title="家庭成员" size="small">
        {record.guardianBasis && (
          <Typography.Paragraph>
            {GUARDIAN_BASIS_FIELD.label}：{codeLabel(GUARDIAN_BASIS_FIELD.table, record.guardianBasis)}
          </Typography.Paragraph>
        )}
        {record.guardians.length === 0 ? (
          <Empty description="未登记家庭成员" />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {record.guardians.map((guardian, index) => (
              <Descriptions
                key={index}
                title={`家庭成员${index + 1}`}
                column={COLUMNS}
                size="small"
                bordered
                items={GUARDIAN_FIELDS.map((field) => ({ key: field.key, label: field.label, children: show(field, (guardian as Record<string, unknown>)[field.key]) }))}
              />
            ))}
          </Space>
        )}
      </Card>
      {(provinceFields.data?.length ?? 0) > 0 && (
        <Card title="省级扩展字段" size="small">
          <Descriptions
            column={COLUMNS}
            size="small"
            bordered
            items={provinceFields.data!.map((field) => ({
              key: field.key,
              label: field.label,
              children: show({ key: field.key, label: field.label, kind: field.type === 'code' || field.type === 'flag' ? 'code' : 'text', table: field.type === 'flag' ? FLAG : field.codes }, record.extra[field.key]),
            }))}
          />
        </Card>
      )}
    </Space>
  );
}
