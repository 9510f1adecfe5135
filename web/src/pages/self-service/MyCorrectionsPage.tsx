// 信息校对 at /my/corrections: a student proposes corrections to ordinary fields of its own record
// and follows what the school's registrar decided.
import { Alert, Card, Flex, Result, Skeleton, Typography } from 'antd';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { ProposalForm } from './ProposalForm.tsx';
import { ProposalList } from './ProposalList.tsx';
import { useStudentRecord } from './useStudentRecord.ts';

function MyCorrections({ studentId }: { studentId: string }) {
  const student = useStudentRecord(studentId);
  return (
    <>
      <Card title="提交校对申请">
        {student.isPending ? <Skeleton active /> : student.isError ? <ErrorState error={student.error} onRetry={() => void student.refetch()} /> : <ProposalForm record={student.data.record} />}
      </Card>
      <Card title="我的校对申请">
        <ProposalList studentId={studentId} />
      </Card>
    </>
  );
}

export default function MyCorrectionsPage() {
  const { studentId } = useMe();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        信息校对
      </Typography.Title>
      {studentId ? (
        <>
          <Alert
            type="info"
            showIcon
            title="发现学籍信息有误或缺少，可在这里提交校对申请，由学校学籍管理员审核。"
            description="姓名、性别、出生日期、身份证件类型和号码是关键字段，班级由学校调整，都不能在这里修改；如有误，请联系学校学籍管理员。"
          />
          <MyCorrections studentId={studentId} />
        </>
      ) : (
        <Result status="403" title="信息校对仅供学生使用" subTitle="您的账号没有对应的学籍。" />
      )}
    </Flex>
  );
}
