import { meRoute } from '#shared/api/identity.ts';
import { httpHandler } from '#shared/http/handler.ts';

export const handler = httpHandler(meRoute, async ({ principal }) => ({
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
