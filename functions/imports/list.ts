import { listImportsRoute } from '#shared/api/imports.ts';
import { listImports } from '#shared/data/import-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { importingSchool } from '#shared/services/imports/access.ts';
import { presentImport } from '#shared/services/imports/read.ts';

export const handler = apiHandler(listImportsRoute, async ({ principal, query }) => {
  const school = await importingSchool(principal, query.schoolId);
  const page = await listImports(school.orgId, { limit: query.limit, cursor: query.cursor });
  return { body: { items: page.items.map(presentImport), nextCursor: page.nextCursor } };
});
