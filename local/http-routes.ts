// The local router: API Gateway HTTP API route keys from the manifest, matched like API Gateway
// does (exact segments beat {params}; {proxy+} matches the rest).
import { compileRoute } from '#shared/http/route-pattern.ts';
import type { FunctionDef, HttpMethod } from '#shared/manifest/types.ts';

export interface HttpRoute {
  fn: FunctionDef;
  method: HttpMethod;
  route: string;
  routeKey: string;
  auth: 'jwt' | 'none';
  pattern: RegExp;
  paramNames: string[];
  specificity: number;
}

export function buildRoutes(functions: FunctionDef[]): HttpRoute[] {
  const routes: HttpRoute[] = [];
  for (const fn of functions) {
    for (const trigger of fn.triggers) {
      if (trigger.kind !== 'http') continue;
      routes.push({ fn, method: trigger.method, route: trigger.route, routeKey: `${trigger.method} ${trigger.route}`, auth: trigger.auth, ...compileRoute(trigger.route) });
    }
  }
  const keys = new Set<string>();
  for (const route of routes) {
    if (keys.has(route.routeKey)) throw new Error(`Duplicate route ${route.routeKey} in the manifest`);
    keys.add(route.routeKey);
  }
  return routes.sort((a, b) => b.specificity - a.specificity);
}

/** Raised for a path whose percent-encoding is broken (`%E4%B8`): the gateway answers 400. */
export class MalformedPath extends Error {}

export function matchRoute(routes: HttpRoute[], method: string, path: string): { route: HttpRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, index) => {
      try {
        params[name] = decodeURIComponent(match[index + 1] ?? '');
      } catch {
        throw new MalformedPath(path);
      }
    });
    return { route, params };
  }
  return undefined;
}
