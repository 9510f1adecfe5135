// The files the exports function ships beside its bundle (its manifest entry's `assets`): the PDF
// font, Noto Sans Hans Regular (Simplified Chinese, from @embedpdf/fonts-sc; a PDF embeds the
// subset of glyphs it uses), and the font's licence (SIL Open Font License 1.1), which goes with it.
import type { FunctionAsset } from '#shared/aws/function-assets.ts';

export const PDF_FONT: FunctionAsset = { source: 'node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf', name: 'NotoSansHans-Regular.otf' };
export const PDF_FONT_LICENSE: FunctionAsset = { source: 'node_modules/@embedpdf/fonts-sc/LICENSE', name: 'NotoSansHans-LICENSE.txt' };
