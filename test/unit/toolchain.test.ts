import { describe, expect, it } from 'vitest';

describe('toolchain', () => {
  it('runs on the Lambda runtime major (nodejs24.x), not the machine Node', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });
});
