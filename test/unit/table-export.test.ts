// The scheduled table export (functions/table-export), with the DynamoDB client mocked: DynamoDB
// Local does not implement ExportTableToPointInTime, and the function is cloud only, so this is the
// one place it runs before a deployment. One export per table granted `export` (found by its ARN
// variable), into the backups bucket under the retention's prefix and China's date, with a client
// token that makes a retried run start nothing twice.
import { DynamoDBClient, ExportTableToPointInTimeCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chinaDate, exportPrefix } from '#shared/domain/backups/table-exports.ts';
import { handler } from '#functions/table-export/index.ts';

const ARNS = {
  TABLE_DIRECTORY_ARN: 'arn:aws-cn:dynamodb:cn-northwest-1:123456789012:table/Xueji-prod-Directory',
  TABLE_RECORDS_ARN: 'arn:aws-cn:dynamodb:cn-northwest-1:123456789012:table/Xueji-prod-Records',
};

/** Answers each export request from its input, as the client's `send` would. */
function answering(answer: (input: ExportTableToPointInTimeCommand['input']) => unknown): (command: ExportTableToPointInTimeCommand) => Promise<unknown> {
  return (command) => {
    try {
      return Promise.resolve(answer(command.input));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
}

describe('the table export', () => {
  const send = vi.fn<(command: ExportTableToPointInTimeCommand) => Promise<unknown>>();
  beforeEach(() => {
    vi.stubEnv('BUCKET_BACKUPS', 'xueji-prod-backups');
    for (const [name, arn] of Object.entries(ARNS)) vi.stubEnv(name, arn);
    // A table only read or written has its name, not its ARN: it is not exported.
    vi.stubEnv('TABLE_THROTTLE', 'Xueji-prod-Throttle');
    send.mockReset();
    send.mockImplementation(answering((input) => ({ ExportDescription: { ExportArn: `${input.TableArn}/export/0001`, ExportStatus: 'IN_PROGRESS' } })));
    vi.spyOn(DynamoDBClient.prototype, 'send').mockImplementation(send as never);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('starts a full export of each exported table into the backups bucket, under the retention and China’s date', async () => {
    // 20:00 UTC on 31 May is 04:00 on 1 June in China.
    vi.useFakeTimers({ now: new Date('2026-05-31T20:00:00Z'), toFake: ['Date'] });
    const result = await handler({ retention: 'monthly' });
    const inputs = send.mock.calls.map(([command]) => command.input);
    expect(send.mock.calls.every(([command]) => command instanceof ExportTableToPointInTimeCommand)).toBe(true);
    expect(inputs.sort((a, b) => String(a.TableArn).localeCompare(String(b.TableArn)))).toEqual([
      { TableArn: ARNS.TABLE_DIRECTORY_ARN, S3Bucket: 'xueji-prod-backups', S3Prefix: 'exports/monthly/2026-06-01/directory/', ExportFormat: 'DYNAMODB_JSON', ExportType: 'FULL_EXPORT', ClientToken: 'monthly-2026-06-01-directory' },
      { TableArn: ARNS.TABLE_RECORDS_ARN, S3Bucket: 'xueji-prod-backups', S3Prefix: 'exports/monthly/2026-06-01/records/', ExportFormat: 'DYNAMODB_JSON', ExportType: 'FULL_EXPORT', ClientToken: 'monthly-2026-06-01-records' },
    ]);
    expect(result.retention).toBe('monthly');
    expect(result.exports.map((e) => e.exportArn).sort()).toEqual([`${ARNS.TABLE_DIRECTORY_ARN}/export/0001`, `${ARNS.TABLE_RECORDS_ARN}/export/0001`]);
  });

  it('is daily when the input names no known retention, and a retried run sends the same client tokens', async () => {
    await handler({});
    await handler({ retention: 'hourly' });
    const tokens = send.mock.calls.map(([command]) => command.input.ClientToken);
    const today = chinaDate(new Date());
    expect(tokens.sort()).toEqual([`daily-${today}-directory`, `daily-${today}-directory`, `daily-${today}-records`, `daily-${today}-records`]);
  });

  it('fails the run (so the schedule retries) when an export is refused, after starting the others', async () => {
    send.mockImplementation(
      answering((input) => {
        if (input.TableArn === ARNS.TABLE_RECORDS_ARN) throw Object.assign(new Error('Point in time recovery is not enabled'), { name: 'PointInTimeRecoveryUnavailableException' });
        return { ExportDescription: { ExportArn: `${input.TableArn}/export/0002` } };
      }),
    );
    await expect(handler({ retention: 'daily' })).rejects.toThrow(/exports not started: records/);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('refuses to run without the bucket or without a table to export', async () => {
    vi.stubEnv('BUCKET_BACKUPS', '');
    await expect(handler({})).rejects.toThrow(/BUCKET_BACKUPS/);
    vi.stubEnv('BUCKET_BACKUPS', 'xueji-prod-backups');
    for (const name of Object.keys(ARNS)) vi.stubEnv(name, '');
    await expect(handler({})).rejects.toThrow(/no table to export/);
    expect(send).not.toHaveBeenCalled();
  });

  it('names prefixes by retention, date and table', () => {
    expect(exportPrefix('daily', '2026-09-01', 'records')).toBe('exports/daily/2026-09-01/records/');
    expect(chinaDate(new Date('2026-08-31T16:00:00Z'))).toBe('2026-09-01');
    expect(chinaDate(new Date('2026-08-31T15:59:59Z'))).toBe('2026-08-31');
  });
});
