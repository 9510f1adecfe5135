// GET /v1/me through the local gateway against a do-nothing handler behind the same gateway:
// rounds alternate between the two so machine noise hits both alike; ratios are printed.
import { resolve } from 'node:path';
import { spawnStack } from '#local/child-stack.ts';
import { load, percentile } from './load.ts';

export async function meLatency(options: { rounds: number; requests: number; concurrency: number }): Promise<void> {
  const stack = await spawnStack({ manifestModule: resolve(import.meta.dirname, 'fixtures/bench-manifest.ts') });
  try {
    const login = await fetch(`${stack.url}/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'registrar-th-shiyan' }) });
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    const targets = { baseline: `${stack.url}/bench/noop`, me: `${stack.url}/v1/me` };
    // Warm up both paths (module load, JWKS fetch, connection pools).
    for (const url of Object.values(targets)) await load(url, { requests: 200, concurrency: options.concurrency, headers });

    const all = { baseline: { latencies: [] as number[], seconds: 0, requests: 0, errors: 0 }, me: { latencies: [] as number[], seconds: 0, requests: 0, errors: 0 } };
    for (let round = 0; round < options.rounds; round += 1) {
      for (const name of ['baseline', 'me'] as const) {
        const result = await load(targets[name], { requests: options.requests, concurrency: options.concurrency, headers });
        all[name].latencies.push(...result.latencies);
        all[name].seconds += result.seconds;
        all[name].requests += result.latencies.length;
        all[name].errors += result.errors;
      }
    }
    const summary = (name: 'baseline' | 'me') => ({
      p50: percentile(all[name].latencies, 50),
      p99: percentile(all[name].latencies, 99),
      rps: all[name].requests / all[name].seconds,
      errors: all[name].errors,
    });
    const base = summary('baseline');
    const me = summary('me');
    console.log(`\nbench me-latency: GET /v1/me vs do-nothing handler, same gateway (${options.rounds} rounds × ${options.requests} requests, concurrency ${options.concurrency})`);
    console.log(`  baseline  p50 ${base.p50.toFixed(2)} ms  p99 ${base.p99.toFixed(2)} ms  ${base.rps.toFixed(0)} req/s  errors ${base.errors}`);
    console.log(`  /v1/me    p50 ${me.p50.toFixed(2)} ms  p99 ${me.p99.toFixed(2)} ms  ${me.rps.toFixed(0)} req/s  errors ${me.errors}`);
    console.log(`  ratio /v1/me ÷ baseline: p50 ×${(me.p50 / base.p50).toFixed(2)}, p99 ×${(me.p99 / base.p99).toFixed(2)}, throughput ×${(me.rps / base.rps).toFixed(2)}`);
    if (base.errors + me.errors > 0) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}
