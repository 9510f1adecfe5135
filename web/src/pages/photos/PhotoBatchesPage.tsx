// 照片采集 at /photo-batches, the school registrar's photos by the zip (DOMAIN.md "Photos"): how to
// make the zip, the upload, and the batch being followed (its id in the address, so a reload or a
// shared link shows it again).
import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { getOrgRoute } from '#shared/api/identity.ts';
import { request } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { BatchReport } from './BatchReport.tsx';
import { BatchUploadCard } from './BatchUploadCard.tsx';

export default function PhotoBatchesPage() {
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const batchId = search.get('batch');
  const school = useQuery({ queryKey: ['org', me.orgId], queryFn: async () => (await request(getOrgRoute, { params: { orgId: me.orgId } })).data, staleTime: 5 * 60_000 });
  if (me.role !== 'school_registrar') return <Alert type="warning" showIcon title="只有学校的学籍管理员可以采集照片" />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex align="baseline" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          照片采集
        </Typography.Title>
        <Typography.Text type="secondary">{school.data?.name ?? ''}</Typography.Text>
      </Flex>
      <Alert
        type="info"
        showIcon
        title="压缩包要求"
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            <li>按年级、班级分文件夹，如“2026级/1班/”；照片为 JPEG，宽高至少 154 × 189 像素、比例 26:32 的竖版，小于 60 KB。</li>
            <li>以学生的身份证件号命名 (如 440106201903150023.jpg)；没有证件号的以“学校标识码_班号_姓名”命名 (如 {me.orgId}_1_张三.jpg)。</li>
            <li>只处理所选学校、年级或班级中的学生；不合要求的文件逐个列出原因，其余照片照常通过。</li>
          </ul>
        }
      />
      {school.data && <BatchUploadCard school={school.data} onStarted={(id) => setSearch({ batch: id })} />}
      {batchId && <BatchReport key={batchId} batchId={batchId} />}
    </Space>
  );
}
