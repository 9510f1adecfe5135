import type { TestProject } from 'vitest/node';
import { spawnStack, type StackInfo } from '#local/child-stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = await spawnStack();
  project.provide('stack', { url: stack.url, dataDir: stack.dataDir, endpoints: stack.endpoints });
  return async () => {
    await stack.stop();
  };
}
