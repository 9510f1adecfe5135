// Files a function needs beside its code (a font), listed in its manifest entry (`assets`). The
// stack copies each one next to the function's bundle (infra/constructs/function-bundles.ts); the
// local runtime and the tests run the sources, which find it where it comes from in the repository.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface FunctionAsset {
  /** Where it comes from, relative to the repository root. */
  source: string;
  /** Its name next to the bundle's index.mjs (a plain file name). */
  name: string;
}

/**
 * The asset's path: next to the bundle when this runs bundled (in Lambda, `import.meta.url` is the
 * bundle's index.mjs), otherwise its source (unbundled, this file is shared/aws/function-assets.ts).
 */
export function assetPath(asset: FunctionAsset): string {
  const bundled = fileURLToPath(new URL(asset.name, import.meta.url));
  return existsSync(bundled) ? bundled : fileURLToPath(new URL(`../../${asset.source}`, import.meta.url));
}
