import { getSectionRoute } from '#shared/api/teaching.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { presentSection } from '#shared/services/teaching/present.ts';
import { sectionWithRoster } from '#shared/services/teaching/read.ts';

export const handler = apiHandler(getSectionRoute, async ({ principal, params }) => {
  const { section, roster } = await sectionWithRoster(principal, params.sectionId);
  return { body: { ...presentSection(section), ...(roster ? { roster } : {}) }, headers: { etag: `"${section.version}"` } };
});
