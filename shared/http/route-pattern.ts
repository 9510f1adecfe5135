// Route templates as API Gateway matches them: `{param}` is one path segment, `{proxy+}` the rest,
// and literal segments beat parameters. Used by the local router and by the not-found handler
// (to tell an unknown path from a known path with another method).
export interface RoutePattern {
  pattern: RegExp;
  paramNames: string[];
  /** Literal segments: the more, the earlier the route is tried. */
  specificity: number;
}

export function compileRoute(route: string): RoutePattern {
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
