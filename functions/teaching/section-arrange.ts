import { arrangeSectionRoute } from '#shared/api/teaching.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { expectedVersion } from '#shared/services/students/if-match.ts';
import { presentSection } from '#shared/services/teaching/present.ts';
import { arrangeSection } from '#shared/services/teaching/sections.ts';

export const handler = apiHandler(arrangeSectionRoute, async ({ principal, params, body, event }) => {
  const section = await arrangeSection(principal, params.sectionId, expectedVersion(event.headers['if-match'], true)!, body);
  return { body: presentSection(section), headers: { etag: `"${section.version}"` } };
});
