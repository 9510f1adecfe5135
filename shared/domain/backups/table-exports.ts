// Where the tables' scheduled exports land in the backups bucket, and how long they are kept (the
// records-keeping rules: a full copy at least monthly, kept off-site). Pure.

export const EXPORT_RETENTIONS = ['daily', 'monthly'] as const;
export type ExportRetention = (typeof EXPORT_RETENTIONS)[number];

export const EXPORTS_PREFIX = 'exports/';
/** Daily exports cover what point-in-time recovery covers (35 days), as files a restore can read anywhere. */
export const DAILY_EXPORT_KEEP_DAYS = 35;
export const DAILY_EXPORTS_PREFIX = `${EXPORTS_PREFIX}daily/`;
/** Monthly exports expire never: deleting a year's records is the province's decision, not a lifecycle rule's. */
export const MONTHLY_EXPORTS_PREFIX = `${EXPORTS_PREFIX}monthly/`;

/** China's date (UTC+8) of `at`, as yyyy-mm-dd: the day an operator looks for. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** `exports/<retention>/<date>/<table>/`: DynamoDB adds `AWSDynamoDB/<export id>/` below it. */
export function exportPrefix(retention: ExportRetention, date: string, table: string): string {
  return `${retention === 'daily' ? DAILY_EXPORTS_PREFIX : MONTHLY_EXPORTS_PREFIX}${date}/${table}/`;
}
