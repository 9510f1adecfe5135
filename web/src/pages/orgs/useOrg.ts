// Reading the organisation tree: one node (with its 在籍学生 count), and the nodes from the
// caller's own organisation down to it, for the breadcrumb.
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { getOrgRoute } from '#shared/api/identity.ts';
import { request, type ResponseOf } from '../../api/client.ts';

export type OrgView = ResponseOf<typeof getOrgRoute>;

// The key the home page, the record view and the menus use for a node, so they share one copy.
const orgQuery = (orgId: string) => ({ queryKey: ['org', orgId], queryFn: async () => (await request(getOrgRoute, { params: { orgId } })).data });

export function useOrg(orgId: string) {
  return useQuery(orgQuery(orgId));
}

async function trailTo(client: QueryClient, org: OrgView, rootId: string): Promise<OrgView[]> {
  const trail = [org];
  // The tree is at most six levels deep; the caller's own node (or the province) ends the walk.
  while (trail[0]!.orgId !== rootId && trail[0]!.parentId) {
    trail.unshift(await client.ensureQueryData(orgQuery(trail[0]!.parentId)));
  }
  return trail;
}

/** The nodes from the caller's organisation (`rootId`) down to `org`, both included. */
export function useTrail(org: OrgView, rootId: string) {
  const client = useQueryClient();
  return useQuery({ queryKey: ['org-trail', rootId, org.orgId], queryFn: () => trailTo(client, org, rootId), staleTime: 5 * 60_000 });
}
