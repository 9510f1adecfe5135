// The browser suites' world: one local stack (as `npm start` serves it, the web app at `/`) and one
// headless Chromium from the machine's packages (/usr/bin/chromium; `.ci/run` installs it), shared
// by every browser test file through its WebSocket endpoint.
import type { TestProject } from 'vitest/node';
import { chromium } from 'playwright-core';
import { spawnStack } from '#local/child-stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `dynamodb`: the stack's DynamoDB Local, for suites that plant records as an old system left them. */
    web: { url: string; browserEndpoint: string; dynamodb: string };
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.RATE_LIMIT_LOOKUP = '100000/60';
  process.env.CHECK_RESPONSES = 'true';
  const stack = await spawnStack({ seedStudents: 360 });
  const browser = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    // Root in CI; and this machine's closed network refuses Chromium's background connections.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  project.provide('web', { url: stack.url, browserEndpoint: browser.wsEndpoint(), dynamodb: stack.endpoints.dynamodb });
  return async () => {
    await browser.close();
    await stack.dispose();
  };
}
