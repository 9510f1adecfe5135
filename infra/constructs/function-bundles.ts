// The code of every deployed handler, built by ONE esbuild build per synthesis (one entry point per
// function, no code splitting) instead of one esbuild process per function: the shared modules are
// parsed once, and synthesis no longer grows by a process start and a full parse per endpoint.
//
// Each function still gets an asset of its own, holding only its `index.mjs` and `index.mjs.map`
// (and the files its manifest entry lists as `assets`, such as the exports function's font, copied
// next to them), hashed by that output: a function's asset changes only when its own files do. The
// files are written by a CDK local bundler, so CDK's bundling switch (`aws:cdk:bundling-stacks`,
// e.g. `cdk deploy OtherStack`, or the infra tests) still skips the build: then nothing runs and
// nothing is copied, the asset is a stand-in with a per-construct hash, and only the entry files
// (and the assets' sources) are checked.
//
// The build itself is `buildFunctionBundles`, which `npm run bench -- bundles` and
// test/infra/bundle-size.test.ts run too, so they measure exactly what is deployed.
import { AssetHashType, type ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync, type OutputFile } from 'esbuild';
import { copyFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { FunctionAsset } from '#shared/aws/function-assets.ts';
import type { FunctionDef } from '#shared/manifest/types.ts';
import { repoRoot } from '../paths.ts';

/** ESM bundles may still contain CommonJS dependencies that call `require`. */
export const REQUIRE_BANNER =
  "import { createRequire as __xuejiCreateRequire } from 'node:module'; " +
  'const require = __xuejiCreateRequire(import.meta.url);';

/** The handler every bundle exports, in Lambda's `file.export` form. */
export const BUNDLE_HANDLER = 'index.handler';

const BUNDLE_FILES = ['index.mjs', 'index.mjs.map'];

/**
 * Where esbuild is told the bundles go (`<fnId>/index.mjs` under it). Nothing is written there: the
 * build keeps its output in memory and each function's bundler writes its own files into its
 * staging directory. The source map's paths are relative to this directory, so they, and with them
 * the asset hashes, are the same wherever cdk.out or the staging directory happens to be
 * (`../../functions/...`, as when each function was bundled into cdk.out on its own).
 */
const MAP_BASE = join(repoRoot, 'cdk.out');

/**
 * Modules the bundles get instead of the ones their dependencies name (esbuild `alias`, resolved
 * from the repository root). The SDK clients' default credential chain (`credential-provider-node`:
 * SSO, INI files, processes, web identity, container and instance metadata, with their nested STS
 * and SSO clients: some 135 KB of every minified bundle) is replaced by the environment credentials
 * Lambda sets. Only the deployed bundles are affected: the local runtime runs the sources unbundled.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': './shared/aws/lambda-credentials.ts',
  // fontkit (pdfkit's font engine) decompresses WOFF2 with a JavaScript brotli of some 480 KB;
  // Node's zlib has brotli built in.
  'brotli/decompress.js': './infra/bundle-shims/brotli-decompress.ts',
};

/**
 * The largest `index.mjs` any deployed function may have, in bytes (test/infra/bundle-size.test.ts,
 * `npm run bench -- bundles`). Set at today's largest bundle plus 5 %, so a bundle can only stay or
 * shrink; lower it as the bundles slim down. The goal is 250 KB.
 */
export const BUNDLE_SIZE_LIMIT_BYTES = 363 * 1024; // Changes' 345.5 KB (it also sends to SQS) + 5 %

/**
 * Functions allowed a bigger bundle than BUNDLE_SIZE_LIMIT_BYTES, each with its own limit (its
 * size today plus 5 %) and why. They are queue consumers no request waits on.
 */
export const LARGE_BUNDLES: Readonly<Record<string, { limitBytes: number; why: string }>> = {
  Exports: {
    limitBytes: 1820 * 1024, // 1,733 KB + 5 %
    why: 'the renderers: pdfkit with fontkit (PDF with an embedded CJK font subset) and exceljs (XLSX with its zip writer)',
  },
  ImportTemplate: {
    limitBytes: 1450 * 1024, // 1,379 KB + 5 %
    why: 'exceljs, which writes the template with its drop-downs (data validations), which no other HTTP function loads',
  },
  ImportWorker: {
    limitBytes: 2010 * 1024, // 1,913 KB + 5 %
    why: 'the spreadsheet readers and writers: exceljs (streaming XLSX in and out), csv-parse and iconv-lite (GBK)',
  },
  Exchange: {
    limitBytes: 450 * 1024, // 428 KB + 5 %
    why: 'the KMS client and jose, which seal and open packets, and applying a transfer across provinces: the record schema and an enrolment\'s writes',
  },
  Changes: {
    limitBytes: 394 * 1024, // 375 KB + 5 %
    why: 'every kind of status change with its evidence uploads, and the filing of a transfer from another province with its outbox packet (issue 12); evidence could move to a function of its own',
  },
  PhotoBatches: {
    limitBytes: 672 * 1024, // 640 KB + 5 %
    why: 'the zip reader (unzipper, with its bluebird and fstream) and the JPEG decoder and encoder (jpeg-js) for a batch\'s photos',
  },
};

/**
 * Checks each function's id, entry file and assets; returns the absolute entry file of each, by
 * function id. Throws for an id unusable as a directory name, a repeated id, a missing entry file,
 * or an asset that is missing, not a plain file name, or named like the bundle's own files.
 */
export function functionEntries(defs: readonly FunctionDef[]): Map<string, string> {
  const entries = new Map<string, string>();
  for (const def of defs) {
    if (!/^[A-Za-z0-9_-]+$/.test(def.id)) {
      throw new Error(`Function id "${def.id}" is not usable as a directory name`);
    }
    if (entries.has(def.id)) throw new Error(`Two functions share the id "${def.id}"`);
    const entry = join(repoRoot, def.entry);
    if (!existsSync(entry) || !statSync(entry).isFile()) {
      throw new Error(`Function ${def.id}: entry file ${def.entry} does not exist`);
    }
    const names = new Set<string>(BUNDLE_FILES);
    for (const asset of def.assets ?? []) {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(asset.name) || names.has(asset.name)) {
        throw new Error(`Function ${def.id}: asset name "${asset.name}" is not a plain file name of its own`);
      }
      names.add(asset.name);
      const source = join(repoRoot, asset.source);
      if (!existsSync(source) || !statSync(source).isFile()) throw new Error(`Function ${def.id}: asset ${asset.source} does not exist`);
    }
    entries.set(def.id, entry);
  }
  return entries;
}

/**
 * The one build of the deployed bundles, as the stack runs it: every function's entry point in one
 * esbuild build, minified ESM for Node 24 with everything bundled, kept in memory. Returns each
 * function's output files (`index.mjs` and `index.mjs.map`, in that order), by function id.
 */
export function buildFunctionBundles(defs: readonly FunctionDef[]): Map<string, OutputFile[]> {
  const entries = functionEntries(defs);
  const result = buildSync({
    entryPoints: Object.fromEntries([...entries].map(([id, entry]) => [`${id}/index`, entry])),
    absWorkingDir: repoRoot,
    outdir: MAP_BASE,
    outExtension: { '.js': '.mjs' },
    write: false,
    bundle: true,
    splitting: false,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // Ship the SDK version the code was tested with, not the runtime's: nothing is external.
    external: [],
    alias: { ...BUNDLE_ALIASES },
    mainFields: ['module', 'main'],
    treeShaking: true,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    banner: { js: REQUIRE_BANNER },
    logLevel: 'warning',
  });
  const outputs = new Map<string, OutputFile[]>();
  for (const file of result.outputFiles) {
    const id = relative(MAP_BASE, dirname(file.path));
    outputs.set(id, [...(outputs.get(id) ?? []), file]);
  }
  for (const id of entries.keys()) {
    const files = (outputs.get(id) ?? []).sort((a, b) => basename(a.path).localeCompare(basename(b.path)));
    const names = files.map((f) => basename(f.path));
    if (names.join() !== BUNDLE_FILES.join()) {
      throw new Error(`esbuild wrote ${names.join(', ') || 'nothing'} for ${id}, expected ${BUNDLE_FILES.join(', ')}`);
    }
  }
  const unexpected = [...outputs.keys()].filter((id) => !entries.has(id));
  if (unexpected.length > 0) throw new Error(`esbuild wrote unexpected output: ${unexpected.join(', ')}`);
  return outputs;
}

export class FunctionBundles {
  readonly #defs: readonly FunctionDef[];
  readonly #entries: ReadonlyMap<string, string>;
  #outputs: Map<string, readonly OutputFile[]> | undefined;

  /** Checks every entry file; builds nothing until CDK asks for the first bundle. */
  constructor(defs: readonly FunctionDef[]) {
    this.#defs = [...defs];
    this.#entries = functionEntries(defs);
  }

  /** `def`'s Lambda code: its own directory with its bundle and source map (handler `index.handler`). */
  code(def: FunctionDef): lambda.Code {
    const entry = this.#entries.get(def.id);
    if (entry === undefined) throw new Error(`Function ${def.id} is not one of the bundled functions`);
    return lambda.Code.fromAsset(dirname(entry), {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Required by the type, never run: the local bundler below always succeeds or throws.
        image: lambda.Runtime.NODEJS_24_X.bundlingImage,
        local: new BundleWriter(def.id, def.entry, def.assets ?? [], () => this.#filesOf(def.id)),
      },
    });
  }

  #filesOf(id: string): readonly OutputFile[] {
    if (this.#outputs === undefined) {
      const started = performance.now();
      this.#outputs = buildFunctionBundles(this.#defs);
      process.stderr.write(
        `Bundled ${this.#entries.size} functions with esbuild in ${Math.round(performance.now() - started)} ms\n`,
      );
    }
    const files = this.#outputs.get(id);
    if (files === undefined) throw new Error(`esbuild produced no bundle for ${id}`);
    return files;
  }
}

/**
 * CDK's local bundler for one function: writes that function's share of the shared build into the
 * directory CDK stages as its asset, and copies its assets next to it. Its public fields go into
 * CDK's asset cache key, so each function is staged on its own; the build stays in a private
 * field, out of that key.
 */
class BundleWriter implements ILocalBundling {
  readonly functionId: string;
  readonly entry: string;
  readonly assets: readonly FunctionAsset[];
  readonly #files: () => readonly OutputFile[];

  constructor(functionId: string, entry: string, assets: readonly FunctionAsset[], files: () => readonly OutputFile[]) {
    this.functionId = functionId;
    this.entry = entry;
    this.assets = assets;
    this.#files = files;
  }

  tryBundle(outputDir: string): boolean {
    for (const file of this.#files()) writeFileSync(join(outputDir, basename(file.path)), file.contents);
    for (const asset of this.assets) copyFileSync(join(repoRoot, asset.source), join(outputDir, asset.name));
    return true;
  }
}
