// The exports function as deployed: its asset holds its bundle and, next to it, the font and the
// font's licence its manifest entry lists (`assets`); and the renderers, bundled as the stack
// bundles them (pdfkit with the brotli shim, exceljs), make a PDF and a workbook on Node 24 from a
// directory holding nothing but the bundle and those assets: pdfkit never reaches for Helvetica's
// files, and the font is found beside the bundle.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFunctionBundles } from '#infra/constructs/function-bundles.ts';
import { repoRoot } from '#infra/paths.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import { pdfText } from '../support/pdf.ts';
import { logicalIdAt, synth } from './support.ts';

const exportsDef = appManifest.functions.find((def) => def.id === 'Exports')!;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the exports function', () => {
  it('ships its font and the font’s licence next to its bundle', () => {
    const s = synth({ manifest: { ...appManifest, functions: [exportsDef] }, bundle: true, stackId: 'Xueji-exports' });
    const lambda = s.json.Resources[logicalIdAt(s, 'Functions/Exports/Handler/Resource')]!;
    const dir = join(s.app.outdir, lambda.Metadata?.['aws:asset:path'] as string);
    expect(readdirSync(dir).sort()).toEqual(['NotoSansHans-LICENSE.txt', 'NotoSansHans-Regular.otf', 'index.mjs', 'index.mjs.map']);
    expect(lambda.Properties).toMatchObject({ MemorySize: 1024, Timeout: 300 });
  });

  it('renders a PDF and a workbook bundled, from a directory with nothing but the bundle and its assets', async () => {
    const [files] = [...buildFunctionBundles([{ ...exportsDef, id: 'ExportRender', entry: 'test/fixtures/functions/export-render.ts', triggers: [] }]).values()];
    const dir = mkdtempSync(join(tmpdir(), 'xueji-export-bundle-'));
    dirs.push(dir);
    for (const file of files!) writeFileSync(join(dir, basename(file.path)), file.contents);
    for (const asset of exportsDef.assets!) copyFileSync(join(repoRoot, asset.source), join(dir, asset.name));
    const names = ['王𠮷祥', '欧阳淞', '李凇'];
    const script = `
      const { handler } = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)});
      process.stdout.write(JSON.stringify(await handler({ names: ${JSON.stringify(names)} })));
    `;
    const run = spawnSync(join(repoRoot, 'node_modules/.bin/node'), ['--input-type=module', '-e', script], { cwd: dir, env: { PATH: process.env.PATH, LOG_LEVEL: 'SILENT' }, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { pdf: string; xlsx: string; missing: number };
    const text = (await pdfText(Buffer.from(result.pdf, 'base64'))).join('\n');
    expect(text).toContain('登分表');
    expect(text).toContain('欧阳淞');
    expect(text).toContain('李凇');
    // 𠮷 (CJK Extension B) is not in the font: printed as □, counted.
    expect(text).toContain('王□祥');
    expect(result.missing).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(result.xlsx, 'base64') as unknown as ArrayBuffer);
    const values: unknown[] = [];
    workbook.worksheets[0]!.eachRow((row) => values.push(row.getCell(3).value));
    expect(values).toEqual(expect.arrayContaining(names));
  });
});
