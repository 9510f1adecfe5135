// Two deployments side by side (跨省转学 on one machine): two local stacks, each as `npm start`
// runs it, with its own province code, port and data folder, each the other's exchange peer (its
// base URL and, for its keys, its well-known document). Used by `npm run start:pair` and by the
// tests of the exchange (test/integration/exchange-transfer.test.ts).
import { mkdirSync } from 'node:fs';
import { freePort } from './free-port.ts';
import { spawnStack, type RunningStack, type SpawnStackOptions } from './child-stack.ts';

export interface DeploymentSpec {
  /** The province code (PROVINCE_CODE): 440000, 320000 … */
  province: string;
  dataDir: string;
  /** The gateway's port; a free one when absent. */
  port?: number;
}

export interface PairedDeployment {
  province: string;
  port: number;
  url: string;
  dataDir: string;
  stack: RunningStack;
}

export interface PairOptions extends Pick<SpawnStackOptions, 'reset' | 'seedStudents' | 'startTimeoutMs'> {
  /** More environment for both stacks (the exchange's retry settings, say). */
  env?: Record<string, string>;
}

const local = (port: number) => `http://127.0.0.1:${port}`;

/** The EXCHANGE_PEERS of a deployment whose peer listens on `port`: it takes packets there and publishes its keys there. */
export function peerSetting(province: string, port: number): string {
  return JSON.stringify([{ province, baseUrl: local(port), jwksUrl: `${local(port)}/.well-known/xueji-exchange` }]);
}

/** The environment of one deployment of the pair: its province, and the other as its only peer. */
export function pairedEnv(self: DeploymentSpec & { port: number }, other: DeploymentSpec & { port: number }, extra: Record<string, string> = {}): Record<string, string> {
  return { PROVINCE_CODE: self.province, EXCHANGE_PEERS: peerSetting(other.province, other.port), ...extra };
}

/** Starts (or starts again, with the same data folder and port) one deployment of the pair. */
export async function startDeployment(self: DeploymentSpec & { port: number }, other: DeploymentSpec & { port: number }, options: PairOptions = {}): Promise<PairedDeployment> {
  mkdirSync(self.dataDir, { recursive: true });
  const stack = await spawnStack({
    dataDir: self.dataDir,
    port: self.port,
    ...(options.reset ? { reset: true } : {}),
    ...(options.seedStudents === undefined ? {} : { seedStudents: options.seedStudents }),
    ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
    env: pairedEnv(self, other, options.env),
  });
  return { province: self.province, port: self.port, url: stack.url, dataDir: self.dataDir, stack };
}

/** Both deployments, started side by side; their ports are chosen first, since each names the other's. */
export async function startPair(a: DeploymentSpec, b: DeploymentSpec, options: PairOptions = {}): Promise<[PairedDeployment, PairedDeployment]> {
  const first = { ...a, port: a.port ?? (await freePort()) };
  const second = { ...b, port: b.port ?? (await freePort()) };
  const started = await Promise.allSettled([startDeployment(first, second, options), startDeployment(second, first, options)]);
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(started.flatMap((result) => (result.status === 'fulfilled' ? [result.value.stack.stop()] : [])));
    throw (failed as PromiseRejectedResult).reason;
  }
  return started.map((result) => (result as PromiseFulfilledResult<PairedDeployment>).value) as [PairedDeployment, PairedDeployment];
}
