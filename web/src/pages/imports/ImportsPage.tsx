// 批量导入 at /imports, the school registrar's intake from a spreadsheet (招生入学): the steps in the
// order they happen (模板 → 上传、检查 → 导入), the upload, and the school's earlier imports.
import { Alert, Flex, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { getOrgRoute } from '#shared/api/identity.ts';
import { request } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ImportList } from './ImportList.tsx';
import { UploadCard } from './UploadCard.tsx';

export default function ImportsPage() {
  const me = useMe();
  const schoolId = me.orgId;
  const school = useQuery({ queryKey: ['org', schoolId], queryFn: async () => (await request(getOrgRoute, { params: { orgId: schoolId } })).data, staleTime: 5 * 60_000 });
  if (me.role !== 'school_registrar') {
    return <Alert type="warning" showIcon title="只有学校的学籍管理员可以批量导入学生" />;
  }
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex align="baseline" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          批量导入
        </Typography.Title>
        <Typography.Text type="secondary">{school.data?.name ?? ''}</Typography.Text>
      </Flex>
      <Alert
        type="info"
        showIcon
        title="导入步骤"
        description={
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            <li>下载导入模板，按模板的列填写新生信息 (模板第二行是示例，可保留，导入时跳过)。</li>
            <li>上传填好的文件，系统逐行检查并列出有问题的行和列；检查不会写入任何数据。</li>
            <li>检查结果无误后点“开始导入”，为可导入的学生注册学籍；有问题的行按报告修改后，可另存为新文件再上传。</li>
          </ol>
        }
      />
      <UploadCard schoolId={schoolId} />
      <ImportList schoolId={schoolId} />
    </Space>
  );
}
