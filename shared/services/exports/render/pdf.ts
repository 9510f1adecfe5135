// A document (shared/domain/exports/document.ts) as an A4 PDF: the title, the facts two to a line,
// each table with its header repeated on every page it runs over, its notes, the closing lines, and
// on every page `第 i 页 / 共 n 页` with when it was made. Every text is drawn in the CJK font the
// exports function ships (PDF_FONT): pdfkit embeds only the glyphs used, so a sheet is some tens
// of kilobytes. Always with that font: pdfkit's own default (Helvetica) is read from files a
// bundle does not have. A character the font lacks (rare ones of CJK Extension B and beyond, such
// as 𠮷 in a name) would print as nothing; it prints as □ instead, counted, and every page then
// says what □ stands for (the spreadsheet, being text, has every character).
import PDFDocument from 'pdfkit';
import { assetPath } from '#shared/aws/function-assets.ts';
import { chinaMinute, type Cell, type Column, type ExportDocument, type Table } from '#shared/domain/exports/document.ts';
import { PDF_FONT } from '../assets.ts';

const MARGIN = 40;
const ROW = 17;
const PAD = 4;
const TEXT = 9.5;
const MIN_TEXT = 6;
const FOOTER = 30;

export interface RenderedPdf {
  bytes: Uint8Array;
  /** Characters the font has no glyph for, printed as MISSING. */
  missing: number;
}

/** What a character the font lacks prints as. */
export const MISSING = '□';

/** The parts of pdfkit's current font (fontkit's) this needs; not in pdfkit's types. */
interface FontCoverage {
  _font?: { font?: { hasGlyphForCodePoint?(codePoint: number): boolean } };
}

const cellText = (cell: Cell) => (cell === null ? '' : String(cell));

export function renderPdf(document: ExportDocument, made: { at: string }): Promise<RenderedPdf> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    font: assetPath(PDF_FONT),
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: document.title, Creator: '学籍管理系统' },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const font = (doc as unknown as FontCoverage)._font?.font;
  let missing = 0;
  /** The text with each character the font lacks as MISSING, counted. */
  const printable = (text: string) =>
    [...text]
      .map((char) => {
        if (/\s/.test(char) || font?.hasGlyphForCodePoint?.(char.codePointAt(0)!) !== false) return char;
        missing += 1;
        return MISSING;
      })
      .join('');

  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - FOOTER;
  let y = MARGIN;

  /** One line of text at (x, y) within `w`, aligned, shrunk to fit down to MIN_TEXT and cut with … below that. */
  const line = (raw: string, x: number, top: number, w: number, size: number, align: 'left' | 'center' | 'right' = 'left') => {
    if (!raw) return;
    const text = printable(raw);
    doc.fontSize(size);
    let fitted = text;
    let actual = size;
    const room = w - 2 * PAD;
    const natural = doc.widthOfString(text);
    if (natural > room) {
      actual = Math.max(MIN_TEXT, (size * room) / natural);
      doc.fontSize(actual);
      while (fitted.length > 1 && doc.widthOfString(`${fitted}…`) > room) fitted = [...fitted].slice(0, -1).join('');
      if (fitted !== text) fitted = `${fitted}…`;
    }
    const textWidth = doc.widthOfString(fitted);
    const left = align === 'left' ? x + PAD : align === 'right' ? x + w - PAD - textWidth : x + (w - textWidth) / 2;
    doc.text(fitted, left, top + (ROW - actual) / 2 - 1, { lineBreak: false });
  };

  /** Wrapped text across the page's width; a new page first when it would not fit. */
  const paragraph = (raw: string, size: number, gap = 4) => {
    const text = printable(raw);
    doc.fontSize(size);
    const height = doc.heightOfString(text, { width });
    if (y + height > bottom) newPage();
    doc.text(text, MARGIN, y, { width });
    y += height + gap;
  };

  const newPage = () => {
    doc.addPage();
    y = MARGIN;
  };

  const columnsOf = (table: Table): (Column & { x: number; w: number })[] => {
    const total = table.columns.reduce((sum, column) => sum + column.width, 0);
    let x = MARGIN;
    return table.columns.map((column) => {
      const w = (column.width / total) * width;
      const placed = { ...column, x, w };
      x += w;
      return placed;
    });
  };

  const header = (columns: ReturnType<typeof columnsOf>) => {
    doc.save().rect(MARGIN, y, width, ROW).fill('#eeeeee').restore();
    for (const column of columns) {
      doc.rect(column.x, y, column.w, ROW).stroke();
      line(column.header, column.x, y, column.w, TEXT, 'center');
    }
    y += ROW;
  };

  // Title and facts.
  doc.lineWidth(0.6);
  doc.fontSize(16);
  doc.text(printable(document.title), MARGIN, y, { width, align: 'center' });
  y += 30;
  for (let index = 0; index < document.facts.length; index += 2) {
    for (const [offset, fact] of document.facts.slice(index, index + 2).entries()) {
      line(`${fact[0]}：${fact[1]}`, MARGIN + (offset * width) / 2 - PAD, y, width / 2, 10.5);
    }
    y += ROW;
  }
  y += 6;

  for (const table of document.tables) {
    const columns = columnsOf(table);
    // A table starts on a new page unless its heading, header and first row fit.
    if (y + 3 * ROW > bottom) newPage();
    if (table.heading) {
      line(table.heading, MARGIN - PAD, y, width, 11.5);
      y += ROW;
    }
    header(columns);
    for (const row of table.rows) {
      if (y + ROW > bottom) {
        newPage();
        if (table.heading) {
          line(`${table.heading} (续)`, MARGIN - PAD, y, width, 11.5);
          y += ROW;
        }
        header(columns);
      }
      for (const [index, column] of columns.entries()) {
        doc.rect(column.x, y, column.w, ROW).stroke();
        line(cellText(row[index] ?? null), column.x, y, column.w, TEXT, column.align);
      }
      y += ROW;
    }
    y += 6;
    for (const note of table.notes ?? []) paragraph(note, 9.5);
    y += 10;
  }
  for (const closing of document.closing ?? []) paragraph(closing, 10, 8);

  // Page numbers and when it was made, on every page (below the bottom margin: without it pdfkit
  // would start a page), and what □ stands for when it was printed.
  const lacking = missing;
  const { start, count: pages } = doc.bufferedPageRange();
  for (let page = start; page < start + pages; page += 1) {
    doc.switchToPage(page);
    doc.page.margins.bottom = 0;
    const top = doc.page.height - MARGIN - ROW + 6;
    if (lacking > 0) line(`注：${MISSING} 为本文件字体中没有的生僻字，请以系统中的记录或 XLSX 文件为准。`, MARGIN - PAD, top - 12, width, 8);
    line(`导出时间：${chinaMinute(made.at)}`, MARGIN - PAD, top, width / 2, 8);
    line(`第 ${page + 1} 页 / 共 ${pages} 页`, MARGIN + width / 2, top, width / 2 + PAD, 8, 'right');
  }
  doc.end();
  return done.then((bytes) => ({ bytes, missing: lacking }));
}
