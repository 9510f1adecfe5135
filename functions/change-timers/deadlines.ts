// Once a day, after midnight in China: the tasks whose due day has just passed are flagged
// overdue, on the task and on the case's step. The inbox computes the flag itself too, so a missed
// run only delays the stored flag; each run covers every day since the last one it finished.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { markOverdue, tasksDueOn } from '#shared/data/change-repo.ts';
import { dynamo } from '#shared/data/dynamo-client.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { chinaDate } from '#shared/domain/changes/working-days.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back a first run (or one after a long outage) looks. */
const MAX_DAYS_BACK = 60;
const progressKey = { PK: 'DEADLINES', SK: 'LAST_DAY' };

export async function markOverdueSteps(now = new Date()): Promise<number> {
  const table = tableName(RECORDS_TABLE);
  const yesterday = chinaDate(new Date(now.getTime() - DAY_MS));
  const { Item } = await dynamo.send(new GetCommand({ TableName: table, Key: progressKey, ConsistentRead: true }));
  const floor = chinaDate(new Date(now.getTime() - MAX_DAYS_BACK * DAY_MS));
  let day = Item?.day && (Item.day as string) > floor ? nextDay(Item.day as string) : floor;
  let marked = 0;
  for (; day <= yesterday; day = nextDay(day)) {
    const due = await tasksDueOn(day);
    for (const task of due) await markOverdue(task);
    marked += due.length;
    await dynamo.send(new PutCommand({ TableName: table, Item: { ...progressKey, day } }));
  }
  return marked;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}
