// The worker's side of the export kinds (registry.ts has their access checks): how each kind's
// file is made. Only the exports function imports this, with the renderers and the font.
import type { DataFile } from '#shared/domain/exports/data-file.ts';
import type { ExportDocument } from '#shared/domain/exports/document.ts';
import type { ExportKind, ExportRequest } from '#shared/domain/exports/kinds.ts';
import type { JobError } from '#shared/domain/jobs.ts';
import { captureListContent } from './kinds/capture-list-content.ts';
import { chsiGraduateContent } from './kinds/chsi-graduate-content.ts';
import { chsiAnnualContent, chsiNewContent } from './kinds/chsi-content.ts';
import { gradeSheetContent } from './kinds/grade-sheet-content.ts';
import { oneRosterContent } from './kinds/one-roster-content.ts';
import { photosContent } from './kinds/photos-content.ts';
import { rosterContent } from './kinds/roster-content.ts';
import { statisticsContent } from './kinds/statistics-content.ts';
import { transcriptContent } from './kinds/transcript-content.ts';
import { renderDataFile } from './render/data-file.ts';
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
  /** Rows left out because they failed the kind's checks (the 学信网 pre-export checks): the job lists them as its errors. */
  refused?: JobError[];
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

/** A kind whose file is a data file (shared/domain/exports/data-file.ts): CSV, a zip of CSVs or a workbook. */
export function dataExport<K extends ExportKind>(build: (request: ExportRequest<K>, context: ExportContext) => Promise<DataFile & { refused?: JobError[] }>): ExportRenderer<K> {
  return {
    async render(request, context) {
      const file = await build(request, context);
      const bytes = await renderDataFile(file, request.format, context);
      return { bytes, fileName: `${file.fileName}.${request.format}`, missingGlyphs: 0, ...(file.refused ? { refused: file.refused } : {}) };
    },
  };
}

export const EXPORT_RENDERERS: { [K in ExportKind]: ExportRenderer<K> } = {
  gradeSheet: gradeSheetContent,
  transcript: transcriptContent,
  roster: rosterContent,
  statistics: statisticsContent,
  photos: photosContent,
  captureList: captureListContent,
  chsiNew: chsiNewContent,
  chsiAnnual: chsiAnnualContent,
  chsiGraduate: chsiGraduateContent,
  oneRoster: oneRosterContent,
};
