// 导出 Excel / 导出 PDF of a grade sheet (登分表) or a transcript (成绩单), with its progress inline
// (docs/api-guide.md "Exports", "Jobs"): POST /v1/exports under an Idempotency-Key (a double click
// or a resend after a timeout makes one file) answers 202 with a job, polled every second until it
// has ended; then 下载. The download link lives five minutes, so it is never kept: 下载 reads the job
// again for a fresh one and opens it (the file comes under its own name). A refusal (a teacher of
// another section, a role that may not export) is said in words beside the buttons.
import { CheckCircleFilled, DownloadOutlined, FileExcelOutlined, FilePdfOutlined, LoadingOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Dropdown, Flex, Progress, Typography } from 'antd';
import { useState } from 'react';
import type { BodyOf } from '../../api/client.ts';
import { createExportRoute } from '#shared/api/exports.ts';
import { getJobRoute } from '#shared/api/jobs.ts';
import { EXPORT_KIND_LABEL, type ExportFormat } from '#shared/domain/exports/kinds.ts';
import { isFinished } from '#shared/domain/jobs.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { openDownload } from '../../api/open-download.ts';
import { useSubmissionKey } from '../changes/submission.ts';

type NewExport = BodyOf<typeof createExportRoute>;
/** What is exported: a section's sheet or a student's transcript (the format is the button's). */
export type ExportTarget = { kind: 'gradeSheet'; sectionId: string } | { kind: 'transcript'; studentId: string };

const FORMAT_LABEL: Record<ExportFormat, string> = { xlsx: 'Excel', pdf: 'PDF', csv: 'CSV', zip: 'ZIP' };

/** A refusal of an export, in words. */
export function exportRefusal(error: unknown): string {
  if (!(error instanceof ApiClientError)) return '导出失败，请重试';
  if (error.code === 'NOT_SECTION_TEACHER') return '只有本教学班的任课教师、学校教务和上级教育行政部门可以导出登分表';
  if (error.code === 'ROLE_NOT_ALLOWED') return `您的角色不能导出该文件：${error.message}`;
  if (error.status === 404) return '找不到要导出的内容，或您无权查看';
  if (error.status === 0) return error.message;
  return error.message;
}


/** One export's job, followed until it has ended, and its 下载. */
function ExportStatus({ jobId, format, what }: { jobId: string; format: ExportFormat; what: string }) {
  const [problem, setProblem] = useState<string>();
  const job = useQuery({
    queryKey: ['job', jobId],
    queryFn: async () => (await request(getJobRoute, { params: { jobId } })).data,
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data.status) ? false : 1_000),
    // The link in the answer is short-lived: 下载 reads the job again rather than keep it.
    staleTime: 0,
  });
  const download = useMutation({
    mutationFn: async () => (await request(getJobRoute, { params: { jobId } })).data,
    onSuccess: (fresh) => {
      if (!fresh.resultUrl) return setProblem('文件已不可下载 (文件保留 7 天)，请重新导出');
      setProblem(undefined);
      openDownload(fresh.resultUrl);
    },
    onError: (error) => setProblem(exportRefusal(error)),
  });
  const label = `${what} (${FORMAT_LABEL[format]})`;
  if (job.isError) return <Typography.Text type="danger" data-testid="export-status" data-format={format}>{exportRefusal(job.error)}</Typography.Text>;
  const data = job.data;
  if (!data || !isFinished(data.status)) {
    const percent = data?.status === 'running' ? 60 : 20;
    return (
      <Flex align="center" gap={8} data-testid="export-status" data-format={format} data-status={data?.status ?? 'queued'}>
        <LoadingOutlined />
        <Typography.Text type="secondary">正在生成{label}…</Typography.Text>
        <Progress percent={percent} size="small" showInfo={false} status="active" style={{ width: 80, margin: 0 }} />
      </Flex>
    );
  }
  if (data.status === 'failed') {
    return (
      <Typography.Text type="danger" data-testid="export-status" data-format={format} data-status="failed">
        {label}生成失败{data.errorSamples[0] ? `：${data.errorSamples[0].message}` : '，请重新导出'}
      </Typography.Text>
    );
  }
  return (
    <Flex align="center" gap={4} wrap data-testid="export-status" data-format={format} data-status="succeeded">
      <CheckCircleFilled style={{ color: '#52c41a' }} />
      <Typography.Text>{label}已生成</Typography.Text>
      <Button size="small" type="link" icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()} data-testid="export-download">
        下载
      </Button>
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Flex>
  );
}

interface Props {
  target: ExportTarget;
  /** One button with a menu of the formats (导出成绩单) instead of a button per format. */
  menuLabel?: string;
  size?: 'small' | 'middle';
}

export function ExportButtons({ target, menuLabel, size = 'middle' }: Props) {
  const submission = useSubmissionKey();
  const [jobs, setJobs] = useState<Partial<Record<ExportFormat, string>>>({});
  const [refusal, setRefusal] = useState<string>();
  const start = useMutation({
    mutationFn: async (format: ExportFormat) => {
      const body = { ...target, format } as NewExport;
      return { format, job: (await request(createExportRoute, { body, headers: { 'idempotency-key': submission.keyFor(body) } })).data };
    },
    onSuccess: ({ format, job }) => {
      submission.reset();
      setRefusal(undefined);
      setJobs((current) => ({ ...current, [format]: job.jobId }));
    },
    onError: (error) => {
      // An answer (not a lost connection) ends this submission: the next click is another.
      if (error instanceof ApiClientError && error.status > 0) submission.reset();
      setRefusal(exportRefusal(error));
    },
  });
  const what = EXPORT_KIND_LABEL[target.kind];
  const pending = (format: ExportFormat) => start.isPending && start.variables === format;
  const buttons = menuLabel ? (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', icon: <FileExcelOutlined />, label: 'Excel 文件' },
          { key: 'pdf', icon: <FilePdfOutlined />, label: 'PDF 文件' },
        ],
        onClick: ({ key }) => start.mutate(key as ExportFormat),
      }}
    >
      <Button size={size} icon={<DownloadOutlined />} loading={start.isPending}>
        {menuLabel}
      </Button>
    </Dropdown>
  ) : (
    <Flex gap={8} wrap>
      <Button size={size} icon={<FileExcelOutlined />} loading={pending('xlsx')} onClick={() => start.mutate('xlsx')}>
        导出 Excel
      </Button>
      <Button size={size} icon={<FilePdfOutlined />} loading={pending('pdf')} onClick={() => start.mutate('pdf')}>
        导出 PDF
      </Button>
    </Flex>
  );
  const shown = (['xlsx', 'pdf'] as const).filter((format) => jobs[format]);
  return (
    <Flex vertical gap={4} align="flex-start" data-testid="export-buttons">
      {buttons}
      {shown.map((format) => (
        <ExportStatus key={jobs[format]} jobId={jobs[format]!} format={format} what={what} />
      ))}
      {refusal && (
        <Typography.Text type="danger" data-testid="export-refusal">
          {refusal}
        </Typography.Text>
      )}
    </Flex>
  );
}
