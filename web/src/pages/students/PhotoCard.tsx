// 照片 on a student's record: the current photo's thumbnail (click for the full photo), the latest
// upload's state (待核验 / 已通过 / 未通过 with each reason) and, for the school's registrar, the
// upload: checked here first (JPEG, size), sent straight to storage with a progress bar, then
// followed until the server has checked it. Links live five minutes: the photo is read again every
// four while the page is open. The page's CSP allows images only from the page itself, so the
// images are fetched (storage answers CORS) and shown from blobs, once per photo.
import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined, UploadOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Image, Progress, Skeleton, Tag, Typography, Upload, type UploadProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiClientError } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { sendFile, UploadFailed } from '../../components/storage-upload.ts';
import { formatSize, LINK_FRESH_MS } from '../changes/evidence.ts';
import { ACCEPT, checkPhotoFile, openPhotoUpload, photoKey, readPhoto, type Photo } from './photo.ts';

const STATUS: Record<Photo['status'], { label: string; color: string; icon: ReactNode }> = {
  pending: { label: '待核验', color: 'processing', icon: <LoadingOutlined /> },
  accepted: { label: '已通过', color: 'success', icon: <CheckCircleFilled /> },
  rejected: { label: '未通过', color: 'error', icon: <CloseCircleFilled /> },
};

const THUMB = { width: 77, height: 95 };

/** An image behind a short-lived link, as a blob URL; fetched again only when the object changes (not its signature). */
function useBlob(url: string | undefined): string | undefined {
  const object = url ? new URL(url).pathname : undefined;
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    if (!url) return;
    let active = true;
    let blobUrl: string | undefined;
    void fetch(url)
      .then(async (response) => (response.ok ? response.blob() : undefined))
      .then((blob) => {
        if (!active || !blob) return;
        blobUrl = URL.createObjectURL(blob);
        setSrc(blobUrl);
      })
      .catch(() => undefined);
    return () => {
      active = false;
      if (blobUrl) URL.revokeObjectURL(blobUrl);
    };
    // Keyed on the object, not the link: the link of the same object is signed anew at every read.
  }, [object]);
  return src;
}

function CurrentPhoto({ url, thumbnailUrl }: Pick<Photo, 'url' | 'thumbnailUrl'>) {
  const thumb = useBlob(thumbnailUrl);
  const full = useBlob(url);
  if (!thumbnailUrl) {
    return (
      <Flex align="center" justify="center" style={{ ...THUMB, background: '#fafafa', border: '1px dashed #d9d9d9', borderRadius: 4, flex: 'none' }}>
        <UserOutlined style={{ fontSize: 32, color: '#bfbfbf' }} />
      </Flex>
    );
  }
  if (!thumb) return <Skeleton.Image active style={THUMB} />;
  return <Image src={thumb} alt="学生照片" {...THUMB} style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }} preview={{ src: full ?? thumb, mask: '查看' }} data-testid="photo-thumb" />;
}

export function PhotoCard({ studentId, canUpload }: { studentId: string; canUpload: boolean }) {
  const { message } = App.useApp();
  const [sending, setSending] = useState<{ percent: number } | undefined>();
  const [problem, setProblem] = useState<string>();
  // Set once a file sent from here has landed: the photo is followed until it is checked.
  const [checking, setChecking] = useState(false);

  const photo = useQuery({
    queryKey: photoKey(studentId),
    queryFn: () => readPhoto(studentId),
    staleTime: 0,
    refetchInterval: (query) => (checking || query.state.data?.status === 'pending' ? 700 : query.state.data?.url ? LINK_FRESH_MS : false),
  });

  useEffect(() => {
    if (!checking || !photo.data || photo.data.status === 'pending') return;
    setChecking(false);
    if (photo.data.status === 'accepted') void message.success('照片已通过核验');
    else void message.error('照片未通过核验，请按原因修改后重新上传');
  }, [checking, photo.data, message]);

  const customRequest: UploadProps['customRequest'] = ({ file }) => {
    const upload = file as File;
    const refusal = checkPhotoFile(upload);
    setProblem(refusal);
    if (refusal) return;
    setSending({ percent: 0 });
    void (async () => {
      try {
        const form = await openPhotoUpload(studentId, upload);
        await sendFile(form, upload, (percent) => setSending({ percent }));
        // Followed from the state read after the upload (pending, or already checked), never the one before it.
        await photo.refetch();
        setChecking(true);
      } catch (error) {
        setProblem(error instanceof UploadFailed || error instanceof ApiClientError ? `未能上传：${error.message}` : '上传失败，请重新上传。');
      } finally {
        setSending(undefined);
      }
    })();
  };

  const data = photo.data;
  const status = data ? STATUS[data.status] : undefined;
  return (
    <Card size="small" title="照片" data-testid="photo-card" id="photo">
      {photo.isPending ? (
        <Skeleton active avatar paragraph={{ rows: 2 }} />
      ) : photo.isError ? (
        <ErrorState error={photo.error} onRetry={() => void photo.refetch()} />
      ) : (
        <Flex gap={16} align="flex-start" wrap>
          <CurrentPhoto url={data?.url} thumbnailUrl={data?.thumbnailUrl} />
          <Flex vertical gap={8} style={{ flex: '1 1 240px', minWidth: 0 }}>
            {data && status ? (
              <Flex gap={8} align="center" wrap>
                <Tag color={status.color} icon={status.icon} data-testid="photo-status" data-status={data.status}>
                  {status.label}
                </Tag>
                <Typography.Text type="secondary" data-testid="photo-meta">
                  {data.width && data.height ? `${data.width} × ${data.height} 像素 · ` : ''}
                  {formatSize(data.size)}
                </Typography.Text>
                {data.status === 'pending' && <Typography.Text type="secondary">正在核验照片…</Typography.Text>}
              </Flex>
            ) : (
              <Typography.Text type="secondary" data-testid="photo-none">
                暂无照片
              </Typography.Text>
            )}
            {data?.status === 'rejected' && (
              <Alert
                type="error"
                showIcon
                title={data.url ? '最近上传的照片未通过核验，仍使用原照片' : '照片未通过核验'}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="photo-reasons">
                    {data.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                }
              />
            )}
            {canUpload && (
              <Flex gap={12} align="center" wrap>
                <Upload accept={ACCEPT} showUploadList={false} customRequest={customRequest} disabled={sending !== undefined}>
                  <Button icon={<UploadOutlined />} type={data?.url ? 'default' : 'primary'} loading={sending !== undefined} data-testid="photo-upload">
                    {data?.url ? '更换照片' : '上传照片'}
                  </Button>
                </Upload>
                <Typography.Text type="secondary" style={{ flex: '1 1 240px' }}>
                  JPEG 格式、小于 60 KB 的竖版证件照 (浅蓝色背景、免冠)；上传后系统核验尺寸和比例，不合格会说明原因。
                </Typography.Text>
              </Flex>
            )}
            {sending && <Progress percent={sending.percent} size="small" status="active" data-testid="photo-progress" format={(percent) => (percent === 100 ? '已上传' : `${percent}%`)} />}
            {problem && <Alert type="error" showIcon closable onClose={() => setProblem(undefined)} title={problem} data-testid="photo-problem" />}
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
