// Reads a spreadsheet a row at a time, so a file of any size is never held whole: XLSX through
// xlsx-rows.ts (the first worksheet), CSV through csv-parse after the bytes are decoded. Excel in China saves CSV in GBK unless told otherwise, so a CSV without a BOM
// whose start is not valid UTF-8 is read as GB18030 (a superset of GBK). Rows are numbered as the
// spreadsheet shows them (header = row 1); wholly empty rows are passed over.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { ImportFormat } from '#shared/domain/imports/import.ts';
import { UnreadableWorkbook, xlsxRows } from './xlsx-rows.ts';

export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  row: number;
  cells: Cell[];
}

/** Bytes looked at to tell UTF-8 from GBK. */
const SNIFF_BYTES = 64 * 1024;

/** Raised for a file that is not what it says (not a zip, not text, no worksheet). */
export class UnreadableFile extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFile';
  }
}

/** The rows of a file on the function's disk (imports/source-file.ts). */
export async function* readRows(path: string, format: ImportFormat): AsyncGenerator<SheetRow> {
  if (format === 'csv') {
    yield* csvRows(createReadStream(path));
    return;
  }
  const head = Buffer.alloc(4);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  // A zip starts PK\3\4: anything else is not an XLSX, whatever its name says.
  if (head[0] !== 0x50 || head[1] !== 0x4b || head[2] !== 0x03 || head[3] !== 0x04) throw new UnreadableFile('文件不是 Excel (xlsx) 文件');
  try {
    yield* xlsxRows(path);
  } catch (error) {
    if (error instanceof UnreadableWorkbook) throw new UnreadableFile(error.message);
    throw error;
  }
}

async function* csvRows(input: Readable): AsyncGenerator<SheetRow> {
  const { head, stream } = await sniff(input, SNIFF_BYTES);
  if (head.includes(0)) throw new UnreadableFile('文件不是文本 (CSV) 文件');
  const encoding = encodingOf(head);
  const parser = stream.pipe(iconv.decodeStream(encoding)).pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      const cells = record.map((cell) => (cell.trim() === '' ? null : cell));
      if (cells.some((cell) => cell !== null)) yield { row, cells };
    }
  } catch (error) {
    throw new UnreadableFile(`无法读取 CSV 文件：${(error as Error).message.slice(0, 100)}`);
  } finally {
    stream.destroy();
  }
}

/** UTF-8 when it says so (BOM) or its start decodes as UTF-8; otherwise GB18030. */
export function encodingOf(head: Uint8Array): 'utf8' | 'gb18030' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  // A character cut at the end of the sample is not an error: drop an incomplete last sequence.
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back += 1) {
    const byte = head[end - back]!;
    if ((byte & 0xc0) === 0xc0) {
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      if (back < need) end -= back;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/** The first `bytes` bytes (fewer for a shorter file), and a stream that still yields everything. */
async function sniff(input: Readable, bytes: number): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const taken: Buffer[] = [];
  let length = 0;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    taken.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(taken);
  const stream = Readable.from(
    (async function* () {
      if (head.length > 0) yield head;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    })(),
    { objectMode: false },
  );
  return { head: head.subarray(0, bytes), stream };
}
