import { getRegistrationRoute } from '#shared/api/registration.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { readRegistration } from '#shared/services/imports/registration.ts';

export const handler = apiHandler(getRegistrationRoute, async ({ principal, params }) => ({ body: await readRegistration(principal, params.schoolId) }));
