// The student record as a form, section by section as on the national collection form. Used to
// enrol (every field) and to edit (key fields shown but locked: they change only through an
// approved key-field change). Code-table fields are drop-downs with their Chinese labels; a valid
// ID number fills in birth date and sex. The API checks everything; its refusals are put next to
// their fields by the page.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FLAG, type CodeTable } from '#shared/domain/code-tables.ts';
import { parseIdNumber } from '#shared/domain/id-number.ts';
import { useSchoolClasses } from '../components/useSchoolClasses.ts';
import { GUARDIAN_BASIS_FIELD, GUARDIAN_FIELDS, SECTIONS, isKeyField, type FieldSpec } from './fields.ts';
import { useProvinceFields } from './RecordView.tsx';

export type FormValues = Record<string, unknown>;

const codeOptions = (table: CodeTable) =>
  Object.entries(table)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, label]) => ({ value, label, search: `${value} ${label}` }));

interface ControlProps {
  field: FieldSpec;
  disabled: boolean;
  classOptions: { label: string; options: { value: string; label: string }[] }[];
  // Given by Form.Item, which binds its direct child to the form.
  id?: string;
  value?: unknown;
  onChange?: (value: unknown) => void;
}

function Control({ field, disabled, classOptions, ...bound }: ControlProps) {
  const props = bound as Record<string, never>;
  switch (field.kind) {
    case 'code':
      return (
        <Select {...props}
          allowClear={!field.required}
          showSearch={{ optionFilterProp: 'search' }}
          options={codeOptions(field.table!)}
          disabled={disabled}
          placeholder="请选择"
          aria-label={field.label}
        />
      );
    case 'class':
      return <Select {...props} showSearch={{ optionFilterProp: 'label' }} options={classOptions} disabled={disabled} placeholder="请选择班级" aria-label={field.label} />;
    case 'date':
      return <DatePicker {...props} format="YYYY-MM-DD" placeholder="如 2019-03-15" disabled={disabled} style={{ width: '100%' }} aria-label={field.label} />;
    case 'month':
      return <DatePicker {...props} picker="month" format="YYYY-MM" placeholder="如 2025-09" disabled={disabled} style={{ width: '100%' }} aria-label={field.label} />;
    case 'number':
      return <InputNumber {...props} min={0} max={500} style={{ width: '100%' }} disabled={disabled} aria-label={field.label} />;
    case 'region':
      return <Input {...props} inputMode="numeric" maxLength={6} placeholder={field.hint} disabled={disabled} aria-label={field.label} />;
    case 'division':
      return <Input {...props} inputMode="numeric" maxLength={12} placeholder={field.hint} disabled={disabled} aria-label={field.label} />;
    default:
      return <Input {...props} placeholder={field.hint} disabled={disabled} aria-label={field.label} />;
  }
}

const span = (field: FieldSpec) => (field.wide ? { xs: 24 } : { xs: 24, sm: 12, lg: 8 });

/** The form keeps dates as the API's strings (YYYY-MM-DD, YYYY-MM); the picker works on dayjs. */
function dateBinding(field: FieldSpec) {
  if (field.kind !== 'date' && field.kind !== 'month') return {};
  const format = field.kind === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM';
  return {
    getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value, format) : undefined }),
    normalize: (value: Dayjs | null) => (value ? value.format(format) : undefined),
  };
}

export interface StudentFormProps {
  form: FormInstance<FormValues>;
  schoolId: string;
  mode: 'enrol' | 'edit';
  initialValues: FormValues;
  onFinish: (values: FormValues) => void;
  submitting: boolean;
  submitLabel: string;
  extraActions?: React.ReactNode;
}

export function StudentForm({ form, schoolId, mode, initialValues, onFinish, submitting, submitLabel, extraActions }: StudentFormProps) {
  const classes = useSchoolClasses(schoolId);
  const provinceFields = useProvinceFields();
  const idType = Form.useWatch('idType', form);
  const idNumber = Form.useWatch('idNumber', form);
  const locked = (field: FieldSpec) => field.readOnly || (mode === 'edit' && isKeyField(field.key));

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      scrollToFirstError={{ block: 'center' }}
      onFinish={onFinish}
      onValuesChange={(changed: FormValues, all: FormValues) => {
        // A valid mainland ID number holds the birth date and sex: fill them in.
        if ('idNumber' in changed && all.idType === '1' && typeof changed.idNumber === 'string') {
          const parsed = parseIdNumber(changed.idNumber);
          if (parsed.ok) form.setFieldsValue({ birthDate: parsed.value.birthDate, gender: parsed.value.gender });
        }
      }}
    >
      {SECTIONS.map((section) => (
        <Card key={section.key} title={section.title} size="small" style={{ marginBottom: 16 }}>
          {mode === 'edit' && section.key === 'basic' && (
            <Typography.Paragraph type="secondary">姓名、性别、出生日期和身份证件是关键信息，不能直接修改，须在“学籍异动”中提交关键信息变更申请。</Typography.Paragraph>
          )}
          <Row gutter={16}>
            {section.fields
              .filter((field) => field.kind !== 'computed')
              .map((field) => (
                <Col key={field.key} {...span(field)}>
                  <Form.Item name={field.key} label={field.label} required={field.required && !locked(field)} tooltip={field.hint} {...dateBinding(field)}>
                    <Control field={field} disabled={Boolean(locked(field))} classOptions={classes.data ?? []} />
                  </Form.Item>
                </Col>
              ))}
          </Row>
        </Card>
      ))}
      <Card title="家庭成员" size="small" style={{ marginBottom: 16 }}>
        {mode === 'enrol' && idType === '1' && !idNumber && (
          <Form.Item name={GUARDIAN_BASIS_FIELD.key} label={GUARDIAN_BASIS_FIELD.label} extra="没有身份证件号的无户籍学生，须登记监护人的居民身份证信息作为依据">
            <Select allowClear options={codeOptions(GUARDIAN_BASIS_FIELD.table!)} placeholder="请选择" aria-label={GUARDIAN_BASIS_FIELD.label} />
          </Form.Item>
        )}
        <Form.List name="guardians">
          {(items, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {items.map((item, index) => (
                <Card
                  key={item.key}
                  size="small"
                  type="inner"
                  title={`家庭成员${index + 1}`}
                  extra={
                    <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(item.name)}>
                      删除
                    </Button>
                  }
                >
                  <Row gutter={16}>
                    {GUARDIAN_FIELDS.map((field) => (
                      <Col key={field.key} {...span(field)}>
                        <Form.Item name={[item.name, field.key]} label={field.label} required={field.required}>
                          <Control field={field} disabled={false} classOptions={[]} />
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </Card>
              ))}
              {items.length < 6 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ isGuardian: '1', idType: '1' })}>
                  添加家庭成员
                </Button>
              )}
            </Space>
          )}
        </Form.List>
      </Card>
      {(provinceFields.data?.length ?? 0) > 0 && (
        <Card title="省级扩展字段" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            {provinceFields.data!.map((field) => (
              <Col key={field.key} xs={24} sm={12} lg={8}>
                <Form.Item name={['extra', field.key]} label={field.label} required={field.required}>
                  {field.type === 'flag' || field.type === 'code' ? (
                    <Select allowClear options={codeOptions(field.type === 'flag' ? FLAG : (field.codes ?? {}))} placeholder="请选择" aria-label={field.label} />
                  ) : field.type === 'number' ? (
                    <InputNumber style={{ width: '100%' }} aria-label={field.label} />
                  ) : (
                    <Input type={field.type === 'date' ? 'date' : 'text'} maxLength={field.maxLength} aria-label={field.label} />
                  )}
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      <Space>
        <Button type="primary" htmlType="submit" size="large" loading={submitting}>
          {submitLabel}
        </Button>
        {extraActions}
      </Space>
    </Form>
  );
}

/** Form values as the API takes them: empty fields left out, so optional fields stay unset. */
export function cleanValues(values: FormValues): FormValues {
  const clean = (value: unknown): unknown => {
    if (value === '' || value === null || value === undefined) return undefined;
    if (Array.isArray(value)) return value.map(clean);
    if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>)
        .map(([key, inner]) => [key, clean(inner)] as const)
        .filter(([, inner]) => inner !== undefined);
      return Object.fromEntries(entries);
    }
    return typeof value === 'string' ? value.trim() || undefined : value;
  };
  return clean(values) as FormValues;
}
