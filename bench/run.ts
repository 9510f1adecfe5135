// `npm run bench [name ...]`: runs the named benchmarks (or all) against one local stack. Each
// prints ratios against a baseline measured in the same run, because these machines are shared
// and noisy. BENCH_ROUNDS, BENCH_REQUESTS and BENCH_CONCURRENCY scale them.
import { resolve } from 'node:path';
import { spawnStack } from '#local/child-stack.ts';
import { compareWithNoop } from './gateway-latency.ts';
import { enrolThroughput } from './enrol-throughput.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);

type Bench = (stack: Awaited<ReturnType<typeof spawnStack>>, login: (username: string) => Promise<string>) => Promise<void>;

const benchmarks: Record<string, Bench> = {
  me: async (stack, login) => compareWithNoop(stack.url, await login('registrar-th-shiyan'), 'me', '/v1/me', { rounds, requests, concurrency }),
  roster: async (stack, login) =>
    compareWithNoop(stack.url, await login('registrar-th-shiyan'), 'roster', '/v1/students?classId=2144010601-G2026-C01&limit=50', { rounds, requests: Math.ceil(requests / 2), concurrency }),
  enrol: async (stack, login) => enrolThroughput(stack, await login('registrar-th-shiyan'), { rounds, perRound: Math.ceil(requests / 10), concurrency }),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}

// 1,800 demo students: 50 per class, so the roster page is a full one.
const stack = await spawnStack({ manifestModule: resolve(import.meta.dirname, 'fixtures/bench-manifest.ts'), seedStudents: 1800 });
const login = async (username: string) => {
  const response = await fetch(`${stack.url}/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  return ((await response.json()) as { token: string }).token;
};
try {
  for (const name of wanted.length > 0 ? wanted : Object.keys(benchmarks)) await benchmarks[name]!(stack, login);
} finally {
  await stack.dispose();
}
