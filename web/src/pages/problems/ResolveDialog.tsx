// 处理 a problem record: the ways its kind may be settled, each saying what must be true first
// (the record corrected through a 关键信息变更, deleted with its reason, a file that passed its
// check, or the two records found to be two people, with why). The dialog is the confirmation; the
// API checks the records as they are now, and a refusal is shown here in its words.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Flex, Input, Modal, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { resolveProblemRoute } from '#shared/api/problems.ts';
import { PROBLEM_KIND_LABEL, RESOLUTIONS_OF, type Resolution } from '#shared/domain/problems/kinds.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { useSubmissionKey } from '../changes/submission.ts';
import { problemsKey, RESOLUTION_TEXT, type Problem } from './data.ts';
import { ProblemFiles, useProblemFiles } from './ProblemFiles.tsx';

function Body({ problem, onClose }: { problem: Problem; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const submission = useSubmissionKey();
  const choices = RESOLUTIONS_OF[problem.kind];
  const [resolution, setResolution] = useState<Resolution>(choices[0]!);
  const [comment, setComment] = useState('');
  const [refusal, setRefusal] = useState<string>();
  const needsReason = resolution === 'notDuplicate';
  const files = useProblemFiles(problem.problemId, resolution === 'evidence');
  const accepted = (files.data ?? []).some((file) => file.status === 'accepted');

  const settle = useMutation({
    mutationFn: async () => {
      const body = { resolution, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      return (await request(resolveProblemRoute, { params: { problemId: problem.problemId }, body, headers: { 'idempotency-key': submission.keyFor({ problemId: problem.problemId, ...body }) } })).data;
    },
    onSuccess: async () => {
      submission.reset();
      void message.success(`已处理：${RESOLUTION_TEXT[resolution].label}`);
      await queryClient.invalidateQueries({ queryKey: problemsKey });
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiClientError && error.status > 0) submission.reset();
      setRefusal(error instanceof ApiClientError ? [error.message, ...error.fields.map((field) => field.message)].filter((text, index, all) => all.indexOf(text) === index).join('；') : '提交失败，请重试');
    },
  });

  return (
    <Modal
      open
      title="处理问题学籍"
      onCancel={onClose}
      okText="确认处理"
      cancelText="取消"
      onOk={() => settle.mutate()}
      okButtonProps={{ loading: settle.isPending, disabled: (needsReason && !comment.trim()) || (resolution === 'evidence' && !accepted) }}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Flex vertical gap={4}>
          <span>
            <Tag color="orange">{PROBLEM_KIND_LABEL[problem.kind]}</Tag>
            {problem.students.map((student) => student.name).join('、')}
          </span>
          <Typography.Text type="secondary">{problem.description}</Typography.Text>
        </Flex>
        <Radio.Group
          value={resolution}
          onChange={(event) => {
            setResolution(event.target.value as Resolution);
            setRefusal(undefined);
          }}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        >
          {choices.map((choice) => (
            <Radio key={choice} value={choice} data-testid={`resolution-${choice}`}>
              <Typography.Text strong>{RESOLUTION_TEXT[choice].label}</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
                {RESOLUTION_TEXT[choice].help}
              </Typography.Paragraph>
            </Radio>
          ))}
        </Radio.Group>
        {resolution === 'evidence' && <ProblemFiles problemId={problem.problemId} />}
        <Flex vertical gap={4}>
          <Typography.Text>{needsReason ? '核实依据' : '处理说明 (选填)'}</Typography.Text>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            placeholder={needsReason ? '如：双胞胎，已核对出生医学证明和户口簿' : undefined}
            aria-label={needsReason ? '核实依据' : '处理说明'}
          />
        </Flex>
        {refusal && <Alert type="error" showIcon title={refusal} data-testid="resolve-refusal" />}
      </Flex>
    </Modal>
  );
}

export function ResolveDialog({ problem, onClose }: { problem: Problem | undefined; onClose: () => void }) {
  return problem ? <Body key={problem.problemId} problem={problem} onClose={onClose} /> : null;
}
