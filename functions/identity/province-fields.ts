import { provinceFieldsRoute } from '#shared/api/identity.ts';
import { provinceFieldsFromEnv } from '#shared/domain/province-fields.ts';
import { apiHandler } from '#shared/http/api-handler.ts';

export const handler = apiHandler(provinceFieldsRoute, async () => ({ body: { items: provinceFieldsFromEnv(process.env.PROVINCE_FIELDS) } }));
