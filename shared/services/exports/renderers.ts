// The worker's side of the export kinds (registry.ts has their access checks): how each kind's
// file is made. Only the exports function imports this, with the renderers and the font.
import type { ExportDocument } from '#shared/domain/exports/document.ts';
import type { ExportKind, ExportRequest } from '#shared/domain/exports/kinds.ts';
import { gradeSheetContent } from './kinds/grade-sheet-content.ts';
import { transcriptContent } from './kinds/transcript-content.ts';
import { renderDocument } from './render/document.ts';

/** What the file is made for: whether it may show personal data in full, and when it is made. */
export interface ExportContext {
  full: boolean;
  at: string;
}

export interface ExportFile {
  bytes: Uint8Array;
  /** What it is saved as, with its extension. */
  fileName: string;
  /** Characters the PDF font has no glyph for. */
  missingGlyphs: number;
}

export interface ExportRenderer<K extends ExportKind> {
  render(request: ExportRequest<K>, context: ExportContext): Promise<ExportFile>;
}

/** A kind whose file is a document of tables (shared/domain/exports/document.ts), in any of the table formats. */
export function tableExport<K extends ExportKind>(build: (request: ExportRequest<K>, context: ExportContext) => Promise<ExportDocument>): ExportRenderer<K> {
  return {
    async render(request, context) {
      const document = await build(request, context);
      const file = await renderDocument(document, request.format, context);
      return { ...file, fileName: `${document.fileName}.${request.format}` };
    },
  };
}

export const EXPORT_RENDERERS: { [K in ExportKind]: ExportRenderer<K> } = {
  gradeSheet: gradeSheetContent,
  transcript: transcriptContent,
};
