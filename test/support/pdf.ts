// Reading the PDFs the exports make, as a person would see them: the text of each page (pdfjs-dist,
// its legacy build for Node), runs on one baseline joined into a line, and a page drawn into a PNG
// (pdfjs-dist with @napi-rs/canvas, its optional dependency) to look at.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface TextRun {
  str?: string;
  transform?: number[];
  width?: number;
}

/** Each page's text as lines, top to bottom; runs that touch (a name split over fonts) join without a gap, separate cells with ' | '. */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const { items } = await (await document.getPage(number)).getTextContent();
      const lines = new Map<number, { x: number; w: number; s: string }[]>();
      for (const item of items as TextRun[]) {
        if (!item.str || !item.transform) continue;
        const y = Math.round(item.transform[5]!);
        const line = lines.get(y) ?? [];
        line.push({ x: item.transform[4]!, w: item.width ?? 0, s: item.str });
        lines.set(y, line);
      }
      pages.push(
        [...lines]
          .sort((a, b) => b[0] - a[0])
          .map(([, line]) => {
            line.sort((a, b) => a.x - b.x);
            return line.reduce((text, run, index) => text + (index > 0 && run.x - (line[index - 1]!.x + line[index - 1]!.w) > 0.5 ? ' | ' : '') + run.s, '');
          })
          .join('\n'),
      );
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** Page `number` drawn at `scale` (1 = 72 dpi) into a PNG. */
export async function pdfPagePng(bytes: Uint8Array, number = 1, scale = 2): Promise<Buffer> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  const document = await task.promise;
  try {
    const page = await document.getPage(number);
    const viewport = page.getViewport({ scale });
    const canvasFactory = (document as unknown as { canvasFactory: { create(width: number, height: number): { canvas: { toBuffer(type: string): Buffer }; context: unknown } } }).canvasFactory;
    const target = canvasFactory.create(viewport.width, viewport.height);
    await page.render({ canvasContext: target.context, canvas: target.canvas, viewport } as unknown as Parameters<typeof page.render>[0]).promise;
    return target.canvas.toBuffer('image/png');
  } finally {
    await task.destroy();
  }
}
