// 上传照片压缩包: the registrar chooses whose photos these are (the school, a grade or a class: no
// file reaches a student outside it), then a zip; it goes straight to storage with a progress bar,
// and the batch's job starts at once. Each step's refusal is said in words.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Progress, TreeSelect, Typography, Upload } from 'antd';
import { useState } from 'react';
import { MAX_BATCH_ZIP_BYTES } from '#shared/domain/photos/batch.ts';
import { explain } from '../../components/ErrorState.tsx';
import { newIdempotencyKey } from '../../components/idempotency.ts';
import { useSchoolClasses } from '../../components/useSchoolClasses.ts';
import { sendFile, UploadFailed } from '../../components/storage-upload.ts';
import { formatSize } from '../imports/upload.ts';
import { createBatch, startBatch } from './data.ts';

type Sending = { name: string; size: number; stage: 'opening' | 'sending' | 'starting'; percent: number } | { name: string; size: number; stage: 'failed'; problem: string };

const MAX_MB = MAX_BATCH_ZIP_BYTES / 1024 / 1024;

function checkZip(file: File): string | undefined {
  if (!/\.zip$/i.test(file.name)) return `“${file.name}”不是 zip 压缩包。请把照片按年级、班级放进文件夹，压缩为 .zip 后上传。`;
  if (file.size === 0) return `“${file.name}”是空文件。`;
  if (file.size > MAX_BATCH_ZIP_BYTES) return `“${file.name}”有 ${formatSize(file.size)}，超过 ${MAX_MB} MB 的上限。请按年级或班级分开上传。`;
  return undefined;
}

export function BatchUploadCard({ school, onStarted }: { school: { orgId: string; name: string }; onStarted: (batchId: string) => void }) {
  const classes = useSchoolClasses(school.orgId);
  const [orgId, setOrgId] = useState(school.orgId);
  const [sending, setSending] = useState<Sending>();
  const busy = sending !== undefined && sending.stage !== 'failed';
  // The tree opens on the school's grades and searches them only once they are all read.
  if (!classes.data) return <Card size="small" title="上传照片压缩包" loading />;
  const tree = [
    {
      value: school.orgId,
      title: `${school.name} (全校)`,
      children: classes.data.map((grade) => ({ value: `${school.orgId}-G${grade.grade}`, title: grade.title, children: grade.options.map((klass) => ({ value: klass.value, title: `${grade.title}${klass.label}` })) })),
    },
  ];

  const send = async (file: File) => {
    const base = { name: file.name, size: file.size };
    const problem = checkZip(file);
    if (problem) return setSending({ ...base, stage: 'failed', problem });
    setSending({ ...base, stage: 'opening', percent: 0 });
    let batch: Awaited<ReturnType<typeof createBatch>>;
    try {
      // One key per chosen file: a resend after a lost answer opens one batch, not two.
      batch = await createBatch(orgId, file.size, newIdempotencyKey());
      await sendFile(batch.upload, file, (percent) => setSending({ ...base, stage: 'sending', percent }));
      setSending({ ...base, stage: 'starting', percent: 100 });
      await startBatch(batch.batchId, newIdempotencyKey());
    } catch (error) {
      return setSending({ ...base, stage: 'failed', problem: error instanceof UploadFailed ? error.message : explain(error).detail });
    }
    setSending(undefined);
    onStarted(batch.batchId);
  };

  return (
    <Card size="small" title="上传照片压缩包">
      <Flex vertical gap={12}>
        <Flex align="center" gap={8} wrap>
          <Typography.Text>照片所属：</Typography.Text>
          <TreeSelect
            data-testid="batch-org"
            style={{ minWidth: 260 }}
            value={orgId}
            treeData={tree}
            treeDefaultExpandedKeys={[school.orgId]}
            showSearch
            treeNodeFilterProp="title"
            placeholder="输入年级或班级查找"
            disabled={busy}
            onChange={(value: string) => setOrgId(value)}
          />
        </Flex>
        <Upload.Dragger
          accept=".zip,application/zip"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void send(file);
            return Upload.LIST_IGNORE;
          }}
          data-testid="batch-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击选择或拖入照片压缩包 (.zip)</p>
          <p className="ant-upload-hint">按“年级/班级”分文件夹，照片以身份证件号命名 (无证件号的以“学校标识码_班号_姓名”命名)，JPEG 格式；不超过 {MAX_MB} MB。</p>
        </Upload.Dragger>
        {sending && sending.stage !== 'failed' && (
          <Flex vertical gap={4} data-testid="batch-sending">
            <Typography.Text>
              {sending.name} <Typography.Text type="secondary">({formatSize(sending.size)})</Typography.Text>
            </Typography.Text>
            <Progress percent={sending.percent} status="active" format={(percent) => (percent === 100 ? '已上传' : `${percent}%`)} />
            <Typography.Text type="secondary">{sending.stage === 'opening' ? '正在准备上传…' : sending.stage === 'sending' ? '正在上传，请不要关闭本页…' : '已上传，正在开始处理…'}</Typography.Text>
          </Flex>
        )}
        {sending?.stage === 'failed' && (
          <Alert type="error" showIcon closable onClose={() => setSending(undefined)} title={`“${sending.name}”未能上传`} description={sending.problem} data-testid="batch-problem" />
        )}
      </Flex>
    </Card>
  );
}
