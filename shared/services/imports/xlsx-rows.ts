// The rows of an XLSX file's first worksheet, read as they stream, for imports. Not exceljs's
// streaming reader: it decodes each inflated chunk as UTF-8 on its own, so a Chinese character cut
// by a chunk boundary comes out as "��" (exceljs issues #2084, #2316, open since 2022) — a name
// silently changed now and then in a large intake. Here the zip (unzipper, by its central
// directory, so entries are read in the order needed whatever their order in the file) and the XML
// (saxes) are read by libraries; the bytes go through Node's string decoder, which keeps a
// character whole across chunks. The shared strings, which a spreadsheet may hold by the hundred
// thousand, are kept in a file beside the source with only their offsets in memory, so memory
// stays flat in the size of the file.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import unzipper, { type File } from 'unzipper';
import type { Cell, SheetRow } from './read-rows.ts';

/** Raised for a file that is not a readable workbook. */
export class UnreadableWorkbook extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableWorkbook';
  }
}

/** Larger inflated parts are refused: a zip bomb, not a school's intake. */
const MAX_PART_BYTES = 1024 * 1024 * 1024;

export async function* xlsxRows(path: string): AsyncGenerator<SheetRow> {
  const zip = await unzipper.Open.file(path).catch(() => {
    throw new UnreadableWorkbook('文件不是 Excel (xlsx) 文件');
  });
  const part = (name: string) => zip.files.find((file) => file.path === name);
  const workbook = part('xl/workbook.xml');
  if (!workbook) throw new UnreadableWorkbook('文件不是 Excel (xlsx) 文件：缺少工作簿');
  const book = await readWorkbook(workbook);
  const relations = part('xl/_rels/workbook.xml.rels');
  const target = relations ? await sheetTarget(relations, book.firstSheet) : undefined;
  const sheet = target ? part(target) : undefined;
  if (!sheet) throw new UnreadableWorkbook('文件中没有工作表');
  const styles = part('xl/styles.xml');
  const dates = styles ? await dateStyles(styles) : new Set<number>();
  const strings = new SharedStrings(`${path}.strings`);
  try {
    const shared = part('xl/sharedStrings.xml');
    if (shared) await strings.load(shared);
    yield* sheetRows(sheet, strings, dates, book.date1904);
  } finally {
    strings.close();
  }
}

/** An XML part's events, chunk by chunk, decoded whole characters at a time. */
async function* xmlEvents(file: File): AsyncGenerator<XmlEvent[]> {
  if (file.uncompressedSize > MAX_PART_BYTES) throw new UnreadableWorkbook('文件内容过大或已损坏');
  const parser = new SaxesParser();
  let events: XmlEvent[] = [];
  parser.on('opentag', (tag) => events.push({ open: tag as SaxesTagPlain }));
  parser.on('text', (text) => events.push({ text }));
  parser.on('closetag', (tag) => events.push({ close: tag.name }));
  const stream = file.stream() as Readable;
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.write(chunk);
      yield events;
      events = [];
    }
    parser.close();
    yield events;
  } catch (error) {
    if (error instanceof UnreadableWorkbook) throw error;
    throw new UnreadableWorkbook(`Excel 文件已损坏：${(error as Error).message.slice(0, 80)}`);
  }
}

type XmlEvent = { open: SaxesTagPlain } | { text: string } | { close: string };

/** Tag names without their namespace prefix (`x:row` in some writers' files). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

async function readWorkbook(file: File): Promise<{ firstSheet: string | undefined; date1904: boolean }> {
  let firstSheet: string | undefined;
  let date1904 = false;
  for await (const events of xmlEvents(file)) {
    for (const event of events) {
      if (!('open' in event)) continue;
      const name = local(event.open.name);
      if (name === 'sheet' && firstSheet === undefined) firstSheet = event.open.attributes['r:id'];
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(event.open.attributes.date1904 ?? '');
    }
  }
  return { firstSheet, date1904 };
}

async function sheetTarget(file: File, id: string | undefined): Promise<string | undefined> {
  for await (const events of xmlEvents(file)) {
    for (const event of events) {
      if (!('open' in event) || local(event.open.name) !== 'Relationship' || event.open.attributes.Id !== id) continue;
      const target = event.open.attributes.Target ?? '';
      return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    }
  }
  return undefined;
}

// Number formats that show a date: the built-in ones (including the CJK 年月日 ones) and any
// custom format with date or time letters outside its quoted text and [colour] sections.
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const isDateFormat = (code: string) => /[ymdhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')) && !/^general$/i.test(code);

/** The cell styles (indexes into cellXfs) whose number format shows a date. */
async function dateStyles(file: File): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const styles = new Set<number>();
  let inCellXfs = false;
  let index = 0;
  for await (const events of xmlEvents(file)) {
    for (const event of events) {
      if ('open' in event) {
        const name = local(event.open.name);
        if (name === 'numFmt') custom.set(Number(event.open.attributes.numFmtId), event.open.attributes.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(event.open.attributes.numFmtId ?? 0);
          if (BUILT_IN_DATES.has(id) || isDateFormat(custom.get(id) ?? '')) styles.add(index);
          index += 1;
        }
      } else if ('close' in event && local(event.close) === 'cellXfs') inCellXfs = false;
    }
  }
  return styles;
}

/** The workbook's shared strings, in a file of their own; memory holds only where each starts. */
class SharedStrings {
  readonly #path: string;
  #fd: number | undefined;
  #offsets = new Float64Array(1024);
  #count = 0;
  #size = 0;

  constructor(path: string) {
    this.#path = path;
  }

  async load(file: File): Promise<void> {
    this.#fd = openSync(this.#path, 'w+');
    let text = '';
    let inText = false;
    let inPhonetic = false;
    for await (const events of xmlEvents(file)) {
      for (const event of events) {
        if ('open' in event) {
          const name = local(event.open.name);
          if (name === 'si') text = '';
          else if (name === 't') inText = true;
          // Phonetic guides (ruby) are not part of the text.
          else if (name === 'rPh') inPhonetic = true;
        } else if ('text' in event) {
          if (inText && !inPhonetic) text += event.text;
        } else {
          const name = local(event.close);
          if (name === 't') inText = false;
          else if (name === 'rPh') inPhonetic = false;
          else if (name === 'si') this.#add(text);
        }
      }
    }
    this.#offset(this.#count, this.#size);
  }

  #add(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.#offset(this.#count, this.#size);
    writeSync(this.#fd!, bytes, 0, bytes.length, this.#size);
    this.#size += bytes.length;
    this.#count += 1;
  }

  #offset(index: number, value: number): void {
    if (index >= this.#offsets.length) {
      const grown = new Float64Array(this.#offsets.length * 2);
      grown.set(this.#offsets);
      this.#offsets = grown;
    }
    this.#offsets[index] = value;
  }

  get(index: number): string | null {
    if (!Number.isInteger(index) || index < 0 || index >= this.#count) return null;
    const start = this.#offsets[index]!;
    const length = this.#offsets[index + 1]! - start;
    const bytes = Buffer.alloc(length);
    readSync(this.#fd!, bytes, 0, length, start);
    return bytes.toString('utf8');
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** The column of a cell reference (`C12` → 2). */
function columnIndex(reference: string | undefined): number | undefined {
  const letters = /^[A-Z]+/.exec(reference ?? '')?.[0];
  if (!letters) return undefined;
  let index = 0;
  for (const letter of letters) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

/** An Excel date serial as the instant of that day (and time) in UTC. */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000));
}

async function* sheetRows(file: File, strings: SharedStrings, dates: Set<number>, date1904: boolean): AsyncGenerator<SheetRow> {
  let rowNumber = 0;
  let cells: Cell[] = [];
  let cell: { index: number; type: string; style: number; value: string; inline: string } | undefined;
  let collecting: 'value' | 'inline' | undefined;
  let inPhonetic = false;
  for await (const events of xmlEvents(file)) {
    const rows: SheetRow[] = [];
    for (const event of events) {
      if ('open' in event) {
        const { attributes } = event.open;
        switch (local(event.open.name)) {
          case 'row':
            rowNumber = attributes.r ? Number(attributes.r) : rowNumber + 1;
            cells = [];
            break;
          case 'c':
            cell = { index: columnIndex(attributes.r) ?? cells.length, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), value: '', inline: '' };
            break;
          case 'v':
            collecting = 'value';
            break;
          case 't':
            if (cell) collecting = 'inline';
            break;
          case 'rPh':
            inPhonetic = true;
            break;
        }
      } else if ('text' in event) {
        if (!cell || inPhonetic) continue;
        if (collecting === 'value') cell.value += event.text;
        else if (collecting === 'inline') cell.inline += event.text;
      } else {
        switch (local(event.close)) {
          case 'v':
          case 't':
            collecting = undefined;
            break;
          case 'rPh':
            inPhonetic = false;
            break;
          case 'c':
            if (cell) cells[cell.index] = cellOf(cell, strings, dates, date1904);
            cell = undefined;
            break;
          case 'row': {
            const filled = Array.from(cells, (value) => value ?? null);
            if (filled.some((value) => value !== null)) rows.push({ row: rowNumber, cells: filled });
            break;
          }
        }
      }
    }
    yield* rows;
  }
}

function cellOf(cell: { type: string; style: number; value: string; inline: string }, strings: SharedStrings, dates: Set<number>, date1904: boolean): Cell {
  const blank = (text: string | null) => (text === null || text.trim() === '' ? null : text);
  switch (cell.type) {
    case 's':
      return blank(strings.get(Number(cell.value)));
    case 'inlineStr':
      return blank(cell.inline);
    case 'str':
      return blank(cell.value);
    case 'b':
      return cell.value === '1';
    case 'e':
      return null;
    default: {
      if (cell.value.trim() === '') return null;
      const number = Number(cell.value);
      if (!Number.isFinite(number)) return blank(cell.value);
      return dates.has(cell.style) ? excelDate(number, date1904) : number;
    }
  }
}
