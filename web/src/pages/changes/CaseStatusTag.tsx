// A case's state in the registry's words: 审核中, 已通过, 已退回, 已撤销.
import { Tag } from 'antd';
import { CASE_STATUS_COLOR, CASE_STATUS_LABEL, type CaseStatus } from './labels.ts';

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return (
    <Tag color={CASE_STATUS_COLOR[status]} data-testid="case-status" style={{ marginInlineEnd: 0 }}>
      {CASE_STATUS_LABEL[status]}
    </Tag>
  );
}
