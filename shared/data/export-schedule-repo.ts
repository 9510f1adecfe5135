// Export schedules (shared/domain/exports/schedule.ts) in the records table:
//   EXPORTSCHEDULE#<id> / SCHEDULE          the schedule
//   EXPORTSCHEDULES#<orgId> / <id>          its organisation's list
//   EXPORTSCHEDULES#DUE / <nextRunAt>#<id>  when it runs next: the scheduler reads what is due, oldest first
// A run moves the due entry on and notes itself on the schedule in the run's own transaction, under
// the time it was due, so two schedulers that see the same run start it once.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ExportSchedule, ScheduleRun } from '#shared/domain/exports/schedule.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { queryPage, type PageRequest } from './query-page.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);
const scheduleKey = (scheduleId: string) => ({ PK: `EXPORTSCHEDULE#${scheduleId}`, SK: 'SCHEDULE' });
const orgEntryKey = (orgId: string, scheduleId: string) => ({ PK: `EXPORTSCHEDULES#${orgId}`, SK: scheduleId });
const DUE_PARTITION = 'EXPORTSCHEDULES#DUE';
const dueKey = (nextRunAt: string, scheduleId: string) => ({ PK: DUE_PARTITION, SK: `${nextRunAt}#${scheduleId}` });

function toSchedule(item: Record<string, unknown>): ExportSchedule {
  const { PK: _pk, SK: _sk, itemType: _type, ...schedule } = item;
  return schedule as unknown as ExportSchedule;
}

export function scheduleCreateWrites(schedule: ExportSchedule): TransactItem[] {
  return [
    { Put: { TableName: table(), Item: { ...scheduleKey(schedule.scheduleId), itemType: 'exportSchedule', ...schedule }, ConditionExpression: 'attribute_not_exists(PK)' } },
    { Put: { TableName: table(), Item: { ...orgEntryKey(schedule.orgId, schedule.scheduleId), itemType: 'exportScheduleEntry', scheduleId: schedule.scheduleId } } },
    { Put: { TableName: table(), Item: { ...dueKey(schedule.nextRunAt, schedule.scheduleId), itemType: 'exportScheduleDue', scheduleId: schedule.scheduleId } } },
  ];
}

/** Takes the schedule away, only as it was read (a run in between moved its due entry). */
export function scheduleDeleteWrites(schedule: ExportSchedule): TransactItem[] {
  return [
    {
      Delete: {
        TableName: table(),
        Key: scheduleKey(schedule.scheduleId),
        ConditionExpression: '#next = :next',
        ExpressionAttributeNames: { '#next': 'nextRunAt' },
        ExpressionAttributeValues: { ':next': schedule.nextRunAt },
      },
    },
    { Delete: { TableName: table(), Key: orgEntryKey(schedule.orgId, schedule.scheduleId) } },
    { Delete: { TableName: table(), Key: dueKey(schedule.nextRunAt, schedule.scheduleId) } },
  ];
}

/**
 * A run of the schedule due at `schedule.nextRunAt`: the due entry moves to `nextRunAt`, the schedule
 * notes the run. Fails (ConditionalCheckFailed) when another run took this time first or the
 * schedule was deleted. Without `nextRunAt` (a run by hand) the schedule keeps its time.
 */
export function scheduleRunWrites(schedule: ExportSchedule, run: ScheduleRun, nextRunAt?: string): TransactItem[] {
  const moves = nextRunAt !== undefined && nextRunAt !== schedule.nextRunAt;
  return [
    {
      Update: {
        TableName: table(),
        Key: scheduleKey(schedule.scheduleId),
        UpdateExpression: 'SET #next = :to, #last = :run',
        ConditionExpression: '#next = :from',
        ExpressionAttributeNames: { '#next': 'nextRunAt', '#last': 'lastRun' },
        ExpressionAttributeValues: { ':from': schedule.nextRunAt, ':to': nextRunAt ?? schedule.nextRunAt, ':run': run },
      },
    },
    ...(moves
      ? [
          { Delete: { TableName: table(), Key: dueKey(schedule.nextRunAt, schedule.scheduleId) } },
          { Put: { TableName: table(), Item: { ...dueKey(nextRunAt, schedule.scheduleId), itemType: 'exportScheduleDue', scheduleId: schedule.scheduleId } } },
        ]
      : []),
  ];
}

export async function getSchedule(scheduleId: string): Promise<ExportSchedule | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: scheduleKey(scheduleId), ConsistentRead: true }));
  return Item ? toSchedule(Item) : undefined;
}

/** A page of an organisation's schedules, oldest first, read whole. */
export async function orgSchedules(orgId: string, page: PageRequest): Promise<{ items: ExportSchedule[]; nextCursor: string | null }> {
  const entries = await queryPage({ table: table(), partitionKey: 'PK', partition: `EXPORTSCHEDULES#${orgId}` }, page);
  const schedules = await Promise.all(entries.items.map((entry) => getSchedule(entry.SK as string)));
  return { items: schedules.filter((schedule): schedule is ExportSchedule => schedule !== undefined), nextCursor: entries.nextCursor };
}

/** The ids of schedules due at `now`, oldest first (at most `limit`). */
export async function dueScheduleIds(now: string, limit: number): Promise<string[]> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND SK <= :now',
      ExpressionAttributeValues: { ':pk': DUE_PARTITION, ':now': `${now}#~` },
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).map((item) => item.scheduleId as string);
}
