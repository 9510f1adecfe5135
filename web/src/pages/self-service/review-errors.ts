// Why a review did not go through, in words a registrar can act on.
import { ApiClientError } from '../../api/client.ts';
import { FIELD_LABELS } from '../../students/fields.ts';

export interface ReviewProblem {
  title: string;
  detail?: string;
  /** Fields changed on the record since the proposal (RECORD_CHANGED): the proposal is stale. */
  changedFields?: string[];
  /** The correction or record moved on: the list must be read again. */
  stale?: boolean;
}

export function explainReview(error: unknown): ReviewProblem {
  if (!(error instanceof ApiClientError)) return { title: '操作失败，请重试' };
  switch (error.code) {
    case 'RECORD_CHANGED': {
      const fields = error.fields.map((field) => field.path);
      return {
        title: `学生提交申请后，学籍档案的「${fields.map((field) => FIELD_LABELS[field] ?? field).join('、')}」已被修改`,
        detail: '现在通过会覆盖较新的修改。建议退回这条申请，请学生按现有记录重新核对后再提交。',
        changedFields: fields,
      };
    }
    case 'CORRECTION_CLOSED':
      return { title: '这条申请已被处理', detail: '可能已由其他管理员审核，列表已刷新。', stale: true };
    case 'STALE_VERSION':
      return { title: '学籍档案或这条申请刚被他人修改', detail: '列表已刷新，请查看最新情况后再审核。', stale: true };
    case 'RECORD_DELETED':
      return { title: '该学生的学籍已删除', detail: '已删除的学籍不能再修改，请退回这条申请。' };
    default:
      return { title: error.message };
  }
}
