// A file sent straight to storage through a presigned form the API answered (evidence, photos,
// imports, photo batches): the form's fields as given and in order, then the file as `file`, with
// XMLHttpRequest, whose upload events drive a progress bar; storage's refusals in words.

export interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

export class UploadFailed extends Error {}

/** Storage's refusal (S3's XML error), in words. */
function storageRefusal(status: number, body: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? '';
  if (code === 'EntityTooLarge' || code === 'EntityTooSmall') return '文件与申报的大小不符 (超过上限，或上传期间文件被修改了)，存储服务拒收。请重新选择文件上传。';
  if (code === 'AccessDenied' && /expired/i.test(message)) return '上传期限已过，请重新选择文件上传。';
  return `存储服务拒收了文件${code ? ` (${code})` : ` (${status})`}，请重新上传。`;
}

/** Sends the file; `onProgress` gets 0–100 as the bytes go out; an abort stops it. */
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
    xhr.ontimeout = () => reject(new UploadFailed('上传超时，请检查网络后重新上传。'));
    xhr.onabort = () => reject(new UploadFailed('上传已取消。'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
