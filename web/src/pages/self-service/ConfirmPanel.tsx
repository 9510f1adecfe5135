// The student's verdict on its record: 已确认 or 未确认, and 确认信息无误, which confirms exactly the
// version on screen (If-Match). If the record changed meanwhile, the page shows the new version
// and asks to check it again.
import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { confirmRecordRoute } from '#shared/api/corrections.ts';
import { ApiClientError, request } from '../../api/client.ts';
import { formatTime } from '../../components/format.ts';
import { studentRecordKey, type RecordRead } from './useStudentRecord.ts';

export function ConfirmPanel({ read, pending }: { read: RecordRead; pending: number }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [problem, setProblem] = useState<string>();
  const { record, etag } = read;

  const confirm = useMutation({
    mutationFn: async () => {
      const { data, headers } = await request(confirmRecordRoute, { params: { studentId: record.studentId }, headers: { 'if-match': etag } });
      return { record: data, etag: headers.get('etag') ?? etag };
    },
    onSuccess: (confirmed) => {
      setProblem(undefined);
      client.setQueryData(studentRecordKey(record.studentId), confirmed);
      void message.success('已确认学籍信息无误');
    },
    onError: async (error) => {
      if (error instanceof ApiClientError && error.status === 412) {
        setProblem('您打开页面后，学籍信息又有了修改 (可能是学籍管理员采纳了您的校对申请)。已为您显示最新信息，请重新核对后再确认。');
        await client.invalidateQueries({ queryKey: ['student', record.studentId] });
        return;
      }
      setProblem(error instanceof ApiClientError ? error.message : '确认失败，请重试');
    },
  });

  return (
    <Card style={{ borderColor: record.confirmed ? '#b7eb8f' : '#ffd591', background: record.confirmed ? '#f6ffed' : '#fff7e6' }}>
      <Flex gap={16} align="center" wrap justify="space-between">
        <Flex gap={12} align="center" style={{ minWidth: 0, flex: '1 1 260px' }}>
          {record.confirmed ? <CheckCircleFilled style={{ fontSize: 32, color: '#52c41a' }} /> : <ExclamationCircleFilled style={{ fontSize: 32, color: '#fa8c16' }} />}
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="confirm-status">
              {record.confirmed ? '已确认' : '未确认'}
            </Typography.Title>
            <Typography.Text type="secondary">{record.confirmed ? `您已${record.confirmedAt ? `于 ${formatTime(record.confirmedAt)} ` : ''}确认当前学籍信息无误；信息再有修改时需要重新确认。` : '请逐项核对下面的学籍信息，无误后点击“确认信息无误”。'}</Typography.Text>
          </div>
        </Flex>
        <Flex gap={8} wrap>
          {!record.confirmed && (
            <Popconfirm title="确认学籍信息无误？" description="确认表示您已核对下面的全部信息。" okText="确认无误" cancelText="再看看" onConfirm={() => confirm.mutate()}>
              <Button type="primary" size="large" loading={confirm.isPending}>
                确认信息无误
              </Button>
            </Popconfirm>
          )}
          <Link to="/my/corrections">
            <Button size="large">信息有误，提交校对</Button>
          </Link>
        </Flex>
      </Flex>
      {pending > 0 && <Alert type="info" showIcon style={{ marginTop: 16 }} title={`您有 ${pending} 条校对申请待审核`} action={<Link to="/my/corrections">查看</Link>} />}
      {problem && <Alert type="warning" showIcon style={{ marginTop: 16 }} title={problem} data-testid="confirm-problem" />}
    </Card>
  );
}
