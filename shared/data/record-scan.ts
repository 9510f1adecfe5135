// The one Scan of the system. The problem-record scan (shared/services/problems/scan-worker.ts)
// reads every student record of the records table a page at a time, from where the last page
// ended, inside a job's chunk: never on a request path (test/unit/no-scan.test.ts holds it to
// that). It reads the table itself, not an index: records migrated from elsewhere may carry no
// index keys or lookup items, and the index projections lack the ID type.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';

/** What the rules need of a record, and where it sits. */
export interface ScannedRecord {
  studentId: string;
  name: string;
  gender: string;
  birthDate: string;
  idType: string;
  idNumber?: string;
  schoolId: string;
  countyId: string;
  orgPath: string;
  deleted: boolean;
}

const FIELDS = ['studentId', 'name', 'gender', 'birthDate', 'idType', 'idNumber', 'schoolId', 'countyId', 'orgPath', 'deleted'] as const;

/**
 * The student records among the next `limit` items of the table after `after` (a page may hold
 * none: the table keeps histories and lookup items too), and where the next page starts
 * (undefined at the end of the table).
 */
export async function scanRecords(after: Record<string, unknown> | undefined, limit: number): Promise<{ records: ScannedRecord[]; next: Record<string, unknown> | undefined }> {
  const page = await dynamo.send(
    new ScanCommand({
      TableName: tableName(RECORDS_TABLE),
      FilterExpression: '#type = :student',
      ProjectionExpression: FIELDS.map((_, index) => `#f${index}`).join(', '),
      ExpressionAttributeNames: { '#type': 'itemType', ...Object.fromEntries(FIELDS.map((field, index) => [`#f${index}`, field])) },
      ExpressionAttributeValues: { ':student': 'student' },
      Limit: limit,
      ExclusiveStartKey: after,
    }),
  );
  const records = (page.Items ?? []).map((item) => ({ ...(item as Omit<ScannedRecord, 'deleted'>), deleted: item.deleted !== undefined }));
  return { records, next: page.LastEvaluatedKey };
}
