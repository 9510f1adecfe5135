// 待办业务 counts for the menu and the home page: the steps waiting for the caller's organisation,
// per kind. The route's contract is loaded with the first count, so the app's first screen does
// not carry the status-change schemas.
import { useQuery } from '@tanstack/react-query';
import type { Role } from '#shared/domain/roles.ts';
import { request } from '../../api/client.ts';

/** Who takes part in status changes: the school registrar and the bureaus. */
export const CASE_ROLES: ReadonlySet<Role> = new Set<Role>(['province_admin', 'city_admin', 'county_admin', 'school_registrar']);

/** Everything under ['tasks'] is read again after a decision. */
export const TASKS_KEY = ['tasks'] as const;

export function useTaskSummary(role: Role) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'summary'],
    enabled: CASE_ROLES.has(role),
    // Steps reach an organisation while the page is open: look again every minute.
    refetchInterval: 60_000,
    queryFn: async () => {
      const { listTasksRoute } = await import('#shared/api/changes.ts');
      const { counts } = (await request(listTasksRoute, { query: { limit: 1 } })).data;
      return { counts, total: Object.values(counts).reduce((sum, count) => sum + count, 0) };
    },
  });
}
