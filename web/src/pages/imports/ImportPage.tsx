// One import at /imports/:importId: its file, then where it stands, read every second while its
// job runs. Not yet checked: 检查. Checking: the rows read. Checked: the counts (可导入, 已有学籍跳过,
// 有错误), the problems by row and column, the report, and 开始导入 behind a dialog saying how many
// rows it writes. Writing: done of total. Written: the counts, the problems and the report. The id is
// in the address, so a reload, or coming back from the list, shows it again.
import { ArrowLeftOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isFinished } from '#shared/domain/jobs.ts';
import { ApiClientError } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatTime } from '../../components/format.ts';
import { useSubmissionKey } from '../changes/submission.ts';
import { getImport, importKey, importsKey, phaseOf, startImport, type ImportView, type Phase } from './data.ts';
import { ImportCounts } from './ImportCounts.tsx';
import { ImportProgress } from './ImportProgress.tsx';
import { importRefusal } from './refusal.ts';
import { ReportButton } from './ReportButton.tsx';
import { RowErrorTable } from './RowErrorTable.tsx';
import { StartImportDialog } from './StartImportDialog.tsx';
import { formatSize } from './upload.ts';

const PHASE_TAG: Record<Phase, { label: string; color: string }> = {
  unchecked: { label: '未检查', color: 'default' },
  checking: { label: '检查中', color: 'processing' },
  checked: { label: '已检查，未导入', color: 'blue' },
  checkFailed: { label: '检查未完成', color: 'error' },
  writing: { label: '导入中', color: 'processing' },
  written: { label: '已导入', color: 'success' },
  writeFailed: { label: '导入失败', color: 'error' },
};

/** The problems found, or a word that there are none. */
function Problems({ view }: { view: ImportView }) {
  if (view.rowErrorCount === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有发现问题" data-testid="row-errors-none" />;
  return <RowErrorTable errors={view.rowErrors} count={view.rowErrorCount} />;
}

export default function ImportPage() {
  const { importId = '' } = useParams();
  const queryClient = useQueryClient();
  const submission = useSubmissionKey();
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const view = useQuery({
    queryKey: importKey(importId),
    queryFn: () => getImport(importId),
    refetchInterval: (query) => (query.state.data?.job && !isFinished(query.state.data.job.status) ? 1_000 : false),
  });
  const data = view.data;
  const phase = data ? phaseOf(data) : undefined;

  // Written: the school's lists and counts are read again, once.
  const refreshed = useRef(false);
  useEffect(() => {
    if (phase !== 'written' || refreshed.current) return;
    refreshed.current = true;
    for (const key of ['students', 'org', 'org-children', 'school-classes']) void queryClient.invalidateQueries({ queryKey: [key] });
  }, [phase, queryClient]);

  const start = useMutation({
    mutationFn: (dryRun: boolean) => startImport(importId, dryRun, submission.keyFor({ importId, dryRun })),
    onSuccess: async () => {
      submission.reset();
      setRefusal(undefined);
      setConfirming(false);
      await view.refetch();
      if (data) void queryClient.invalidateQueries({ queryKey: importsKey(data.schoolId) });
    },
    onError: (error) => {
      // An answer (not a lost connection) ends this submission: the next click is another.
      if (error instanceof ApiClientError && error.status > 0) submission.reset();
      setConfirming(false);
      setRefusal(importRefusal(error));
      // Already running or run: the page says where it stands.
      void view.refetch();
    },
  });

  if (view.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (view.isError) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  const v = view.data;
  const tag = PHASE_TAG[phase!];
  // A file writes once: after its run (even while a later check of it is shown), 开始导入 is gone.
  const alreadyRun = Boolean(v.runJobId) && phase !== 'writeFailed';
  const failure = v.job?.errorSamples[0]?.message;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1000 }}>
      <Link to="/imports">
        <ArrowLeftOutlined /> 批量导入
      </Link>
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-all' }} data-testid="import-file-name">
          {v.fileName}
        </Typography.Title>
        <Tag color={tag.color} data-testid="import-phase" data-phase={phase}>
          {tag.label}
        </Tag>
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 'at', label: '上传时间', children: formatTime(v.createdAt) },
          { key: 'by', label: '上传人', children: v.createdBy.displayName },
          { key: 'size', label: '文件', children: `${v.format === 'xlsx' ? 'Excel' : 'CSV'} · ${formatSize(v.size)}` },
        ]}
      />
      {refusal && <Alert type="error" showIcon closable onClose={() => setRefusal(undefined)} title={refusal} data-testid="import-refusal" />}

      {phase === 'unchecked' && (
        <Card size="small" title="尚未检查">
          <Flex vertical gap={12} align="flex-start">
            <Typography.Text>检查会逐行核对文件中的学生信息，列出有问题的行和列，不会写入任何数据。</Typography.Text>
            <Button type="primary" icon={<PlayCircleOutlined />} loading={start.isPending} onClick={() => start.mutate(true)} data-testid="import-check">
              检查
            </Button>
          </Flex>
        </Card>
      )}

      {(phase === 'checking' || phase === 'writing') && <ImportProgress view={v} />}

      {phase === 'checkFailed' && (
        <Alert
          type="error"
          showIcon
          title="文件未能检查"
          description={
            <Flex vertical gap={4}>
              {failure && <span>{failure}</span>}
              <span>
                请对照导入模板修改文件 (表头须在第一行，列名与模板一致)，另存后 <Link to="/imports">重新上传</Link>。
              </span>
            </Flex>
          }
          data-testid="import-failed"
        />
      )}

      {phase === 'checked' && (
        <Card size="small" title="检查结果" data-testid="import-result">
          <Flex vertical gap={16}>
            <ImportCounts view={v} written={false} />
            {alreadyRun ? (
              <Alert type="info" showIcon title="该文件已经正式导入过" description={<>每个文件只能正式导入一次。再导入请重新上传文件。</>} />
            ) : v.ready === 0 ? (
              <Alert type="warning" showIcon title="没有可导入的学生" description="请按下方问题或检查报告修改文件，另存后重新上传。" data-testid="import-nothing" />
            ) : (
              <Alert
                type={v.failed > 0 ? 'warning' : 'success'}
                showIcon
                title={v.failed > 0 ? `${v.ready} 名学生可以导入，另有 ${v.failed} 行有错误` : `检查通过，${v.ready} 名学生可以导入`}
                description={v.failed > 0 ? '可以先导入没有错误的学生，有错误的行按报告修改后另存为新文件再上传；也可以全部修改后重新上传。' : '没有写入任何数据。确认无误后点“开始导入”。'}
                data-testid="import-verdict"
              />
            )}
            <Flex gap={12} wrap align="flex-start">
              {!alreadyRun && v.ready > 0 && (
                <Button type="primary" icon={<PlayCircleOutlined />} loading={start.isPending && start.variables === false} onClick={() => setConfirming(true)} data-testid="import-start">
                  开始导入
                </Button>
              )}
              <ReportButton importId={importId} label="下载检查报告" />
              <Link to="/imports">
                <Button icon={<ReloadOutlined />}>重新上传</Button>
              </Link>
            </Flex>
          </Flex>
        </Card>
      )}

      {phase === 'written' && (
        <Card size="small" title="导入结果" data-testid="import-result">
          <Flex vertical gap={16}>
            <Alert
              type={v.failed > 0 ? 'warning' : 'success'}
              showIcon
              title={`导入完成：新建 ${v.created} 名学生的学籍`}
              description={
                <Flex vertical gap={4}>
                  {v.skipped > 0 && <span>已有学籍的 {v.skipped} 行已跳过。</span>}
                  {v.failed > 0 && <span>有错误的 {v.failed} 行未导入，请按报告修改后另存为新文件再上传。</span>}
                  <span>
                    新生可在 <Link to={`/students?schoolId=${v.schoolId}`}>学生信息维护</Link> 中按班级查看和修改。
                  </span>
                </Flex>
              }
              data-testid="import-done"
            />
            <ImportCounts view={v} written />
            <div>
              <ReportButton importId={importId} label="下载导入报告" />
            </div>
          </Flex>
        </Card>
      )}

      {phase === 'writeFailed' && (
        <Alert
          type="error"
          showIcon
          title="导入未能完成"
          description={
            <Flex vertical gap={8} align="flex-start">
              {failure && <span>{failure}</span>}
              <span>已写入的学生 (如有) 保留；可以重新开始导入，已导入的行会跳过。</span>
              <Button loading={start.isPending} onClick={() => setConfirming(true)}>
                重新开始导入
              </Button>
            </Flex>
          }
          data-testid="import-failed"
        />
      )}

      {(phase === 'checked' || phase === 'written' || phase === 'checkFailed' || phase === 'writeFailed') && (
        <Card size="small" title={v.rowErrorCount > 0 ? `发现的问题 (${v.rowErrorCount} 处)` : '发现的问题'}>
          <Problems view={v} />
        </Card>
      )}

      <StartImportDialog view={v} open={confirming} busy={start.isPending} onConfirm={() => start.mutate(false)} onClose={() => setConfirming(false)} />
    </Space>
  );
}
