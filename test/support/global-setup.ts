import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { spawnStack, type StackInfo } from '#local/child-stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Every answer is checked against its documented schema (a mismatch is a 500), and the lookup
  // limit is raised for the suites' hundreds of enrolments (test/integration/throttle.test.ts
  // checks the limit on a stack of its own).
  process.env.CHECK_RESPONSES = 'true';
  process.env.RATE_LIMIT_LOOKUP = '100000/60';
  // Ten demo students per class: enough to exercise rosters and paging, quick to seed.
  const stack = await spawnStack({ seedStudents: 360 });
  project.provide('stack', { url: stack.url, dataDir: stack.dataDir, endpoints: stack.endpoints });
  return async () => {
    await stack.dispose();
    // The stack's own log (handler errors included) outlives the run, for a failed test.
    const log = join(tmpdir(), 'xueji-test-stack.log');
    writeFileSync(log, stack.output());
    console.warn(`local stack log: ${log}`);
  };
}
