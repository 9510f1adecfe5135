// Why an application was not filed, above the form: what no field could show, the student's open
// case (with the way to it), or a transfer's student not found.
import { Alert } from 'antd';
import { Link } from 'react-router';
import type { FilingProblem } from './submission.ts';

export function FilingAlert({ problem, notFoundHint }: { problem: FilingProblem; notFoundHint?: string }) {
  const description = problem.openChangeId ? (
    <Link to={`/changes/${problem.openChangeId}`} data-testid="open-case-link">
      查看未办结的异动申请
    </Link>
  ) : problem.notFound && notFoundHint ? (
    notFoundHint
  ) : problem.lines.length > 0 ? (
    problem.lines.map((line) => <div key={line}>{line}</div>)
  ) : undefined;
  return <Alert type="error" showIcon title={problem.title} description={description} data-testid="filing-problem" />;
}
