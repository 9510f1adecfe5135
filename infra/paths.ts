// Where the repository is and which version it is, for entry paths and APP_VERSION.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (manifest entries are relative to it). */
export const repoRoot: string = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

/** The `version` of the root package.json, exposed to handlers as APP_VERSION. */
export const appVersion: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
