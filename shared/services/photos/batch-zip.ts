// A batch's zip, copied to the function's disk and opened by its central directory (unzipper), so
// entries are read one at a time, in any order, and memory stays flat whatever the zip's size.
// Entries are only ever read into memory, never written to disk by their names. The copy goes
// when the step is done.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import unzipper, { type CentralDirectory, type File } from 'unzipper';
import { readObjectStream } from '#shared/data/object-store.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import { batchZipKey, MAX_BATCH_ENTRIES } from '#shared/domain/photos/batch.ts';
import { decodeEntryName, type EntryInfo } from '#shared/domain/photos/batch-entries.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { JobFailure } from '../jobs/run.ts';

export type ZipEntry = EntryInfo & { file: File };

/** Bit 11 of an entry's flags: its name is UTF-8. */
const UTF8_FLAG = 0x800;

export async function withBatchZip<T>(batchId: string, use: (entries: ZipEntry[]) => Promise<T>): Promise<T> {
  const source = await readObjectStream(bucketName(FILES_BUCKET), batchZipKey(batchId));
  if (!source) throw new JobFailure('照片压缩包不存在或已过期，请重新上传');
  const folder = await mkdtemp(join(tmpdir(), 'photo-batch-'));
  try {
    const path = join(folder, 'batch.zip');
    await pipeline(source, createWriteStream(path));
    let zip: CentralDirectory;
    try {
      zip = await unzipper.Open.file(path);
    } catch {
      throw new JobFailure('文件不是有效的 zip 压缩包');
    }
    if (zip.files.length > MAX_BATCH_ENTRIES) throw new JobFailure(`压缩包内有 ${zip.files.length} 个条目，超过 ${MAX_BATCH_ENTRIES} 个的上限，请按年级或班级分开上传`);
    return await use(
      zip.files.map((file) => ({
        path: decodeEntryName(file.pathBuffer, (file.flags & UTF8_FLAG) !== 0),
        uncompressedSize: file.uncompressedSize,
        compressedSize: file.compressedSize,
        isDirectory: file.type === 'Directory',
        file,
      })),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * An entry's bytes, at most `limit` of them: the directory's sizes are the sender's word, so the
 * inflation is stopped as soon as it passes the limit. A problem instead when it did, or when the
 * entry cannot be inflated (an unknown method, encrypted, truncated).
 */
export async function readEntry(entry: ZipEntry, limit: number): Promise<{ bytes: Buffer } | { problem: 'tooBig' | 'broken' }> {
  const stream = entry.file.stream() as Readable;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        stream.destroy();
        return { problem: 'tooBig' };
      }
      chunks.push(chunk);
    }
  } catch {
    return { problem: 'broken' };
  }
  return { bytes: Buffer.concat(chunks) };
}
