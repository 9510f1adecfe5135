// The thumbnail of an accepted photo: a box downscale (each thumbnail pixel the mean of the photo's
// pixels it covers) to a fixed width, the height keeping the photo's ratio, encoded as a JPEG.
// 77 px wide is half the K-12 minimum: a list or a card shows it without loading the photo.
import jpeg from 'jpeg-js';
import type { DecodedPhoto } from './check.ts';

export const THUMBNAIL_WIDTH = 77;
const QUALITY = 80;

/** The photo scaled down to `width` (never up), RGBA. */
export function downscale(photo: DecodedPhoto, width = THUMBNAIL_WIDTH): DecodedPhoto {
  const targetWidth = Math.min(width, photo.width);
  const targetHeight = Math.max(1, Math.round((photo.height * targetWidth) / photo.width));
  const data = new Uint8Array(targetWidth * targetHeight * 4);
  for (let y = 0; y < targetHeight; y += 1) {
    const top = Math.floor((y * photo.height) / targetHeight);
    const bottom = Math.max(top + 1, Math.floor(((y + 1) * photo.height) / targetHeight));
    for (let x = 0; x < targetWidth; x += 1) {
      const left = Math.floor((x * photo.width) / targetWidth);
      const right = Math.max(left + 1, Math.floor(((x + 1) * photo.width) / targetWidth));
      const sums = [0, 0, 0];
      for (let sy = top; sy < bottom; sy += 1) {
        for (let sx = left; sx < right; sx += 1) {
          const at = (sy * photo.width + sx) * 4;
          sums[0]! += photo.data[at]!;
          sums[1]! += photo.data[at + 1]!;
          sums[2]! += photo.data[at + 2]!;
        }
      }
      const count = (bottom - top) * (right - left);
      const out = (y * targetWidth + x) * 4;
      data[out] = Math.round(sums[0]! / count);
      data[out + 1] = Math.round(sums[1]! / count);
      data[out + 2] = Math.round(sums[2]! / count);
      data[out + 3] = 255;
    }
  }
  return { width: targetWidth, height: targetHeight, data };
}

/** The thumbnail as JPEG bytes, and its size in pixels. */
export function thumbnail(photo: DecodedPhoto): { bytes: Uint8Array; width: number; height: number } {
  const small = downscale(photo);
  return { bytes: new Uint8Array(jpeg.encode(small, QUALITY).data), width: small.width, height: small.height };
}
