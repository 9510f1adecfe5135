// The query keys of the 导出 page: a list per organisation, refreshed after what changes it.
export const exportsKey = (orgId: string) => ['exports', orgId];
export const schedulesKey = (orgId: string) => ['export-schedules', orgId];
