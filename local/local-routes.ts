// Routes only the local runtime serves, outside the API: the local issuer's JWKS, and "run this
// schedule now" so a developer (or a test) need not wait for the cron to fire. A function with
// several schedules runs the one whose input matches the query (`?job=deadlines`), else the first;
// an id that is no function's is a schedule kept as data (an export schedule), run by the function
// that runs those (its manifest's `dataSchedules`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import type { FunctionDef } from '#shared/manifest/types.ts';
import type { LocalFunctions } from './functions.ts';
import { isScheduled, scheduledEvent } from './scheduler.ts';

export function localRoutes(options: { publicJwk: JWK; functions: FunctionDef[]; local: LocalFunctions; region: string }) {
  const jwks = JSON.stringify({ keys: [options.publicJwk] });
  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  };
  const runDataSchedule = async (response: ServerResponse, scheduleId: string) => {
    const runner = options.functions.find((candidate) => candidate.dataSchedules);
    const result = runner ? ((await options.local.invoke(runner, { ...runner.dataSchedules!.input, scheduleId }).catch((error: unknown) => ({ failed: error }))) as { found?: boolean; failed?: unknown }) : { found: false };
    if (result.failed !== undefined) send(response, 500, { scheduleId, status: 'failed', message: result.failed instanceof Error ? result.failed.message : String(result.failed) });
    else if (result.found === false) send(response, 404, { error: { code: 'NOT_FOUND', message: '没有这个定时任务' } });
    else send(response, 200, { scheduleId, status: 'succeeded', result });
  };
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.method === 'GET' && path === '/local/jwks.json') {
      send(response, 200, JSON.parse(jwks));
      return true;
    }
    const run = /^\/local\/schedules\/([A-Za-z0-9_-]+)\/run$/.exec(path);
    if (request.method === 'POST' && run) {
      const fn = options.functions.find((candidate) => candidate.id === run[1] && isScheduled(candidate));
      if (!fn) {
        await runDataSchedule(response, run[1]!);
        return true;
      }
      const wanted = new URLSearchParams((request.url ?? '').split('?')[1] ?? '');
      const schedules = fn.triggers.flatMap((trigger) => (trigger.kind === 'schedule' ? [trigger] : []));
      const chosen = schedules.find((trigger) => [...wanted].every(([name, value]) => trigger.input?.[name] === value)) ?? schedules[0];
      try {
        await options.local.invoke(fn, chosen?.input ?? scheduledEvent(fn, options.region));
        send(response, 200, { functionId: fn.id, status: 'succeeded' });
      } catch (error) {
        send(response, 500, { functionId: fn.id, status: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
      return true;
    }
    return false;
  };
}
