// The check of a landed photo, from its bytes alone (never its name or declared type): a real JPEG
// that decodes, large enough, portrait in the spec's ratio, small enough. Each broken rule gives one
// reason, so the sender fixes everything at once. The decoder is bounded (pixels and memory), so a
// hostile file that claims a huge image is refused before it can exhaust the function's memory.
import jpeg from 'jpeg-js';
import { RATIO_TOLERANCE, type PhotoSpec } from './spec.ts';

/** JPEG's start-of-image marker and the first byte of the next marker. */
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
/** Far above any registry photo (480 × 640 is 0.3 MP), far below what would strain 512 MB. */
export const MAX_DECODE_MEGAPIXELS = 4;
const MAX_DECODE_MEMORY_MB = 64;

export interface DecodedPhoto {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8Array;
}

export type PhotoVerdict = { ok: true; photo: DecodedPhoto } | { ok: false; reasons: string[]; width?: number; height?: number };

export const isJpeg = (bytes: Uint8Array): boolean => JPEG_MAGIC.every((byte, index) => bytes[index] === byte);

const kb = (bytes: number) => `${(Math.ceil((bytes / 1024) * 10) / 10).toFixed(1)} KB`;

/** Decodes a JPEG within the limits; a reason instead when it cannot be. */
export function decodeJpeg(bytes: Uint8Array): DecodedPhoto | { reason: string } {
  try {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_DECODE_MEGAPIXELS, maxMemoryUsageInMB: MAX_DECODE_MEMORY_MB });
    if (image.width === 0 || image.height === 0) return { reason: 'JPEG 图像没有像素，无法使用' };
    return { width: image.width, height: image.height, data: image.data };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/maxResolutionInMP|maxMemoryUsageInMB|allocate/.test(message)) return { reason: `图像像素过多 (超过 ${MAX_DECODE_MEGAPIXELS} 百万像素)，请缩小后再上传` };
    return { reason: '文件是 JPEG 格式，但内容已损坏或编码方式不受支持，无法解码' };
  }
}

/** The rules on a decoded image's dimensions: at least the spec's size, portrait in its ratio. */
export function dimensionReasons(width: number, height: number, spec: PhotoSpec): string[] {
  const reasons: string[] = [];
  if (width < spec.minWidth || height < spec.minHeight) reasons.push(`图像为 ${width} × ${height} 像素，至少须 ${spec.minWidth} × ${spec.minHeight} 像素`);
  const [ratioWidth, ratioHeight] = spec.ratio;
  const off = (width / height) / (ratioWidth / ratioHeight) - 1;
  if (Math.abs(off) > RATIO_TOLERANCE) {
    reasons.push(`宽高比不符：${width} × ${height} 像素的宽高比为 ${(width / height).toFixed(3)}，须为 ${ratioWidth}:${ratioHeight} 的竖版照片 (${(ratioWidth / ratioHeight).toFixed(3)}，允许相差 ${RATIO_TOLERANCE * 100}%)`);
  }
  return reasons;
}

/** Checks a landed file (all of its bytes) against the spec. */
export function checkPhoto(bytes: Uint8Array, spec: PhotoSpec): PhotoVerdict {
  const reasons: string[] = [];
  if (bytes.byteLength >= spec.maxBytes) reasons.push(`文件为 ${kb(bytes.byteLength)}，须小于 ${spec.maxBytes / 1024} KB`);
  if (!isJpeg(bytes)) return { ok: false, reasons: ['文件内容不是 JPEG 图像 (以文件内容为准，与文件名和申报的类型无关)', ...reasons] };
  const decoded = decodeJpeg(bytes);
  if ('reason' in decoded) return { ok: false, reasons: [decoded.reason, ...reasons] };
  reasons.unshift(...dimensionReasons(decoded.width, decoded.height, spec));
  return reasons.length === 0 ? { ok: true, photo: decoded } : { ok: false, reasons, width: decoded.width, height: decoded.height };
}
