import { putRegistrationRoute } from '#shared/api/registration.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { setRegistration } from '#shared/services/imports/registration.ts';

export const handler = apiHandler(putRegistrationRoute, async ({ principal, params, body }) => ({ body: await setRegistration(principal, params.schoolId, body) }));
