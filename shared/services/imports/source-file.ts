// The uploaded file, copied to the function's disk before it is read: each read (the check, the
// report) then streams from a local file (an XLSX's parts are read in the order needed, through
// its zip directory), and memory stays flat whatever the file's size. The copy, and whatever the
// reader kept beside it, is removed afterwards.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { readObjectStream } from '#shared/data/object-store.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import { sourceKey } from '#shared/domain/imports/import.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { JobFailure } from '../jobs/run.ts';

export async function withSourceFile<T>(importId: string, use: (path: string) => Promise<T>): Promise<T> {
  const source = await readObjectStream(bucketName(FILES_BUCKET), sourceKey(importId));
  if (!source) throw new JobFailure('导入文件不存在或已过期，请重新上传');
  const folder = await mkdtemp(join(tmpdir(), 'import-'));
  try {
    const path = join(folder, 'source');
    await pipeline(source, createWriteStream(path));
    return await use(path);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
