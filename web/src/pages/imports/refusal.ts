// Why the API would not create, check or run an import, in words, with what to do next.
import { ApiClientError } from '../../api/client.ts';

export function importRefusal(error: unknown): string {
  if (!(error instanceof ApiClientError)) return '操作失败，请重试。';
  switch (error.code) {
    case 'IMPORT_NOT_UPLOADED':
      return `${error.message}。如上传中断了，请回到批量导入页面重新选择文件上传。`;
    case 'IMPORT_ALREADY_RUN':
      return `${error.message}。`;
    case 'IMPORT_RUNNING':
      return `${error.message}，本页会自动显示进度。`;
  }
  if (error.status === 403) return `${error.message}。只有本校的学籍管理员可以导入学生。`;
  if (error.fields.length > 0) return error.fields.map((field) => field.message).join('；');
  return error.message;
}
