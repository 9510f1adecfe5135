// `npm run bench [name]`: runs the named benchmark (or all). Each prints ratios against a
// baseline measured in the same run, because these machines are shared and noisy.
import { meLatency } from './me-latency.ts';

const benchmarks: Record<string, () => Promise<void>> = {
  me: () => meLatency({ rounds: Number(process.env.BENCH_ROUNDS ?? 5), requests: Number(process.env.BENCH_REQUESTS ?? 1000), concurrency: Number(process.env.BENCH_CONCURRENCY ?? 8) }),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(benchmarks)) await benchmarks[name]!();
