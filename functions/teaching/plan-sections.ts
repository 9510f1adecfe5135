import { generateSectionsRoute } from '#shared/api/teaching.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { presentSection } from '#shared/services/teaching/present.ts';
import { generateSections } from '#shared/services/teaching/plans.ts';

// Safe to repeat without a key: generating again creates only what is missing.
export const handler = apiHandler(generateSectionsRoute, async ({ principal, params }) => ({ status: 201, body: { items: (await generateSections(principal, params.planId)).map(presentSection) } }));
