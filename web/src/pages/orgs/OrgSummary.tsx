// The node itself: its name, kind and code, its 在籍学生 count, and for a class its roster.
import { TeamOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ORG_KIND_LABEL } from '../../labels.ts';
import type { OrgView } from './useOrg.ts';

export function OrgSummary({ org }: { org: OrgView }) {
  return (
    <Card>
      <Flex wrap gap={16} justify="space-between" align="flex-start">
        <div style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="org-name">
              {org.name}
            </Typography.Title>
            <Tag color="blue">{ORG_KIND_LABEL[org.kind]}</Tag>
          </Flex>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="代码">{org.code}</Descriptions.Item>
          </Descriptions>
        </div>
        <Flex vertical gap={12} align="flex-start">
          <Statistic title="在籍学生" value={org.studentCount ?? 0} suffix="人" data-testid="org-student-count" />
          {/* A class is a roster; wider lists are the roster page's own choice (学生查询). */}
          {org.kind === 'class' && (
            <Link to={`/students?classId=${org.orgId}`}>
              <Button type="primary" icon={<TeamOutlined />}>
                查看学生名单
              </Button>
            </Link>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
