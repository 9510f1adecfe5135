import { createSectionRoute } from '#shared/api/teaching.ts';
import { getSection } from '#shared/data/teaching-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { presentSection } from '#shared/services/teaching/present.ts';
import { createSection } from '#shared/services/teaching/sections.ts';

export const handler = apiHandler(
  createSectionRoute,
  async ({ principal, body }) => {
    const section = await createSection(principal, body);
    return { status: 201, body: presentSection(section), headers: { etag: `"${section.version}"`, location: `/v1/sections/${section.sectionId}` } };
  },
  {
    // The section item (SECTION#<id>) is what creating one writes first.
    idempotent: async ({ PK }) => {
      const section = (await getSection(PK.slice('SECTION#'.length), true))!;
      return jsonResponse(201, presentSection(section), { etag: `"${section.version}"`, location: `/v1/sections/${section.sectionId}` });
    },
  },
);
