import { fileChangeRoute } from '#shared/api/changes.ts';
import { getCase } from '#shared/data/change-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { presentChange } from '#shared/services/changes/access.ts';
import { fileChange } from '#shared/services/changes/file.ts';

export const handler = apiHandler(
  fileChangeRoute,
  async ({ principal, body }) => {
    const change = await fileChange(principal, body);
    return { status: 201, body: presentChange(change), headers: { location: `/v1/changes/${change.changeId}` } };
  },
  {
    // Finding a transfer's student answers whether a national number and name belong together.
    lookup: (event) => (event.body ?? '').includes('"transfer"'),
    // The case item (CHANGE#<id>) is what filing creates.
    idempotent: async ({ PK }) => {
      const change = (await getCase(PK.slice('CHANGE#'.length)))!;
      return jsonResponse(201, presentChange(change), { location: `/v1/changes/${change.changeId}` });
    },
  },
);
