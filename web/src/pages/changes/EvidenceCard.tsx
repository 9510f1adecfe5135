// 佐证材料 on the case page: the case's files (name, type, size, 待核验 / 已通过 / 未通过 with the
// reason), an image's thumbnail opening a larger view, a PDF's 打开. Download links live five
// minutes: the list is read again every four while the page is open, and a link older than that is
// renewed when it is opened. The page's CSP allows images only from the page itself, so a
// thumbnail is fetched (storage answers CORS) and shown from a blob. The applicant's organisation
// and the current step's organisation add files while the case is pending: checked here first
// (type, size), then sent straight to storage with a progress bar, then followed until checked.
import { CheckCircleFilled, CloseCircleFilled, CloseOutlined, FileImageOutlined, FilePdfOutlined, LoadingOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Image, Progress, Skeleton, Tag, Typography, Upload, type UploadProps } from 'antd';
import { useCallback, useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { MAX_EVIDENCE_FILES } from '#shared/domain/changes/evidence.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { changeKey, type Change } from './case.ts';
import { sendFile, UploadFailed } from '../../components/storage-upload.ts';
import { ACCEPT, checkFile, evidenceKey, formatSize, isImage, LINK_FRESH_MS, listEvidence, mayAddEvidence, openSlot, slotRefusal, typeLabel, type EvidenceItem } from './evidence.ts';

const STATUS: Record<EvidenceItem['status'], { label: string; color: string; icon: ReactNode }> = {
  pending: { label: '待核验', color: 'processing', icon: <LoadingOutlined /> },
  accepted: { label: '已通过', color: 'success', icon: <CheckCircleFilled /> },
  rejected: { label: '未通过', color: 'error', icon: <CloseCircleFilled /> },
};

/** A file on its way up: asking for the form, sending, or refused (with why). */
interface Sending {
  uid: string;
  name: string;
  size: number;
  percent: number;
  error?: string;
}

const THUMB = 56;

/** An accepted image, fetched once per file (each list read signs a new link for the same bytes). */
function Thumbnail({ item, renew }: { item: EvidenceItem; renew: (evidenceId: string) => Promise<string | undefined> }) {
  const [src, setSrc] = useState<string>();
  const [failed, setFailed] = useState(false);
  const first = useRef(item.url);
  useEffect(() => {
    let active = true;
    let objectUrl: string | undefined;
    const load = async (url: string | undefined) => (url ? fetch(url).catch(() => undefined) : undefined);
    void (async () => {
      let response = await load(first.current);
      // The link may have died meanwhile: a fresh one, once.
      if (!response?.ok) response = await load(await renew(item.evidenceId));
      if (!active) return;
      if (!response?.ok) {
        setFailed(true);
        return;
      }
      const blob = await response.blob();
      if (!active) return;
      objectUrl = URL.createObjectURL(blob);
      setSrc(objectUrl);
    })();
    return () => {
      active = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [item.evidenceId, renew]);
  if (failed) return <FileImageOutlined style={{ fontSize: 28, color: '#bfbfbf' }} />;
  if (!src) return <Skeleton.Image active style={{ width: THUMB, height: THUMB }} />;
  return (
    <Image
      src={src}
      alt={item.fileName}
      width={THUMB}
      height={THUMB}
      style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }}
      preview={{ mask: '查看' }}
      data-testid="evidence-thumb"
    />
  );
}

function FileIcon({ item }: { item: Pick<EvidenceItem, 'contentType' | 'status'> }) {
  const style = { fontSize: 28, color: item.status === 'rejected' ? '#bfbfbf' : item.contentType === 'application/pdf' ? '#cf1322' : '#1677ff' };
  return item.contentType === 'application/pdf' ? <FilePdfOutlined style={style} /> : <FileImageOutlined style={style} />;
}

function Row({ icon, title, meta, children, testId, status }: { icon: ReactNode; title: ReactNode; meta: ReactNode; children?: ReactNode; testId: string; status?: string }) {
  return (
    <Flex gap={12} align="flex-start" style={{ padding: '10px 0', borderTop: '1px solid #f0f0f0' }} data-testid={testId} data-status={status}>
      <Flex align="center" justify="center" style={{ width: THUMB, height: THUMB, flex: 'none', background: '#fafafa', borderRadius: 4 }}>
        {icon}
      </Flex>
      <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong ellipsis={{ tooltip: true }} style={{ minWidth: 0 }} data-testid="evidence-name">
            {title}
          </Typography.Text>
          {meta}
        </Flex>
        {children}
      </Flex>
    </Flex>
  );
}

/** `justFiled`: the applicant has just filed the case and landed here; the card asks for the evidence and comes into view. */
export function EvidenceCard({ change, justFiled = false }: { change: Change; justFiled?: boolean }) {
  const me = useMe();
  const card = useRef<HTMLDivElement>(null);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const changeId = change.changeId;
  const [sending, setSending] = useState<Sending[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  // Files sent from this page, followed until checked: the id and when it landed.
  const [checking, setChecking] = useState<Map<string, number>>(() => new Map());

  const list = useQuery({
    queryKey: evidenceKey(changeId),
    queryFn: () => listEvidence(changeId),
    staleTime: 0,
    refetchOnWindowFocus: true,
    refetchInterval: (query) => {
      const items = query.state.data;
      // A file just sent is checked within a second or two; one that takes longer is looked at calmly.
      if (checking.size > 0) return [...checking.values()].some((since) => Date.now() - since < 30_000) ? 700 : 5_000;
      return items?.some((item) => item.url) ? LINK_FRESH_MS : false;
    },
  });

  // A file sent from here has been checked: say so, and stop following it.
  useEffect(() => {
    if (!list.data || checking.size === 0) return;
    const settled = list.data.filter((item) => checking.has(item.evidenceId) && item.status !== 'pending');
    if (settled.length === 0) return;
    for (const item of settled) {
      if (item.status === 'accepted') void message.success(`“${item.fileName}”已通过核验`);
      else void message.error(`“${item.fileName}”未通过核验：${item.reason ?? ''}`);
    }
    setChecking((current) => new Map([...current].filter(([evidenceId]) => !settled.some((item) => item.evidenceId === evidenceId))));
  }, [list.data, checking, message]);

  /** A fresh link of a file (the list read again). */
  const renew = useCallback(
    async (evidenceId: string) => (await queryClient.fetchQuery({ queryKey: evidenceKey(changeId), queryFn: () => listEvidence(changeId), staleTime: 0 })).find((item) => item.evidenceId === evidenceId)?.url,
    [queryClient, changeId],
  );

  /** 打开: the link as it is while fresh; an older one is renewed first, in a tab opened at once (so no popup blocker stops it). */
  const open = (event: MouseEvent<HTMLAnchorElement>, item: EvidenceItem) => {
    if (Date.now() - list.dataUpdatedAt < LINK_FRESH_MS) return;
    event.preventDefault();
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    void renew(item.evidenceId).then((url) => {
      if (url && tab) tab.location.href = url;
      else tab?.close();
    });
  };

  const patch = (uid: string, change: Partial<Sending>) => setSending((current) => current.map((entry) => (entry.uid === uid ? { ...entry, ...change } : entry)));

  const items = list.data ?? [];
  const live = items.filter((item) => item.status !== 'rejected').length + sending.filter((entry) => !entry.error).length;
  const room = Math.max(0, MAX_EVIDENCE_FILES - live);
  const mayAdd = mayAddEvidence(change, me);
  const ask = justFiled && mayAdd && items.length === 0 && sending.length === 0;

  useEffect(() => {
    if (justFiled) card.current?.scrollIntoView({ block: 'nearest' });
  }, [justFiled]);

  const beforeUpload: UploadProps['beforeUpload'] = (file, batch) => {
    const index = batch.findIndex((entry) => entry.uid === file.uid);
    // A new choice of files: the last choice's refusals go.
    if (index === 0) setProblems([]);
    const checked = checkFile(file);
    const refuse = (problem: string) => {
      setProblems((current) => [...current, problem]);
      return Upload.LIST_IGNORE;
    };
    if ('problem' in checked) return refuse(checked.problem);
    if (index >= room) return refuse(`“${file.name}”未上传：每个申请最多 ${MAX_EVIDENCE_FILES} 份佐证材料 (未通过的不计)，本次最多还能上传 ${room} 份。`);
    return true;
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const upload = file as File & { uid: string };
    const checked = checkFile(upload);
    if ('problem' in checked) return;
    setSending((current) => [...current, { uid: upload.uid, name: upload.name, size: upload.size, percent: 0 }]);
    void (async () => {
      let slot: Awaited<ReturnType<typeof openSlot>>;
      try {
        slot = await openSlot(changeId, upload, checked.contentType);
      } catch (error) {
        patch(upload.uid, { error: slotRefusal(error) });
        onError?.(error as Error);
        // The case may have moved on (closed, or another step): read it again, so the page says where it stands.
        void queryClient.invalidateQueries({ queryKey: changeKey(changeId) });
        return;
      }
      try {
        await sendFile(slot.upload, upload, (percent) => patch(upload.uid, { percent }));
      } catch (error) {
        patch(upload.uid, { error: error instanceof UploadFailed ? error.message : '上传失败，请重新上传。' });
        onError?.(error as Error);
        void list.refetch();
        return;
      }
      onSuccess?.(null);
      setChecking((current) => new Map(current).set(slot.evidenceId, Date.now()));
      await list.refetch();
      setSending((current) => current.filter((entry) => entry.uid !== upload.uid));
    })();
  };

  const hint =
    change.status !== 'pending'
      ? '申请已办结，不能再上传材料。'
      : mayAdd
        ? `JPG、PNG 或 PDF，每份不超过 2 MB，每个申请最多 ${MAX_EVIDENCE_FILES} 份。上传后系统会核验文件，通过后审核单位即可查看。`
        : '只有提交申请的单位和当前办理单位可以上传佐证材料。';

  return (
    <Card ref={card} size="small" title="佐证材料" data-testid="evidence-card" id="evidence">
      <Flex vertical gap={8}>
        {ask && <Alert type="info" showIcon title="申请已提交，请上传证明材料" description="如医院证明、户口簿、家长申请书的照片或扫描件。审核单位会在审核时查看，材料齐全可减少退回。" data-testid="evidence-ask" />}
        <Flex wrap gap={12} align="center">
          {mayAdd && (
            <Upload accept={ACCEPT} multiple showUploadList={false} beforeUpload={beforeUpload} customRequest={customRequest} disabled={room === 0}>
              <Button icon={<UploadOutlined />} type={items.length === 0 ? 'primary' : 'default'} disabled={room === 0} data-testid="evidence-upload">
                上传材料
              </Button>
            </Upload>
          )}
          <Typography.Text type="secondary" style={{ flex: '1 1 240px' }}>
            {mayAdd && room === 0 ? `已有 ${MAX_EVIDENCE_FILES} 份材料，达到上限 (未通过的不计)；已上传的材料不能删除，如有误请在审核意见中说明。` : hint}
          </Typography.Text>
        </Flex>
        {problems.length > 0 && (
          <Alert type="error" showIcon closable onClose={() => setProblems([])} title={problems.length === 1 ? problems[0] : '以下文件未上传'} description={problems.length > 1 ? problems.map((line) => <div key={line}>{line}</div>) : undefined} data-testid="evidence-problem" />
        )}
        {list.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 && sending.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无佐证材料" />
        ) : (
          <div>
            {items.map((item) => {
              const status = STATUS[item.status];
              return (
                <Row
                  key={item.evidenceId}
                  testId="evidence-item"
                  status={item.status}
                  icon={item.status === 'accepted' && isImage(item.contentType) ? <Thumbnail item={item} renew={renew} /> : <FileIcon item={item} />}
                  title={item.fileName}
                  meta={
                    <Tag color={status.color} icon={status.icon} style={{ marginInlineEnd: 0, flex: 'none' }} data-testid="evidence-status">
                      {status.label}
                    </Tag>
                  }
                >
                  <Flex gap={12} wrap align="center">
                    <Typography.Text type="secondary">
                      {typeLabel(item.contentType)} · {formatSize(item.size)}
                    </Typography.Text>
                    {item.status === 'accepted' && item.url && item.contentType === 'application/pdf' && (
                      <a href={item.url} target="_blank" rel="noopener noreferrer" onClick={(event) => open(event, item)} data-testid="evidence-open">
                        打开
                      </a>
                    )}
                    {item.status === 'pending' && checking.has(item.evidenceId) && <Typography.Text type="secondary">正在核验文件…</Typography.Text>}
                  </Flex>
                  {item.status === 'rejected' && item.reason && (
                    <Typography.Text type="danger" data-testid="evidence-reason">
                      {item.reason}
                    </Typography.Text>
                  )}
                </Row>
              );
            })}
            {sending.map((entry) => (
              <Row
                key={entry.uid}
                testId="evidence-sending"
                icon={<UploadOutlined style={{ fontSize: 24, color: entry.error ? '#bfbfbf' : '#1677ff' }} />}
                title={entry.name}
                meta={
                  entry.error ? (
                    <Button type="text" size="small" icon={<CloseOutlined />} aria-label="移除" onClick={() => setSending((current) => current.filter((other) => other.uid !== entry.uid))} />
                  ) : (
                    <Typography.Text type="secondary" style={{ flex: 'none' }}>
                      {formatSize(entry.size)}
                    </Typography.Text>
                  )
                }
              >
                {entry.error ? (
                  <Typography.Text type="danger" data-testid="evidence-send-error">
                    未能上传：{entry.error}
                  </Typography.Text>
                ) : (
                  <Progress percent={entry.percent} size="small" status="active" data-testid="evidence-progress" format={(percent) => (percent === 100 ? '已上传' : `${percent}%`)} />
                )}
              </Row>
            ))}
          </div>
        )}
      </Flex>
    </Card>
  );
}
