// Screening a zip entry before any of it is inflated, from the zip's central directory alone: its
// name (never used as a path on disk, but a name that climbs out of the zip or is absolute marks a
// hostile file, refused as such), its sizes (larger than a photo may be, or a compression ratio no
// photo has: a zip bomb). Folders and the litter of desktop zip tools are passed over. Pure.
import { MAX_PHOTO_UPLOAD_BYTES } from './spec.ts';
import { MAX_COMPRESSION_RATIO } from './batch.ts';

export interface EntryInfo {
  path: string;
  uncompressedSize: number;
  compressedSize: number;
  isDirectory: boolean;
}

export type Screening = { verdict: 'skip' } | { verdict: 'refuse'; reason: string } | { verdict: 'read' };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** True for a name that is absolute, has a drive letter, or climbs with `..`. */
export function isUnsafePath(path: string): boolean {
  const normal = path.replace(/\\/g, '/');
  return normal.startsWith('/') || /^[A-Za-z]:/.test(normal) || normal.split('/').includes('..') || /\p{Cc}/u.test(normal);
}

/** Folders, macOS resource forks (__MACOSX/) and hidden files (.DS_Store, ._photo.jpg). */
function isLitter(path: string): boolean {
  const normal = path.replace(/\\/g, '/');
  const name = normal.slice(normal.lastIndexOf('/') + 1);
  return normal.startsWith('__MACOSX/') || name.startsWith('.') || name === 'Thumbs.db';
}

export function screenEntry(entry: EntryInfo): Screening {
  if (entry.isDirectory || entry.path.endsWith('/') || isLitter(entry.path)) return { verdict: 'skip' };
  if (isUnsafePath(entry.path)) return { verdict: 'refuse', reason: '文件路径不安全 (绝对路径、盘符或含“..”)，未读取' };
  if (entry.uncompressedSize > Math.max(1, entry.compressedSize) * MAX_COMPRESSION_RATIO) {
    return { verdict: 'refuse', reason: `压缩比异常 (${kb(entry.compressedSize)} 解压后为 ${kb(entry.uncompressedSize)})，疑似压缩炸弹，未解压` };
  }
  if (entry.uncompressedSize > MAX_PHOTO_UPLOAD_BYTES) return { verdict: 'refuse', reason: `文件为 ${kb(entry.uncompressedSize)}，超过照片上传上限 ${MAX_PHOTO_UPLOAD_BYTES / 1024} KB，未解压` };
  if (entry.uncompressedSize === 0) return { verdict: 'refuse', reason: '文件是空的' };
  return { verdict: 'read' };
}

/**
 * An entry's name from its raw bytes: UTF-8 when the zip says so (or the bytes are valid UTF-8),
 * else GB18030, as the zip tools of Chinese Windows write names.
 */
export function decodeEntryName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
