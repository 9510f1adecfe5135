// 佐证材料 of a problem, in its dialog: the files it has (待核验 / 已通过 / 未通过 with the reason,
// each opened by its short-lived link) and the upload, checked here first (type, size), sent
// straight to storage with a progress bar, then followed until the stack has checked it.
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Progress, Tag, Typography, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { ApiClientError } from '../../api/client.ts';
import { sendFile, UploadFailed } from '../../components/storage-upload.ts';
import { ACCEPT, checkFile, formatSize, typeLabel } from '../changes/evidence.ts';
import { evidenceKey, listFiles, openSlot, type ProblemFile } from './data.ts';

const STATUS: Record<ProblemFile['status'], { label: string; color: string }> = {
  pending: { label: '待核验', color: 'processing' },
  accepted: { label: '已通过', color: 'success' },
  rejected: { label: '未通过', color: 'error' },
};

/** The problem's files, read again every second while one waits for its check (which takes a second or two). */
export function useProblemFiles(problemId: string, enabled = true) {
  return useQuery({
    queryKey: evidenceKey(problemId),
    queryFn: () => listFiles(problemId),
    enabled,
    refetchInterval: (query) => (query.state.data?.some((item) => item.status === 'pending') ? 1_000 : false),
  });
}

export function ProblemFiles({ problemId }: { problemId: string }) {
  const queryClient = useQueryClient();
  const [sending, setSending] = useState<{ name: string; percent: number }>();
  const [problem, setProblem] = useState<string>();
  const files = useProblemFiles(problemId);

  const customRequest: UploadProps['customRequest'] = ({ file }) => {
    const upload = file as File;
    const checked = checkFile(upload);
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    setProblem(undefined);
    setSending({ name: upload.name, percent: 0 });
    void (async () => {
      try {
        const slot = await openSlot(problemId, upload, checked.contentType);
        await sendFile(slot.upload, upload, (percent) => setSending({ name: upload.name, percent }));
      } catch (error) {
        setProblem(error instanceof UploadFailed || error instanceof ApiClientError ? error.message : '上传失败，请重试。');
      } finally {
        setSending(undefined);
        await queryClient.invalidateQueries({ queryKey: evidenceKey(problemId) });
      }
    })();
  };

  return (
    <Flex vertical gap={8} data-testid="problem-files">
      {(files.data ?? []).map((item) => (
        <Flex key={item.evidenceId} justify="space-between" align="center" gap={8} data-testid="problem-file" data-status={item.status}>
          <Flex vertical style={{ minWidth: 0 }}>
            {item.url ? (
              <Typography.Link href={item.url} target="_blank" rel="noreferrer" ellipsis>
                {item.fileName}
              </Typography.Link>
            ) : (
              <Typography.Text ellipsis>{item.fileName}</Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {typeLabel(item.contentType)} · {formatSize(item.size)}
              {item.reason ? ` · ${item.reason}` : ''}
            </Typography.Text>
          </Flex>
          <Tag color={STATUS[item.status].color}>{STATUS[item.status].label}</Tag>
        </Flex>
      ))}
      {sending && (
        <Flex vertical>
          <Typography.Text>{sending.name}</Typography.Text>
          <Progress percent={sending.percent} size="small" />
        </Flex>
      )}
      {problem && <Alert type="error" showIcon title={problem} />}
      <Upload accept={ACCEPT} showUploadList={false} customRequest={customRequest} disabled={sending !== undefined}>
        <Button icon={<UploadOutlined />} loading={sending !== undefined}>
          上传佐证材料
        </Button>
      </Upload>
    </Flex>
  );
}
