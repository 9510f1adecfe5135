// The deployed bundles' size, built as `cdk synth` builds them (one esbuild build, minified ESM):
// none may exceed BUNDLE_SIZE_LIMIT_BYTES (today's largest plus 5 %: lower it as the bundles slim
// down; the goal is 250 KB), and none may carry code Lambda never runs, recognised by a marker
// string that code has in a minified bundle. A marker whose module is still in the bundles is
// listed with `enabled: false`: enable it once that module is gone, so it cannot come back.
// `npm run bench -- bundles` prints the sizes and what they cost a cold start.
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFunctionBundles, BUNDLE_SIZE_LIMIT_BYTES, LARGE_BUNDLES } from '#infra/constructs/function-bundles.ts';
import { deployedFunctions } from '#infra/constructs/manifest-functions.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';

interface Marker {
  /** What must not be bundled. */
  module: string;
  /** A string only that code puts into a minified bundle (esbuild escapes non-ASCII characters). */
  marker: string;
  enabled: boolean;
}

const MARKERS: Marker[] = [
  // The SDK's default credential chain: Lambda gets its credentials from the environment
  // (shared/aws/lambda-credentials.ts stands in for @aws-sdk/credential-provider-node).
  { module: '@aws-sdk/credential-provider-sso (SSO sign-in)', marker: 'credential-provider-sso', enabled: true },
  { module: '@aws-sdk/credential-provider-node (its SSO step)', marker: 'fromSSO', enabled: true },
  { module: '@aws-sdk/credential-provider-web-identity', marker: 'AssumeRoleWithWebIdentity', enabled: true },
  { module: '@aws-sdk/credential-provider-imds (instance metadata)', marker: 'fromInstanceMetadata', enabled: true },
  // Country names in every language i18n-iso-countries has (Breton "United Arab Emirates"); the
  // code tables need the Chinese names only.
  { module: 'i18n-iso-countries (all languages)', marker: 'Emirelezhio', enabled: true },
  // zod's error messages in every language (German "e-mail address"); the API answers in Chinese.
  { module: 'zod/v4/locales (all languages)', marker: 'E-Mail-Adresse', enabled: true },
];

const functions = deployedFunctions(appManifest);
let bundles: { id: string; bytes: number; code: string }[];

beforeAll(() => {
  bundles = [...buildFunctionBundles(functions)].map(([id, files]) => {
    const file = files.find((f) => basename(f.path) === 'index.mjs')!;
    return { id, bytes: file.contents.byteLength, code: file.text };
  });
});

describe('deployed bundles', () => {
  it('one per deployed function', () => {
    expect(bundles.map((b) => b.id).sort()).toEqual(functions.map((f) => f.id).sort());
  });

  it(`none is larger than BUNDLE_SIZE_LIMIT_BYTES (${Math.round(BUNDLE_SIZE_LIMIT_BYTES / 1024)} KB), but those in LARGE_BUNDLES, each under its own limit`, () => {
    const limit = (id: string) => LARGE_BUNDLES[id]?.limitBytes ?? BUNDLE_SIZE_LIMIT_BYTES;
    const over = bundles.filter((b) => b.bytes > limit(b.id)).map((b) => `${b.id} ${(b.bytes / 1024).toFixed(1)} KB`);
    expect(over).toEqual([]);
  });

  it('LARGE_BUNDLES names deployed functions only, and each needs its allowance', () => {
    for (const id of Object.keys(LARGE_BUNDLES)) expect(bundles.find((b) => b.id === id)?.bytes, id).toBeGreaterThan(BUNDLE_SIZE_LIMIT_BYTES);
  });

  it('only the functions that make or read files carry the renderers', () => {
    expect(bundles.filter((b) => b.code.includes('PDFDocument')).map((b) => b.id)).toEqual(['Exports']);
    expect(bundles.filter((b) => b.code.includes('ExcelJS')).map((b) => b.id).sort()).toEqual(['Exports', 'ImportTemplate', 'ImportWorker']);
    // jpeg-js's decoder option, kept by name in a minified bundle.
    expect(bundles.filter((b) => b.code.includes('maxResolutionInMP')).map((b) => b.id).sort()).toEqual(['PhotoBatches', 'PhotoCheck']);
  });

  it('only the jobs consumer carries the problem-record scan: no request reads the whole table', () => {
    // The scan's markers' key prefix (shared/data/scan-markers.ts), which only the scan writes.
    expect(bundles.filter((b) => b.code.includes('SCANMARK#')).map((b) => b.id)).toEqual(['Jobs']);
  });

  describe.each(MARKERS)('none carries $module', ({ marker, enabled }) => {
    it.runIf(enabled)(`no bundle contains "${marker}"`, () => {
      expect(bundles.filter((b) => b.code.includes(marker)).map((b) => b.id)).toEqual([]);
    });
  });
});
