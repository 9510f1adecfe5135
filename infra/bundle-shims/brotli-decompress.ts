// What the deployed bundles get instead of the `brotli` package's decompress.js (an esbuild alias
// in infra/constructs/function-bundles.ts): the same function on Node's own zlib. fontkit, which
// pdfkit lays out text with, calls it only for WOFF2 fonts; the bundles stay 480 KB smaller.
import { brotliDecompressSync } from 'node:zlib';

export default function decompress(buffer: Uint8Array): Uint8Array {
  return new Uint8Array(brotliDecompressSync(buffer));
}
