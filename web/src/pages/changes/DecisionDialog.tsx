// Deciding a case: 审核通过 (an optional comment), 退回 (the reason, required: the applicant reads
// it), or 撤销 by the applicant. The dialog is the confirmation: it says what the decision does.
import { Button, Flex, Form, Input, Modal, Typography } from 'antd';

export type Action = 'approve' | 'reject' | 'cancel';

const TEXT: Record<Action, { title: string; ok: string; label: string; danger: boolean }> = {
  approve: { title: '审核通过', ok: '确认通过', label: '审核意见 (选填)', danger: false },
  reject: { title: '审核不通过 (退回)', ok: '确认退回', label: '退回原因', danger: true },
  cancel: { title: '撤销申请', ok: '确认撤销', label: '撤销说明 (选填)', danger: true },
};

interface Props {
  action: Action | undefined;
  /** What the decision does, in words (the next office, or that the record changes now). */
  intro: string;
  busy: boolean;
  onSubmit: (comment: string | undefined) => void;
  onClose: () => void;
}

export function DecisionDialog({ action, intro, busy, onSubmit, onClose }: Props) {
  const text = action && TEXT[action];
  return (
    <Modal open={action !== undefined} title={text?.title} footer={null} onCancel={onClose} destroyOnHidden>
      {action && text && (
        <>
          <Typography.Paragraph>{intro}</Typography.Paragraph>
          <Form<{ comment?: string }> layout="vertical" onFinish={({ comment }) => onSubmit(comment?.trim() || undefined)}>
            <Form.Item
              name="comment"
              label={text.label}
              rules={action === 'reject' ? [{ required: true, whitespace: true, message: '请填写退回原因，申请单位会看到它' }, { min: 2, message: '退回原因至少 2 个字' }] : []}
            >
              <Input.TextArea rows={3} maxLength={500} showCount placeholder={action === 'reject' ? '如：请补充医院诊断证明后重新申请' : undefined} aria-label={text.label} />
            </Form.Item>
            <Flex justify="flex-end" gap={8}>
              <Button onClick={onClose}>取消</Button>
              <Button type="primary" danger={text.danger} htmlType="submit" loading={busy}>
                {text.ok}
              </Button>
            </Flex>
          </Form>
        </>
      )}
    </Modal>
  );
}
