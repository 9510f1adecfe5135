// An import file on its way up: what the browser can tell before sending (xlsx or csv by its name,
// not empty, not over the limit), then the file straight to storage through the presigned form the
// API answered, with XMLHttpRequest, whose upload events drive the progress bar.
import type { createImportRoute } from '#shared/api/imports.ts';
import { MAX_IMPORT_BYTES, type ImportFormat } from '#shared/domain/imports/import.ts';
import type { ResponseOf } from '../../api/client.ts';

type UploadForm = ResponseOf<typeof createImportRoute>['upload'];

export const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
export const MAX_MB = MAX_IMPORT_BYTES / 1024 / 1024;

/** 2.4 MB, 12.4 KB, 836 B. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The format by the file's extension (browsers name CSV variously: text/csv, application/vnd.ms-excel, none). */
export function checkImportFile(file: { name: string; size: number }): { format: ImportFormat } | { problem: string } {
  const extension = file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase();
  if (extension === 'xls') return { problem: `“${file.name}”是旧版 Excel (.xls) 文件。请在 Excel 中“另存为” Excel 工作簿 (.xlsx) 后再上传。` };
  if (extension !== 'xlsx' && extension !== 'csv') return { problem: `“${file.name}”不是 Excel (.xlsx) 或 CSV 文件，不能导入。请使用导入模板填写。` };
  if (file.size === 0) return { problem: `“${file.name}”是空文件。` };
  if (file.size > MAX_IMPORT_BYTES) return { problem: `“${file.name}”有 ${formatSize(file.size)}，超过 ${MAX_MB} MB 的上限。请分成几个文件导入。` };
  return { format: extension };
}

export class UploadFailed extends Error {}

/** Storage's refusal (S3's XML error), in words. */
function storageRefusal(status: number, body: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? '';
  if (code === 'EntityTooLarge' || code === 'EntityTooSmall') return '文件与申报的大小不符 (上传期间文件被修改了？)，存储服务拒收。请重新选择文件上传。';
  if (code === 'AccessDenied' && /expired/i.test(message)) return '上传期限 (15 分钟) 已过，请重新选择文件上传。';
  return `存储服务拒收了文件${code ? ` (${code})` : ` (${status})`}，请重新上传。`;
}

/** Sends the file as a browser form does: the presigned fields as given and in order, then the file as `file`; `onProgress` gets 0–100. */
export function sendFile(upload: UploadForm, file: Blob, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', upload.url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(99, Math.floor((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve();
      } else reject(new UploadFailed(storageRefusal(xhr.status, xhr.responseText)));
    };
    xhr.onerror = () => reject(new UploadFailed('网络连接中断，文件未上传完，请检查网络后重新上传。'));
    xhr.onabort = () => reject(new UploadFailed('上传已取消。'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
