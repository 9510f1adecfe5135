// Latency and throughput of a route through the local gateway against a do-nothing handler
// behind the same gateway: rounds alternate between the two so machine noise hits both alike.
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

export async function compareWithNoop(baseUrl: string, token: string, label: string, path: string, options: Options): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const targets = { baseline: `${baseUrl}/bench/noop`, route: `${baseUrl}${path}` };
  // Warm up both paths (module load, JWKS fetch, connection pools).
  for (const url of Object.values(targets)) await load(url, { requests: 200, concurrency: options.concurrency, headers });

  const totals: Record<'baseline' | 'route', Totals> = {
    baseline: { latencies: [], seconds: 0, requests: 0, errors: 0 },
    route: { latencies: [], seconds: 0, requests: 0, errors: 0 },
  };
  for (let round = 0; round < options.rounds; round += 1) {
    for (const name of ['baseline', 'route'] as const) {
      const result = await load(targets[name], { requests: options.requests, concurrency: options.concurrency, headers });
      totals[name].latencies.push(...result.latencies);
      totals[name].seconds += result.seconds;
      totals[name].requests += result.latencies.length;
      totals[name].errors += result.errors;
    }
  }
  const summary = (name: 'baseline' | 'route') => ({
    p50: percentile(totals[name].latencies, 50),
    p99: percentile(totals[name].latencies, 99),
    rps: totals[name].requests / totals[name].seconds,
    errors: totals[name].errors,
  });
  const base = summary('baseline');
  const route = summary('route');
  console.log(`\nbench ${label}: GET ${path} vs do-nothing handler, same gateway (${options.rounds} rounds × ${options.requests} requests, concurrency ${options.concurrency})`);
  console.log(`  baseline  p50 ${base.p50.toFixed(2)} ms  p99 ${base.p99.toFixed(2)} ms  ${base.rps.toFixed(0)} req/s  errors ${base.errors}`);
  console.log(`  route     p50 ${route.p50.toFixed(2)} ms  p99 ${route.p99.toFixed(2)} ms  ${route.rps.toFixed(0)} req/s  errors ${route.errors}`);
  console.log(`  ratio route ÷ baseline: p50 ×${(route.p50 / base.p50).toFixed(2)}, p99 ×${(route.p99 / base.p99).toFixed(2)}, throughput ×${(route.rps / base.rps).toFixed(2)}`);
  if (base.errors + route.errors > 0) process.exitCode = 1;
}
