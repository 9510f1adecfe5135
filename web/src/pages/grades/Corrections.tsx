// 成绩更正 from a submitted (locked) sheet, by the section's teacher: 申请更正 on a row opens a
// dialog (the new score or a mark, and why) that files a gradeCorrection case under an
// Idempotency-Key; a refusal is put next to its field (the same value as now: NO_CHANGES) or said
// above the form. The teacher's pending corrections of this sheet are read from its own cases
// (GET /v1/changes?type=gradeCorrection), so each row shows its pending correction (old → new)
// with a link to the case page, where it can be withdrawn; the school office approves it from 待办业务.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Flex, Form, Input, InputNumber, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { fileChangeRoute, listChangesRoute } from '#shared/api/changes.ts';
import { MARK_LABEL, MARKS, type Mark } from '#shared/domain/grades/sheet.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { allPages } from '../../components/useCursorList.ts';
import { CHANGES_KEY, type Change } from '../changes/case.ts';
import { useSubmissionKey } from '../changes/submission.ts';
import { gradeText } from './cells.ts';

const MARK_OPTIONS = MARKS.map((mark) => ({ value: mark, label: MARK_LABEL[mark] }));

/** The value a correction asks for (or had), in words. */
export const correctionValue = (value: unknown): string => {
  const entry = (value ?? {}) as { score?: number; mark?: Mark };
  return entry.mark ? MARK_LABEL[entry.mark] : entry.score === undefined ? '—' : String(entry.score);
};

/** The caller's pending grade corrections of one section, by student. */
export function usePendingCorrections(sectionId: string, enabled: boolean) {
  const query = useQuery({
    queryKey: [...CHANGES_KEY, 'gradeCorrection', 'pending'],
    enabled,
    queryFn: () => allPages(async (cursor) => (await request(listChangesRoute, { query: { type: 'gradeCorrection', status: 'pending', limit: 100, cursor } })).data),
  });
  const byStudent = new Map<string, Change>();
  for (const change of query.data ?? []) if (change.request.sectionId === sectionId) byStudent.set(change.studentId, change);
  return byStudent;
}

/** A row's pending correction: old → new, and the way to its case. */
export function PendingCorrection({ change }: { change: Change }) {
  return (
    <Flex gap={4} align="center" wrap data-testid="pending-correction">
      <Tag color="processing" style={{ marginInlineEnd: 0 }}>
        更正审核中
      </Tag>
      <Typography.Text>
        {correctionValue(change.request.old)} → <Typography.Text strong>{correctionValue(change.request)}</Typography.Text>
      </Typography.Text>
      <Link to={`/changes/${change.changeId}`} data-testid="correction-link">
        查看申请
      </Link>
    </Flex>
  );
}

interface Target {
  studentId: string;
  name: string;
  grade: { score?: number | undefined; mark?: Mark | undefined };
}

interface Values {
  score?: number | null;
  mark?: Mark | null;
  reason: string;
}

export function CorrectionDialog({ sectionId, target, onClose }: { sectionId: string; target: Target | undefined; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const submission = useSubmissionKey();
  const [problem, setProblem] = useState<string>();
  const file = useMutation({
    mutationFn: async (values: Values) => {
      const body = {
        type: 'gradeCorrection' as const,
        sectionId,
        studentId: target!.studentId,
        ...(values.mark ? { mark: values.mark } : values.score !== undefined && values.score !== null ? { score: values.score } : {}),
        reason: values.reason.trim(),
      };
      return (await request(fileChangeRoute, { body, headers: { 'idempotency-key': submission.keyFor(body) } })).data;
    },
    onSuccess: async () => {
      submission.reset();
      void message.success('成绩更正申请已提交，等待学校审核');
      await client.invalidateQueries({ queryKey: CHANGES_KEY });
      close();
    },
    onError: (error) => {
      if (error instanceof ApiClientError && error.status > 0) submission.reset();
      if (!(error instanceof ApiClientError)) return setProblem('提交失败，请重试');
      const unplaced = applyFieldErrors(form, error.fields);
      if (error.fields.length > 0 && unplaced.length === 0) return setProblem(undefined);
      setProblem([error.message, ...unplaced.map((field) => field.message).filter((text) => text !== error.message)].join('；'));
    },
  });
  const close = () => {
    setProblem(undefined);
    onClose();
  };
  return (
    <Modal
      open={Boolean(target)}
      title={`申请成绩更正：${target?.name ?? ''}`}
      okText="提交申请"
      cancelText="取消"
      okButtonProps={{ loading: file.isPending }}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text>
          原成绩：<Typography.Text strong data-testid="correction-old">{target ? gradeText(target.grade) : ''}</Typography.Text>。更正经学校教务审核通过后生效。
        </Typography.Text>
        {problem && <Alert type="error" showIcon title={problem} data-testid="correction-problem" />}
        <Form<Values>
          form={form}
          layout="vertical"
          preserve={false}
          requiredMark={false}
          onFinish={(values) => file.mutate(values)}
          onValuesChange={(changed: Partial<Values>) => {
            // A score or a mark, not both: choosing one clears the other.
            if (changed.mark) form.setFieldValue('score', null);
            if (changed.score !== undefined && changed.score !== null) form.setFieldValue('mark', null);
            form.setFields([{ name: 'score', errors: [] }, { name: 'mark', errors: [] }]);
          }}
        >
          <Flex gap={12} wrap>
            <Form.Item
              name="score"
              label="更正后成绩"
              style={{ flex: '1 1 140px', marginBottom: 12 }}
              dependencies={['mark']}
              rules={[({ getFieldValue }) => ({ validator: async (_, value) => { if ((value === undefined || value === null) && !getFieldValue('mark')) throw new Error('请填写更正后的成绩，或选择标记'); } })]}
            >
              <InputNumber id="score" min={0} max={100} step={1} style={{ width: '100%' }} placeholder="0–100" aria-label="更正后成绩" />
            </Form.Item>
            <Form.Item name="mark" label="或标记" style={{ flex: '1 1 140px', marginBottom: 12 }}>
              <Select<Mark> id="mark" allowClear placeholder="缺考、免考、作弊" options={MARK_OPTIONS} aria-label="更正后标记" />
            </Form.Item>
          </Flex>
          <Form.Item name="reason" label="更正原因" rules={[{ required: true, whitespace: true, message: '请填写更正原因' }, { max: 500, message: '原因不能超过 500 个字符' }]}>
            <Input.TextArea id="reason" rows={3} placeholder="如：试卷复核时发现第 3 题漏计 5 分" />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
