// A correction's state in the registry's words: 待审核, 审核通过, 审核不通过 (退回).
import { Tag } from 'antd';

export type CorrectionStatus = 'pending' | 'accepted' | 'rejected';

export const STATUS_LABEL: Record<CorrectionStatus, string> = { pending: '待审核', accepted: '审核通过', rejected: '已退回' };
const COLOR: Record<CorrectionStatus, string> = { pending: 'orange', accepted: 'green', rejected: 'red' };

export function CorrectionStatusTag({ status }: { status: CorrectionStatus }) {
  return (
    <Tag color={COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {STATUS_LABEL[status]}
    </Tag>
  );
}
