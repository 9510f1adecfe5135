// Real files for evidence tests: a PNG and a PDF that pass the stack's check of their bytes.
import { crc32, deflateSync } from 'node:zlib';
import jpegJs from 'jpeg-js';

/** A real PNG: `width`×`height` RGB pixels, a blue-to-green gradient, with its chunks' CRCs. */
export function png(width: number, height = width): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Array.from({ length: height }, (_, y) => Buffer.concat([Buffer.from([0]), ...Array.from({ length: width }, (_, x) => Buffer.from([40, Math.round((255 * x) / width), Math.round((255 * y) / height)]))]));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** A small valid PDF with one empty page. */
export function pdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * A real JPEG of `width`×`height` pixels made with jpeg-js: a face-like oval on a light-blue
 * background, or (with `noise`) random pixels, which compress badly and so make a big file.
 */
export function jpeg(width: number, height: number, options: { quality?: number; noise?: boolean } = {}): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 4;
      const face = ((x - width / 2) / (width * 0.3)) ** 2 + ((y - height * 0.45) / (height * 0.3)) ** 2 < 1;
      const pixel = options.noise ? [Math.random() * 255, Math.random() * 255, Math.random() * 255] : face ? [240, 200, 170] : [150, 200, 240];
      data.set([...pixel.map(Math.round), 255], at);
    }
  }
  return jpegJs.encode({ width, height, data }, options.quality ?? 80).data;
}
