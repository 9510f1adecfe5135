// Scheduled, cloud only: starts a full export of every table this function was granted `export`
// on (ExportTableToPointInTime, read from the table's point-in-time recovery, so the table's
// capacity is untouched) into the backups bucket, which the deployment may replicate to another
// region. DynamoDB runs the export itself; this only starts it. The input names the retention
// (daily or monthly, each under its own prefix with its own lifecycle). The client token makes a
// retried run (EventBridge retries twice) start nothing twice.
import { DynamoDBClient, ExportTableToPointInTimeCommand } from '@aws-sdk/client-dynamodb';
import { chinaDate, EXPORT_RETENTIONS, exportPrefix, type ExportRetention } from '#shared/domain/backups/table-exports.ts';
import { BACKUPS_BUCKET } from '#shared/manifest/resources.ts';
import { bucketEnv } from '#shared/manifest/env-names.ts';
import { logger } from '#shared/http/logger.ts';

const client = new DynamoDBClient({});
/** The ARN variables the stack sets for the tables granted `export` (shared/manifest/env-names.ts). */
const TABLE_ARN = /^TABLE_(.+)_ARN$/;

export interface TableExportResult {
  retention: ExportRetention;
  exports: { table: string; exportArn: string; prefix: string }[];
}

export const handler = async (event: { retention?: string }): Promise<TableExportResult> => {
  const retention = (EXPORT_RETENTIONS as readonly string[]).includes(event.retention ?? '') ? (event.retention as ExportRetention) : 'daily';
  const bucket = process.env[bucketEnv(BACKUPS_BUCKET)];
  if (!bucket) throw new Error(`${bucketEnv(BACKUPS_BUCKET)} is not set`);
  const tables = Object.entries(process.env).flatMap(([name, arn]) => {
    const match = TABLE_ARN.exec(name);
    return match && arn ? [{ table: match[1]!.toLowerCase(), arn }] : [];
  });
  if (tables.length === 0) throw new Error('no table to export: the function has no table granted `export`');
  const date = chinaDate(new Date());
  const started = await Promise.allSettled(
    tables.map(async ({ table, arn }) => {
      const prefix = exportPrefix(retention, date, table);
      const { ExportDescription } = await client.send(
        new ExportTableToPointInTimeCommand({
          TableArn: arn,
          S3Bucket: bucket,
          S3Prefix: prefix,
          ExportFormat: 'DYNAMODB_JSON',
          ExportType: 'FULL_EXPORT',
          ClientToken: `${retention}-${date}-${table}`,
        }),
      );
      return { table, exportArn: ExportDescription?.ExportArn ?? '', prefix };
    }),
  );
  const failed = started.flatMap((result, index) => (result.status === 'rejected' ? [{ table: tables[index]!.table, reason: result.reason as Error }] : []));
  for (const { table, reason } of failed) logger.error(`export of ${table} not started`, reason);
  // Thrown, so the schedule retries: the exports already started are not started again (client token).
  if (failed.length > 0) throw new Error(`exports not started: ${failed.map(({ table }) => table).join(', ')}`);
  const exports = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  logger.info('table exports started', { retention, exports: exports.map(({ table, exportArn }) => ({ table, exportArn })) });
  return { retention, exports };
};
