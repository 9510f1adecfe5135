import { scheduleMakeupRoute } from '#shared/api/grades.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { scheduleMakeup } from '#shared/services/grades/makeup.ts';

// Safe to retry: one sitting per course and term (a retry answers 409 MAKEUP_EXISTS and changes nothing).
export const handler = apiHandler(scheduleMakeupRoute, async ({ principal, body }) => ({ status: 201, body: await scheduleMakeup(principal, body) }));
