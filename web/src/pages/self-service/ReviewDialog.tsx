// The registrar's decision on a correction: 审核通过 with an optional comment, or 退回 with the
// reason the student will read.
import { Button, Flex, Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';

export type Decision = 'accept' | 'reject';

const TEXT: Record<Decision, { title: string; ok: string; label: string; intro: string }> = {
  accept: { title: '审核通过', ok: '确认通过', label: '审核意见 (选填)', intro: '通过后，学籍档案将按以下内容修改，并记入变更历史：' },
  reject: { title: '退回申请', ok: '确认退回', label: '退回原因', intro: '退回后学籍档案不变；学生会看到退回原因，可以改正后重新提交：' },
};

interface Props {
  decision: Decision;
  busy: boolean;
  summary: ReactNode;
  onSubmit: (comment: string | undefined) => void;
  onClose: () => void;
}

function ReviewForm({ decision, busy, summary, onSubmit, onClose }: Props) {
  const text = TEXT[decision];
  return (
    <>
      <Typography.Paragraph>{text.intro}</Typography.Paragraph>
      {summary}
      <Form<{ comment?: string }> layout="vertical" style={{ marginTop: 16 }} onFinish={({ comment }) => onSubmit(comment?.trim() || undefined)}>
        <Form.Item
          name="comment"
          label={text.label}
          rules={decision === 'reject' ? [{ required: true, whitespace: true, message: '请填写退回原因，学生会看到它' }, { min: 2, message: '退回原因至少2个字' }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={decision === 'reject' ? '如：与户口簿不一致，请核对后重新提交' : undefined} />
        </Form.Item>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" danger={decision === 'reject'} htmlType="submit" loading={busy}>
            {text.ok}
          </Button>
        </Flex>
      </Form>
    </>
  );
}

/** Opened with a decision; each opening starts with an empty comment. */
export function ReviewDialog(props: Omit<Props, 'decision'> & { decision: Decision | undefined }) {
  const { decision, onClose } = props;
  return (
    <Modal open={decision !== undefined} title={decision && TEXT[decision].title} footer={null} onCancel={onClose} destroyOnHidden>
      {decision && <ReviewForm {...props} decision={decision} />}
    </Modal>
  );
}
