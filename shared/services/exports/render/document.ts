// A document in the format asked for. The renderers are loaded when first used: a PDF job does not
// evaluate exceljs, nor a spreadsheet job pdfkit and its font machinery. As CSV, a document is its
// tables' rows under one header (the title and facts are for print).
import type { ExportDocument } from '#shared/domain/exports/document.ts';
import type { ExportFormat } from '#shared/domain/exports/kinds.ts';

export interface RenderedFile {
  bytes: Uint8Array;
  /** Characters the PDF font has no glyph for (they print as empty boxes). */
  missingGlyphs: number;
}

export async function renderDocument(document: ExportDocument, format: ExportFormat, made: { at: string }): Promise<RenderedFile> {
  if (format === 'pdf') {
    const { renderPdf } = await import('./pdf.ts');
    const pdf = await renderPdf(document, made);
    return { bytes: pdf.bytes, missingGlyphs: pdf.missing };
  }
  if (format === 'csv') {
    const [first] = document.tables;
    const columns = first?.columns.map((column) => column.header) ?? [];
    const { renderDataFile } = await import('./data-file.ts');
    return { bytes: await renderDataFile({ fileName: document.fileName, tables: [{ name: document.sheetName, columns, rows: document.tables.flatMap((table) => table.rows) }] }, 'csv', made), missingGlyphs: 0 };
  }
  const { renderXlsx } = await import('./xlsx.ts');
  return { bytes: await renderXlsx(document, made), missingGlyphs: 0 };
}
