// 我的学籍 at /my/record: the student's own record laid out like the collection form, whether it
// has confirmed it, its photo, and the ways to confirm it or to propose corrections.
import { Flex, Result, Skeleton, Typography } from 'antd';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { RecordView } from '../../students/RecordView.tsx';
import { PhotoCard } from '../students/PhotoCard.tsx';
import { ConfirmPanel } from './ConfirmPanel.tsx';
import { useStudentCorrections, useStudentRecord } from './useStudentRecord.ts';

function MyRecord({ studentId }: { studentId: string }) {
  const student = useStudentRecord(studentId);
  const corrections = useStudentCorrections(studentId);
  if (student.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (student.isError) return <ErrorState error={student.error} onRetry={() => void student.refetch()} />;
  // Counted on the first page (the newest ten): open proposals are recent ones.
  const pending = corrections.items.filter((correction) => correction.status === 'pending').length;
  return (
    <Flex vertical gap={16}>
      <ConfirmPanel read={student.data} pending={pending} />
      <PhotoCard studentId={studentId} canUpload={false} />
      <RecordView record={student.data.record} />
    </Flex>
  );
}

export default function MyRecordPage() {
  const { studentId } = useMe();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        我的学籍
      </Typography.Title>
      {studentId ? <MyRecord studentId={studentId} /> : <Result status="403" title="我的学籍仅供学生使用" subTitle="您的账号没有对应的学籍。" />}
    </Flex>
  );
}
