import { meRoute } from '#shared/api/identity.ts';
import { apiHandler } from '#shared/http/api-handler.ts';

export const handler = apiHandler(meRoute, async ({ principal }) => ({
  body: {
    userId: principal.userId,
    role: principal.role,
    orgId: principal.orgId,
    orgPath: principal.orgPath,
    displayName: principal.displayName,
    ...(principal.studentId ? { studentId: principal.studentId } : {}),
    ...(principal.classIds ? { classIds: principal.classIds } : {}),
  },
}));
