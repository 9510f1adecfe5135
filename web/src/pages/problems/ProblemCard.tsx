// One problem record in the queue: what was found, in words, and the records it is about (as found:
// name, sex, birth date, masked ID number, county and school), each of the caller's own linked to
// its 学籍档案, where it is corrected or deleted; the other county's side of a duplicate is shown
// but not linked. An open one has 处理; a settled one says how, by whom and when.
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { GENDER } from '#shared/domain/code-tables.ts';
import { PROBLEM_KIND_LABEL } from '#shared/domain/problems/kinds.ts';
import type { Me } from '../../auth/session.tsx';
import { formatTime } from '../../components/format.ts';
import { codeLabel } from '../../students/fields.ts';
import { ownRecord, RESOLUTION_TEXT, type Problem, type ProblemStudent } from './data.ts';

const KIND_COLOR: Record<Problem['kind'], string> = { badIdNumber: 'red', idMismatch: 'volcano', duplicateId: 'magenta', possibleDuplicate: 'gold' };

function StudentLine({ me, student }: { me: Me; student: ProblemStudent }) {
  const own = ownRecord(me, student);
  return (
    <Flex gap={8} wrap align="baseline" data-testid="problem-student">
      {own ? (
        <Link to={`/students/${student.studentId}`} style={{ fontWeight: 500 }}>
          {student.name}
        </Link>
      ) : (
        <Typography.Text strong>{student.name}</Typography.Text>
      )}
      <Typography.Text type="secondary">
        {codeLabel(GENDER, student.gender)} · {student.birthDate} · {student.idNumber ? `证件号 ${student.idNumber}` : '无证件号'}
      </Typography.Text>
      <Typography.Text>
        {student.countyName} {student.schoolName}
      </Typography.Text>
      {!own && <Tag>其他单位，请联系该校或区县教育局</Tag>}
    </Flex>
  );
}

export function ProblemCard({ me, problem, onResolve }: { me: Me; problem: Problem; onResolve: () => void }) {
  const settled = problem.resolution;
  return (
    <Card
      size="small"
      data-testid="problem"
      data-kind={problem.kind}
      title={
        <Flex gap={8} align="center" wrap style={{ whiteSpace: 'normal', padding: '4px 0' }}>
          <Tag color={KIND_COLOR[problem.kind]} style={{ margin: 0 }}>
            {PROBLEM_KIND_LABEL[problem.kind]}
          </Tag>
          <Typography.Text style={{ fontWeight: 'normal' }}>{problem.description}</Typography.Text>
        </Flex>
      }
      extra={
        problem.status === 'open' ? (
          <Button type="primary" size="small" onClick={onResolve}>
            处理
          </Button>
        ) : (
          <Tag color="success">{settled ? RESOLUTION_TEXT[settled.resolution].label : '已处理'}</Tag>
        )
      }
    >
      <Flex vertical gap={6}>
        {problem.students.map((student) => (
          <StudentLine key={student.studentId} me={me} student={student} />
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          发现于 {formatTime(problem.detectedAt)}
          {settled && ` · ${settled.by.displayName} ${formatTime(settled.at)} 处理为“${RESOLUTION_TEXT[settled.resolution].label}”${settled.comment ? `：${settled.comment}` : ''}`}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
