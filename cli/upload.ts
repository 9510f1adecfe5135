// Creates the import and sends the file straight to storage with the presigned POST it answers:
// the form's fields in their order, the file last as `file`. The file goes as a Blob backed by the
// file on disk, so even a large one is not read into memory first.
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { refusal, send, type Api } from './api.ts';
import { CliError } from './exit-codes.ts';

export type ImportFormat = 'xlsx' | 'csv';

const CONTENT_TYPE: Record<ImportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/** The format a file's extension names, as the API takes it. */
export function formatOf(path: string): ImportFormat {
  const extension = /\.([^.]+)$/.exec(path)?.[1]?.toLowerCase();
  if (extension === 'xlsx' || extension === 'csv') return extension;
  throw new CliError(`只能导入 .xlsx 或 .csv 文件：${basename(path)}`);
}

interface CreatedImport {
  importId: string;
  upload: { url: string; fields: Record<string, string> };
}

/** The new import's id, once its file has landed. */
export async function uploadFile(api: Api, schoolId: string, path: string): Promise<string> {
  const format = formatOf(path);
  const size = await stat(path).then(
    (info) => info.size,
    (error: NodeJS.ErrnoException) => {
      throw new CliError(`无法读取文件 ${path}：${error.code ?? error.message}`);
    },
  );
  const created = await api.call<CreatedImport>('POST', '/v1/imports', { schoolId, fileName: basename(path), format, size });
  const form = new FormData();
  for (const [field, value] of Object.entries(created.upload.fields)) form.append(field, value);
  form.append('file', await openAsBlob(path, { type: CONTENT_TYPE[format] }), basename(path));
  const sent = await send(created.upload.url, { method: 'POST', body: form });
  if (!sent.ok) throw new CliError(`上传失败：${refusal('上传', sent.status, await sent.text())}`);
  return created.importId;
}
