import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { spawnStack, type StackInfo } from '#local/child-stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Ten demo students per class: enough to exercise rosters and paging, quick to seed.
  const stack = await spawnStack({ seedStudents: 360 });
  project.provide('stack', { url: stack.url, dataDir: stack.dataDir, endpoints: stack.endpoints });
  return async () => {
    await stack.stop();
    // The stack's own log (handler errors included) stays beside its data for a failed run.
    writeFileSync(join(stack.dataDir, 'stack.log'), stack.output());
    console.warn(`local stack log: ${join(stack.dataDir, 'stack.log')}`);
  };
}
