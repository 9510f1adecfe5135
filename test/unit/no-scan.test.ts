// "No Scan on any request path": no handler or shared module may use Scan.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('request paths', () => {
  it('never scan a table', () => {
    const offenders = [...sources(join(root, 'functions')), ...sources(join(root, 'shared'))].filter((file) => /\bScan(Command)?\b/.test(readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '')));
    expect(offenders).toEqual([]);
  });
});
