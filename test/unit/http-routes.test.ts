import { describe, expect, it } from 'vitest';
import { buildRoutes, matchRoute } from '#local/http-routes.ts';
import { cronPattern } from '#local/scheduler.ts';
import type { FunctionDef } from '#shared/manifest/types.ts';

const fn = (id: string, method: 'GET' | 'POST', route: string): FunctionDef => ({
  id,
  entry: 'x.ts',
  description: id,
  triggers: [{ kind: 'http', method, route, auth: 'none' }],
});

describe('local router', () => {
  const routes = buildRoutes([fn('One', 'GET', '/v1/orgs/{orgId}'), fn('Kids', 'GET', '/v1/orgs/{orgId}/children'), fn('Me', 'GET', '/v1/orgs/me'), fn('Files', 'GET', '/v1/files/{key+}')]);

  it('prefers literal segments over parameters, as API Gateway does', () => {
    expect(matchRoute(routes, 'GET', '/v1/orgs/me')?.route.fn.id).toBe('Me');
    expect(matchRoute(routes, 'GET', '/v1/orgs/440000')).toMatchObject({ route: { fn: { id: 'One' } }, params: { orgId: '440000' } });
    expect(matchRoute(routes, 'GET', '/v1/orgs/440000/children')?.params).toEqual({ orgId: '440000' });
  });

  it('decodes parameters, matches greedy ones across slashes, and misses other methods', () => {
    expect(matchRoute(routes, 'GET', '/v1/orgs/%E5%B9%BF')?.params.orgId).toBe('广');
    expect(matchRoute(routes, 'GET', '/v1/files/a/b/c.png')?.params.key).toBe('a/b/c.png');
    expect(matchRoute(routes, 'POST', '/v1/orgs/1')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/v1/orgs/1/children/x')).toBeUndefined();
  });

  it('refuses a manifest with the same route twice', () => {
    expect(() => buildRoutes([fn('A', 'GET', '/v1/x'), fn('B', 'GET', '/v1/x')])).toThrow(/Duplicate route/);
  });
});

describe('cron patterns', () => {
  it('maps EventBridge fields to a five-field UTC pattern', () => {
    expect(cronPattern({ minute: '0', hour: '2' })).toBe('0 2 * * *');
    expect(cronPattern({ minute: '30', hour: '1', day: '?', weekDay: 'MON-FRI' })).toBe('30 1 * * MON-FRI');
  });
});
