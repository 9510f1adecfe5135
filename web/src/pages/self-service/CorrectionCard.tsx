// One correction in the registrar's queue: whose record, who proposed what and when, and for a
// pending one the two decisions. A refusal stays on the card, explained, with the way forward.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { acceptCorrectionRoute, rejectCorrectionRoute, type correctionQueueRoute } from '#shared/api/corrections.ts';
import { request, type ResponseOf } from '../../api/client.ts';
import { formatTime } from '../../components/format.ts';
import { ChangeList } from './ChangeList.tsx';
import { CorrectionStatusTag } from './CorrectionStatus.tsx';
import { explainReview, type ReviewProblem } from './review-errors.ts';
import { ReviewDialog, type Decision } from './ReviewDialog.tsx';
import { useStudentRecord } from './useStudentRecord.ts';

type QueuedCorrection = ResponseOf<typeof correctionQueueRoute>['items'][number];

function StudentHeading({ studentId }: { studentId: string }) {
  const student = useStudentRecord(studentId);
  if (student.isPending) return <Skeleton.Input active size="small" />;
  if (student.isError) return <Typography.Text type="secondary">学籍读取失败</Typography.Text>;
  return (
    <Flex wrap gap={8} align="baseline">
      <Link to={`/students/${studentId}`} style={{ fontSize: 16, fontWeight: 500 }}>
        {student.data.record.name}
      </Link>
      <Typography.Text type="secondary">全国学籍号 {student.data.record.nationalStudentNo}</Typography.Text>
    </Flex>
  );
}

export function CorrectionCard({ correction }: { correction: QueuedCorrection }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [decision, setDecision] = useState<Decision>();
  const [problem, setProblem] = useState<ReviewProblem>();
  const { studentId, correctionId } = correction;

  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['corrections'] }),
      client.invalidateQueries({ queryKey: ['student', studentId] }),
      client.invalidateQueries({ queryKey: ['student-corrections', studentId] }),
    ]);

  const review = useMutation({
    mutationFn: async ({ decision, comment }: { decision: Decision; comment: string | undefined }) => {
      if (decision === 'accept') await request(acceptCorrectionRoute, { params: { studentId, correctionId }, body: comment ? { comment } : {} });
      else await request(rejectCorrectionRoute, { params: { studentId, correctionId }, body: { comment: comment ?? '' } });
      return decision;
    },
    onSuccess: async (done) => {
      setDecision(undefined);
      void message.success(done === 'accept' ? '已审核通过，学籍档案已更新' : '已退回，学生会看到退回原因');
      await refresh();
    },
    onError: async (error) => {
      setDecision(undefined);
      const explained = explainReview(error);
      if (explained.stale) {
        // The card is about to leave the pending list: say why where it will still be read.
        void message.warning(`${explained.title}：${explained.detail}`);
        await refresh();
        return;
      }
      setProblem(explained);
    },
  });

  return (
    <Card size="small" data-testid="queued-correction">
      <Flex vertical gap={10}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <StudentHeading studentId={studentId} />
          <CorrectionStatusTag status={correction.status} />
        </Flex>
        <Typography.Text type="secondary">
          {correction.proposedBy.displayName} 于 {formatTime(correction.proposedAt)} 提交
        </Typography.Text>
        <ChangeList changes={correction.changes} highlight={problem?.changedFields} />
        {correction.note && <Typography.Text>学生说明：{correction.note}</Typography.Text>}
        {correction.reviewedAt && (
          <Typography.Text type="secondary">
            {correction.reviewedBy?.displayName} 于 {formatTime(correction.reviewedAt)} 审核{correction.comment ? `，意见：${correction.comment}` : ''}
          </Typography.Text>
        )}
        {problem && (
          <Alert
            type="warning"
            showIcon
            title={problem.title}
            description={problem.detail}
            data-testid="review-problem"
            action={
              problem.changedFields && (
                <Button size="small" danger onClick={() => setDecision('reject')}>
                  退回
                </Button>
              )
            }
          />
        )}
        {correction.status === 'pending' && (
          <Flex gap={8} justify="flex-end" wrap>
            <Button danger onClick={() => setDecision('reject')}>
              退回
            </Button>
            <Button type="primary" disabled={Boolean(problem?.changedFields)} onClick={() => setDecision('accept')}>
              审核通过
            </Button>
          </Flex>
        )}
      </Flex>
      <ReviewDialog
        decision={decision}
        busy={review.isPending}
        summary={<ChangeList changes={correction.changes} />}
        onSubmit={(comment) => decision && review.mutate({ decision, comment })}
        onClose={() => setDecision(undefined)}
      />
    </Card>
  );
}
