// 导出 at /exports (?orgId= for a school, grade or class below the caller's organisation, its own by
// default): files made from an organisation's records — 学生名册, 统计表, 学籍照片, the 学信网 files,
// OneRoster — once (导出) or by a rule (定时导出), and the organisation's files and schedules. The
// lists are of the organisation chosen in 机构, as the API keeps them (a class's roster is listed
// with the class). For a school's registrar and the education offices.
import { ExportOutlined } from '@ant-design/icons';
import { Flex, Skeleton, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { ApiClientError } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { EXPORT_KEEP_DAYS } from '#shared/domain/exports/kinds.ts';
import { ExportList } from './ExportList.tsx';
import { useOrgPath } from './ExportOrgPicker.tsx';
import { NewExportCard } from './NewExportCard.tsx';
import { ScheduleList } from './ScheduleList.tsx';

/** The roles that export an organisation's files (those with 导出 in their menu). */
const EXPORTERS: ReadonlySet<string> = new Set(['school_registrar', 'county_admin', 'city_admin', 'province_admin']);

export default function ExportsPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? me.orgId;
  const allowed = EXPORTERS.has(me.role);
  const path = useOrgPath(me.orgId, orgId, allowed);
  if (!allowed) return <ErrorState error={new ApiClientError(403, { message: '导出供学校学籍管理员和教育行政部门使用' })} />;
  if (path.isPending) return <Skeleton active />;
  if (path.isError) return <ErrorState error={path.error} onRetry={() => void path.refetch()} />;

  const org = path.data[path.data.length - 1]!;
  const where = path.data.map((each) => each.name).join(' / ');
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200 }} data-testid="exports-page">
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <ExportOutlined /> 导出 · <span data-testid="exports-org">{where}</span>
        </Typography.Title>
        <Typography.Text type="secondary">导出的文件保留 {EXPORT_KEEP_DAYS} 天；点“下载”时生成下载链接。导出记录和定时导出按所选机构列出。</Typography.Text>
      </Flex>
      <NewExportCard path={path.data} onOrg={(next) => setParams(next === me.orgId ? {} : { orgId: next })} />
      <ExportList orgId={org.orgId} orgName={org.name} />
      <ScheduleList orgId={org.orgId} orgName={org.name} />
    </Flex>
  );
}
