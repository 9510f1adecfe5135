// 下载报告: the file's rows with an 错误 column, as an attachment. Its link lives five minutes and
// the page may have stopped reading the import long ago, so the button reads it again for a fresh
// link rather than use the one on screen.
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { explain } from '../../components/ErrorState.tsx';
import { openDownload } from '../../api/open-download.ts';
import { getImport, importKey } from './data.ts';

export function ReportButton({ importId, label, primary = false }: { importId: string; label: string; primary?: boolean }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string>();
  const download = useMutation({
    mutationFn: () => queryClient.fetchQuery({ queryKey: importKey(importId), queryFn: () => getImport(importId), staleTime: 0 }),
    onSuccess: (view) => {
      if (!view.reportUrl) return setProblem('报告已不可下载 (报告保留 30 天)；如需要，请重新上传文件检查。');
      setProblem(undefined);
      openDownload(view.reportUrl);
    },
    onError: (error) => setProblem(`报告下载失败：${explain(error).detail}`),
  });
  return (
    <Flex vertical gap={4} align="flex-start">
      <Button type={primary ? 'primary' : 'default'} icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()} data-testid="report-download">
        {label}
      </Button>
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Flex>
  );
}
