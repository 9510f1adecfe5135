// One field of a correction: its current value, and an input for the new one by the field's kind
// (a code as a choice of its Chinese labels, a month with a picker, a region code as digits).
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { FieldSpec } from '../../students/fields.ts';
import { readable } from './correctable.ts';

const DATE_FORMAT = { date: 'YYYY-MM-DD', month: 'YYYY-MM' } as const;

function inputOf(spec: FieldSpec) {
  switch (spec.kind) {
    case 'code':
      return <Select showSearch={{ optionFilterProp: 'label' }} placeholder={`请选择${spec.label}`} options={Object.entries(spec.table ?? {}).map(([value, label]) => ({ value, label }))} />;
    case 'date':
    case 'month':
      return <DatePicker picker={spec.kind} format={DATE_FORMAT[spec.kind]} style={{ width: '100%' }} inputReadOnly />;
    case 'number':
      return <InputNumber min={0} max={500} step={0.1} style={{ width: '100%' }} />;
    case 'region':
    case 'division':
      return <Input inputMode="numeric" maxLength={spec.kind === 'region' ? 6 : 12} placeholder={spec.hint} autoComplete="off" />;
    default:
      return <Input placeholder={spec.hint ?? `新的${spec.label}`} autoComplete="off" />;
  }
}

/** Dates travel as text (`2025-09`); the picker works with dayjs values. */
function dateProps(spec: FieldSpec) {
  if (spec.kind !== 'date' && spec.kind !== 'month') return {};
  const format = DATE_FORMAT[spec.kind];
  return {
    getValueProps: (value?: string) => ({ value: value ? dayjs(value) : undefined }),
    normalize: (value?: Dayjs | null) => value?.format(format),
  };
}

export function CorrectionField({ spec, current }: { spec: FieldSpec; current: unknown }) {
  return (
    <Form.Item
      name={['changes', spec.key]}
      label={spec.label}
      extra={`现为：${readable(spec.key, current)}`}
      rules={[{ required: true, whitespace: spec.kind !== 'number', message: `请填写新的${spec.label}` }]}
      {...dateProps(spec)}
    >
      {inputOf(spec)}
    </Form.Item>
  );
}
