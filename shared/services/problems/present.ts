// A problem record as callers see it: what was found, in words, about which records (ID numbers
// masked, as every list masks them), and how it was settled; nothing of its digests, queues or
// the records' places in the org tree.
import { describeProblem } from '#shared/domain/problems/detect.ts';
import type { Problem } from '#shared/domain/problems/problem.ts';

export function presentProblem(problem: Problem) {
  const { problemId, kind, status, studentIds, students, detail, detectedAt, since, resolution } = problem;
  return {
    problemId,
    kind,
    status,
    studentIds,
    students: students.map(({ orgPath: _orgPath, ...student }) => student),
    description: describeProblem(kind, detail),
    detectedAt,
    since,
    resolution: resolution
      ? {
          resolution: resolution.resolution,
          ...(resolution.comment ? { comment: resolution.comment } : {}),
          by: { userId: resolution.by.userId, displayName: resolution.by.displayName, role: resolution.by.role },
          at: resolution.at,
          ...(resolution.evidenceIds ? { evidenceIds: resolution.evidenceIds } : {}),
        }
      : null,
  };
}
