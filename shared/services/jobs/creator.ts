// The person who started a job, as the principal its workers act for: the job's writes are theirs
// (history names them), under their rights as they were when they started it.
import type { Job } from '#shared/domain/jobs.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { Role } from '#shared/domain/roles.ts';

export const creatorOf = (job: Job): Principal => ({
  userId: job.createdBy.userId,
  username: job.createdBy.userId,
  role: job.createdBy.role as Role,
  orgId: job.createdBy.orgId,
  orgPath: job.createdBy.orgPath,
  displayName: job.createdBy.displayName,
});
