// Latency and throughput of a route through the local gateway against two baselines behind the
// same gateway and the same `jwt` auth: a do-nothing handler (the gateway's own cost), and a
// handler doing nothing but the raw DynamoDB operations the route cannot avoid (the goal's
// baseline: route ÷ raw is our overhead). Each round runs all three, in an order rotated from
// round to round, so machine noise and warm-up drift hit them alike.
import { load, percentile } from './load.ts';

export interface Options {
  rounds: number;
  requests: number;
  concurrency: number;
}

interface Totals {
  latencies: number[];
  seconds: number;
  requests: number;
  errors: number;
}

interface Target {
  name: string;
  label: string;
  path: string;
}

export async function compareWithBaselines(
  baseUrl: string,
  token: string,
  label: string,
  path: string,
  baselines: { noop: string; raw: string },
  options: Options,
): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const targets: Target[] = [
    { name: 'noop', label: 'do-nothing handler', path: baselines.noop },
    { name: 'raw', label: 'raw DynamoDB ops', path: baselines.raw },
    { name: 'route', label: 'route', path },
  ];
  // Warm up every path (module load, JWKS fetch, connection pools), and fail early on a broken one:
  // each must be answered by a handler, in JSON (not, say, the web app's index.html).
  for (const target of targets) {
    const probe = await fetch(`${baseUrl}${target.path}`, { headers });
    await probe.arrayBuffer();
    if (probe.status !== 200 || !probe.headers.get('content-type')?.includes('application/json')) {
      throw new Error(`bench ${label}: ${target.path} answered ${probe.status} ${probe.headers.get('content-type') ?? ''}, not a handler's JSON`);
    }
    const warm = await load(`${baseUrl}${target.path}`, { requests: 200, concurrency: options.concurrency, headers });
    if (warm.errors > 0) throw new Error(`bench ${label}: ${warm.errors} of 200 warm-up requests to ${target.path} failed`);
  }

  const totals = new Map<string, Totals>(targets.map((t) => [t.name, { latencies: [], seconds: 0, requests: 0, errors: 0 }]));
  for (let round = 0; round < options.rounds; round += 1) {
    for (let i = 0; i < targets.length; i += 1) {
      const target = targets[(round + i) % targets.length]!;
      const result = await load(`${baseUrl}${target.path}`, { requests: options.requests, concurrency: options.concurrency, headers });
      const total = totals.get(target.name)!;
      total.latencies.push(...result.latencies);
      total.seconds += result.seconds;
      total.requests += result.latencies.length;
      total.errors += result.errors;
    }
  }
  const summary = (name: string) => {
    const total = totals.get(name)!;
    return { p50: percentile(total.latencies, 50), p99: percentile(total.latencies, 99), rps: total.requests / total.seconds, errors: total.errors };
  };
  const stats = new Map(targets.map((t) => [t.name, summary(t.name)]));
  const route = stats.get('route')!;
  const ratio = (name: string) => {
    const base = stats.get(name)!;
    return `p50 ×${(route.p50 / base.p50).toFixed(2)}   p99 ×${(route.p99 / base.p99).toFixed(2)}   throughput ×${(route.rps / base.rps).toFixed(2)}`;
  };

  console.log(`\nbench ${label}: GET ${path}`);
  console.log(`  ${options.rounds} rounds × ${options.requests} requests each, concurrency ${options.concurrency}, order rotated per round`);
  console.log(`  ${''.padEnd(20)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'req/s'.padStart(9)}${'errors'.padStart(8)}`);
  for (const target of targets) {
    const s = stats.get(target.name)!;
    console.log(`  ${target.label.padEnd(20)}${s.p50.toFixed(2).padStart(9)}${s.p99.toFixed(2).padStart(9)}${s.rps.toFixed(0).padStart(9)}${String(s.errors).padStart(8)}`);
  }
  console.log(`  route ÷ do-nothing   ${ratio('noop')}`);
  console.log(`  route ÷ raw ops      ${ratio('raw')}   (our overhead)`);
  if ([...stats.values()].some((s) => s.errors > 0)) process.exitCode = 1;
}
