// 上传导入文件: a file chosen (or dropped) is checked here first (xlsx or csv, size), then the API
// opens an import and answers a presigned form, the file goes straight to storage with a progress
// bar, and the check (检查, a dry run that writes nothing) starts at once; the page of the import
// then follows it. Each step's refusal is said in words, with what to do.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { newIdempotencyKey } from '../../components/idempotency.ts';
import { createImport, downloadTemplate, importsKey, startImport } from './data.ts';
import { importRefusal } from './refusal.ts';
import { sendFile, UploadFailed } from '../../components/storage-upload.ts';
import { ACCEPT, checkImportFile, formatSize, MAX_MB } from './upload.ts';
import { explain } from '../../components/ErrorState.tsx';

/** Where a chosen file is: being sent (with its percent), its check being started, or stopped with a problem. */
type Sending = { name: string; size: number; stage: 'opening' | 'sending' | 'starting'; percent: number } | { name: string; size: number; stage: 'failed'; problem: string; importId?: string };

export function TemplateButton({ type = 'default' }: { type?: 'default' | 'primary' | 'link' }) {
  const [problem, setProblem] = useState<string>();
  const download = useMutation({
    mutationFn: downloadTemplate,
    onSuccess: () => setProblem(undefined),
    onError: (error) => setProblem(`模板下载失败：${explain(error).detail}`),
  });
  return (
    <Flex vertical gap={4} align="flex-start">
      <Button type={type} icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()} data-testid="template-download">
        下载导入模板
      </Button>
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Flex>
  );
}

export function UploadCard({ schoolId }: { schoolId: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [sending, setSending] = useState<Sending>();
  const busy = sending !== undefined && sending.stage !== 'failed';

  const send = async (file: File) => {
    const checked = checkImportFile(file);
    const base = { name: file.name, size: file.size };
    if ('problem' in checked) return setSending({ ...base, stage: 'failed', problem: checked.problem });
    setSending({ ...base, stage: 'opening', percent: 0 });
    let opened: Awaited<ReturnType<typeof createImport>>;
    try {
      // One key per chosen file: a resend after a lost answer opens one import, not two.
      opened = await createImport(schoolId, file, checked.format, newIdempotencyKey());
    } catch (error) {
      return setSending({ ...base, stage: 'failed', problem: importRefusal(error) });
    }
    void queryClient.invalidateQueries({ queryKey: importsKey(schoolId) });
    try {
      await sendFile(opened.upload, file, (percent) => setSending({ ...base, stage: 'sending', percent }));
    } catch (error) {
      return setSending({ ...base, stage: 'failed', problem: error instanceof UploadFailed ? error.message : '上传失败，请重新上传。' });
    }
    setSending({ ...base, stage: 'starting', percent: 100 });
    try {
      await startImport(opened.importId, true, newIdempotencyKey());
    } catch (error) {
      return setSending({ ...base, stage: 'failed', problem: `文件已上传，但检查未能开始：${importRefusal(error)}`, importId: opened.importId });
    }
    void queryClient.invalidateQueries({ queryKey: importsKey(schoolId) });
    await navigate(`/imports/${opened.importId}`);
  };

  return (
    <Card size="small" title="上传导入文件" extra={<TemplateButton type="link" />}>
      <Flex vertical gap={12}>
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void send(file);
            return Upload.LIST_IGNORE;
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击选择或拖入按模板填好的文件</p>
          <p className="ant-upload-hint">Excel (.xlsx) 或 CSV (UTF-8 或 GBK 编码)，不超过 {MAX_MB} MB。上传后自动检查，检查不会写入任何数据。</p>
        </Upload.Dragger>
        {sending && sending.stage !== 'failed' && (
          <Flex vertical gap={4} data-testid="import-sending">
            <Typography.Text>
              {sending.name} <Typography.Text type="secondary">({formatSize(sending.size)})</Typography.Text>
            </Typography.Text>
            <Progress percent={sending.percent} status="active" data-testid="import-progress" format={(percent) => (percent === 100 ? '已上传' : `${percent}%`)} />
            <Typography.Text type="secondary">{sending.stage === 'opening' ? '正在准备上传…' : sending.stage === 'sending' ? '正在上传，请不要关闭本页…' : '已上传，正在开始检查…'}</Typography.Text>
          </Flex>
        )}
        {sending?.stage === 'failed' && (
          <Alert
            type="error"
            showIcon
            closable
            onClose={() => setSending(undefined)}
            title={`“${sending.name}”未能导入`}
            description={
              <Flex vertical gap={2}>
                <span>{sending.problem}</span>
                {sending.importId && <Link to={`/imports/${sending.importId}`}>打开该导入，再试一次检查</Link>}
              </Flex>
            }
            data-testid="import-problem"
          />
        )}
        <Typography.Text type="secondary">
          每行一名学生，带 ★ 的列必填，代码可填名称 (如“汉族”)。学号按本校的 <Link to={`/schools/${schoolId}/numbering`}>学号编排</Link> 生成；身份证件号已有学籍的学生会跳过，不会重复注册。
        </Typography.Text>
      </Flex>
    </Card>
  );
}
