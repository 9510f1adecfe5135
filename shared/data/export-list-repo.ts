// The export list (GET /v1/exports) in the records table: an entry per export job under the
// organisation it is of, written in the job's own transaction, newest first by the job's sortable id.
//   EXPORTS#<orgId> / <jobId>   kind, format, when, who asked (and the schedule, for a scheduled run)
// The job item stays the truth of how it went: a page of entries reads its jobs in one batch.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { ExportFormat, ExportKind } from '#shared/domain/exports/kinds.ts';
import type { Job, JobCreator } from '#shared/domain/jobs.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { jobKey } from './job-repo.ts';
import { queryPage, type PageRequest } from './query-page.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);
const listPartition = (orgId: string) => `EXPORTS#${orgId}`;

export interface ExportEntry {
  jobId: string;
  orgId: string;
  kind: ExportKind;
  format: ExportFormat;
  createdAt: string;
  createdBy: Pick<JobCreator, 'userId' | 'displayName' | 'orgPath'>;
  scheduleId?: string;
}

export function exportEntryPut(entry: ExportEntry): TransactItem {
  return { Put: { TableName: table(), Item: { PK: listPartition(entry.orgId), SK: entry.jobId, itemType: 'exportEntry', ...entry }, ConditionExpression: 'attribute_not_exists(PK)' } };
}

export async function exportEntries(orgId: string, page: PageRequest): Promise<{ items: ExportEntry[]; nextCursor: string | null }> {
  const result = await queryPage({ table: table(), partitionKey: 'PK', partition: listPartition(orgId), newestFirst: true }, page);
  return { items: result.items.map(({ PK: _pk, SK: _sk, itemType: _type, ...entry }) => entry as unknown as ExportEntry), nextCursor: result.nextCursor };
}

/** The jobs of some entries (at most 100), by id; one that is gone is left out. */
export async function jobsOf(jobIds: string[]): Promise<Map<string, Job>> {
  const jobs = new Map<string, Job>();
  let keys: Record<string, unknown>[] = jobIds.map(jobKey);
  for (let attempt = 0; keys.length > 0; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
    const { Responses, UnprocessedKeys } = await dynamo.send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: keys } } }));
    for (const item of Responses?.[table()] ?? []) {
      const { PK: _pk, SK: _sk, itemType: _type, ...job } = item;
      jobs.set(job.jobId as string, job as unknown as Job);
    }
    keys = (UnprocessedKeys?.[table()]?.Keys ?? []) as Record<string, unknown>[];
  }
  return jobs;
}
