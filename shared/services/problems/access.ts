// Loads a problem record (问题学籍) the caller may see: a problem belongs to the schools and
// counties of its records (as found), and whoever may read one of them sees it, both records
// included (a county sees the other county's side of a duplicate it has to settle). Anyone else
// gets 404, as for a problem that does not exist. Settling it asks the same of `problem.resolve`.
import { getProblem } from '#shared/data/problem-repo.ts';
import { decide, type Action } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { Problem } from '#shared/domain/problems/problem.ts';
import { forbidden, notFound } from '#shared/http/api-error.ts';

export async function loadProblemFor(principal: Principal, problemId: string, action: Extract<Action, 'problem.read' | 'problem.resolve'>): Promise<Problem> {
  const problem = await getProblem(problemId);
  const missing = notFound('问题学籍不存在或不在您的管辖范围内');
  if (!problem) throw missing;
  const decisions = (wanted: Action) => problem.students.map((student) => decide(principal, wanted, { orgPath: student.orgPath }));
  const reads = decisions('problem.read');
  if (!reads.some((decision) => decision.allowed)) {
    if (reads.every((decision) => !decision.allowed && decision.reason === 'ROLE_NOT_ALLOWED')) throw forbidden('ROLE_NOT_ALLOWED', '问题学籍仅供学校学籍管理员和教育行政部门查看');
    throw missing;
  }
  if (action !== 'problem.read' && !decisions(action).some((decision) => decision.allowed)) {
    throw forbidden('ROLE_NOT_ALLOWED', '问题学籍由学籍所在学校的学籍管理员和区县教育局处理');
  }
  return problem;
}
