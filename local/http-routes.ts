// The local router: API Gateway HTTP API route keys from the manifest, matched like API Gateway
// does (exact segments beat {params}; {proxy+} matches the rest).
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

function compile(route: string): { pattern: RegExp; paramNames: string[]; specificity: number } {
  const paramNames: string[] = [];
  let specificity = 0;
  const source = route
    .split('/')
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy?.[1]) {
        paramNames.push(greedy[1]);
        return '(.+)';
      }
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1]) {
        paramNames.push(param[1]);
        return '([^/]+)';
      }
      specificity += 1;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), paramNames, specificity };
}

export function buildRoutes(functions: FunctionDef[]): HttpRoute[] {
  const routes: HttpRoute[] = [];
  for (const fn of functions) {
    for (const trigger of fn.triggers) {
      if (trigger.kind !== 'http') continue;
      routes.push({ fn, method: trigger.method, route: trigger.route, routeKey: `${trigger.method} ${trigger.route}`, auth: trigger.auth, ...compile(trigger.route) });
    }
  }
  const keys = new Set<string>();
  for (const route of routes) {
    if (keys.has(route.routeKey)) throw new Error(`Duplicate route ${route.routeKey} in the manifest`);
    keys.add(route.routeKey);
  }
  return routes.sort((a, b) => b.specificity - a.specificity);
}

export function matchRoute(routes: HttpRoute[], method: string, path: string): { route: HttpRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1] ?? '');
    });
    return { route, params };
  }
  return undefined;
}
