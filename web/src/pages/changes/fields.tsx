// The form fields of a status-change application: dates kept as the API's YYYY-MM-DD strings, a
// class of the school filtered for the kind (留级 to a younger grade, 跳级 to an older one, 转专业
// within the grade), and the reason. Each field is named as the API names it, so a refusal lands
// under it (applyFieldErrors).
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ChangeType } from '#shared/domain/changes/kinds.ts';
import { useSchoolClasses } from '../../components/useSchoolClasses.ts';

export const dateBinding = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value, 'YYYY-MM-DD') : undefined }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined),
};

export function DateItem({ name, label, required = true, extra }: { name: string | string[]; label: string; required?: boolean; extra?: string }) {
  return (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, message: `请选择${label}` }] : []} extra={extra} {...dateBinding}>
      <DatePicker format="YYYY-MM-DD" placeholder="如 2026-10-01" style={{ width: '100%' }} aria-label={label} />
    </Form.Item>
  );
}

export function ReasonItem({ label = '原因', required = true, placeholder }: { label?: string; required?: boolean; placeholder?: string }) {
  return (
    <Form.Item
      name="reason"
      label={label}
      rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}
      extra={required ? undefined : '选填'}
    >
      <Input.TextArea rows={3} maxLength={500} showCount placeholder={placeholder} aria-label={label} />
    </Form.Item>
  );
}

/** Which of the school's grades a kind may move a student of entry year `grade` to. */
function gradeAllowed(type: ChangeType, grade: string, candidate: string): boolean {
  const [from, to] = [Number(grade), Number(candidate)];
  if (type === 'repeat') return to > from; // a grade that entered later: younger
  if (type === 'skip') return to < from;
  if (type === 'majorChange') return to === from;
  return true;
}

const HINT: Partial<Record<ChangeType, string>> = {
  repeat: '留级：只列出低于现年级的班级',
  skip: '跳级：只列出高于现年级的班级',
  majorChange: '转专业：只列出本年级的其他班级',
  return: '复学后就读的班级，一般为原年级的下一届',
  transfer: '本校接收该学生的班级',
};

const EMPTY: Partial<Record<ChangeType, string>> = {
  repeat: '该学生已在本校最低年级，没有可留级到的班级',
  skip: '该学生已在本校最高年级，没有可跳级到的班级',
  majorChange: '本年级没有其他班级 (专业) 可转',
};

interface ClassItemProps {
  schoolId: string;
  type: ChangeType;
  label: string;
  /** The student's grade (entry year) and class now; none for a transfer in. */
  grade?: string;
  classId?: string;
}

export function ClassItem({ schoolId, type, label, grade, classId }: ClassItemProps) {
  const classes = useSchoolClasses(schoolId);
  const groups = (classes.data ?? [])
    .filter((group) => grade === undefined || gradeAllowed(type, grade, group.grade))
    .map((group) => ({ ...group, options: group.options.filter((option) => type === 'return' || option.value !== classId) }))
    .filter((group) => group.options.length > 0);
  // Grades come oldest first; for a skip the nearest one (the grade just above) goes first.
  if (type === 'skip') groups.reverse();
  const empty = classes.isSuccess && groups.length === 0;
  return (
    <Form.Item
      name="toClassId"
      label={label}
      rules={[{ required: true, message: `请选择${label}` }]}
      extra={empty ? (EMPTY[type] ?? '本校还没有班级，请先在机构管理中添加') : HINT[type]}
    >
      <Select showSearch={{ optionFilterProp: 'label' }} options={groups} loading={classes.isPending} placeholder="请选择班级" aria-label={label} notFoundContent="没有符合条件的班级" />
    </Form.Item>
  );
}
