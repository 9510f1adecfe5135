// 我的校对申请: the student's proposals, newest first, each with its state and the registrar's
// comment, a page at a time.
import { Card, Empty, Flex, Skeleton, Typography } from 'antd';
import type { ResponseOf } from '../../api/client.ts';
import type { listStudentCorrectionsRoute } from '#shared/api/corrections.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatTime } from '../../components/format.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { ChangeList } from './ChangeList.tsx';
import { CorrectionStatusTag } from './CorrectionStatus.tsx';
import { useStudentCorrections } from './useStudentRecord.ts';

type Correction = ResponseOf<typeof listStudentCorrectionsRoute>['items'][number];
function Proposal({ correction }: { correction: Correction }) {
  return (
    <Card size="small" data-testid="my-correction">
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">提交于 {formatTime(correction.proposedAt)}</Typography.Text>
        <CorrectionStatusTag status={correction.status} />
      </Flex>
      <ChangeList changes={correction.changes} />
      {correction.note && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          我的说明：{correction.note}
        </Typography.Paragraph>
      )}
      {correction.reviewedAt && (
        <Typography.Paragraph style={{ margin: '8px 0 0' }}>
          <Typography.Text type="secondary">
            {correction.reviewedBy?.displayName} 于 {formatTime(correction.reviewedAt)} 审核
          </Typography.Text>
          {correction.comment && <div data-testid="review-comment">审核意见：{correction.comment}</div>}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

export function ProposalList({ studentId }: { studentId: string }) {
  const corrections = useStudentCorrections(studentId);
  if (corrections.isPending) return <Skeleton active />;
  if (corrections.isError) return <ErrorState error={corrections.error} onRetry={() => void corrections.refetch()} />;
  if (corrections.items.length === 0) return <Empty description="还没有提交过校对申请" />;
  return (
    <Flex vertical gap={8}>
      {corrections.items.map((correction) => (
        <Proposal key={correction.correctionId} correction={correction} />
      ))}
      <LoadMore hasMore={corrections.hasNextPage} loading={corrections.isFetchingNextPage} count={corrections.items.length} onLoad={() => void corrections.fetchNextPage()} />
    </Flex>
  );
}
