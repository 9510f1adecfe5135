// The words and times of the 导出 page: formats as registrars name them, a job's state, instants in
// China time (whatever the browser's zone: a schedule's rule is China time too), and 定时规则 read
// aloud — the presets and the simple rules a registrar writes by hand (每天、每周几、每月几日).
import { KIND_ORGS, type ExportFormat, type OrgExportKind } from '#shared/domain/exports/kinds.ts';
import type { JobStatus } from '#shared/domain/jobs.ts';
import { ApiClientError } from '../../api/client.ts';
import { ORG_KIND_LABEL } from '../../labels.ts';

export const FORMAT_LABEL: Record<ExportFormat, string> = { xlsx: 'Excel', pdf: 'PDF', csv: 'CSV', zip: 'ZIP' };

export const STATUS_LABEL: Record<JobStatus, { label: string; color: string }> = {
  queued: { label: '排队', color: 'default' },
  running: { label: '进行中', color: 'processing' },
  succeeded: { label: '完成', color: 'success' },
  failed: { label: '失败', color: 'error' },
};

export const orgKindsText = (kind: OrgExportKind) => KIND_ORGS[kind].map((each) => ORG_KIND_LABEL[each]).join('、');

const CHINA = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `2025-09-01 07:00`, in China time. */
export function chinaTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = Object.fromEntries(CHINA.formatToParts(date).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

export const CRON_PRESETS = [
  { cron: '0 7 * * *', label: '每天 7:00' },
  { cron: '0 7 * * 1', label: '每周一 7:00' },
  { cron: '0 7 1 * *', label: '每月 1 日 7:00' },
] as const;

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六', '日'];
const number = (text: string, low: number, high: number) => (/^\d{1,2}$/.test(text) && Number(text) >= low && Number(text) <= high ? Number(text) : undefined);

/** A rule in words (`0 7 * * 1` → 每周一 7:00), or undefined when it is not one of the simple kinds. */
export function cronReading(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return undefined;
  const [minuteText, hourText, day, month, weekday] = fields as [string, string, string, string, string];
  const minute = number(minuteText, 0, 59);
  const hour = number(hourText, 0, 23);
  if (minute === undefined || hour === undefined || month !== '*') return undefined;
  const time = `${hour}:${String(minute).padStart(2, '0')}`;
  if (day === '*' && weekday === '*') return `每天 ${time}`;
  if (day === '*' && weekday === '1-5') return `每周一至周五 ${time}`;
  const dayOfWeek = number(weekday, 0, 7);
  if (day === '*' && dayOfWeek !== undefined) return `每周${WEEKDAY[dayOfWeek]} ${time}`;
  const dayOfMonth = number(day, 1, 31);
  if (dayOfMonth !== undefined && weekday === '*') return `每月 ${dayOfMonth} 日 ${time}`;
  return undefined;
}

/** A refusal in words: the API's own message (it is written for people), or what went wrong. */
export function refusalText(error: unknown): string {
  if (!(error instanceof ApiClientError)) return '操作失败，请重试';
  if (error.status === 403) return `无权操作：${error.message}`;
  return error.message;
}

