// How many records (not deleted) a class, school or county list holds: a COUNT query on the list's
// own index partition, paged through. Counting reads the small index entries (a few hundred bytes
// each), never the records; results are cached per container for a minute, since the org tree
// shows them on every page. (Statistics kept up to date from the records' stream replace this
// when the statistics work lands; at the size of a county it is a few index pages.)
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';
import { TtlCache } from './ttl-cache.ts';

export type CountedList = { kind: 'class' | 'school' | 'county'; id: string };

const INDEX: Record<CountedList['kind'], { index: string; prefix: string }> = {
  class: { index: 'GSI1', prefix: 'CLASS#' },
  school: { index: 'GSI2', prefix: 'SCHOOL#' },
  county: { index: 'GSI3', prefix: 'COUNTY#' },
};

const counts = new TtlCache<number>(60_000);

export function countStudents(list: CountedList): Promise<number> {
  return counts.get(`${list.kind}#${list.id}`, async () => {
    const { index, prefix } = INDEX[list.kind];
    let total = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: tableName(RECORDS_TABLE),
          IndexName: index,
          KeyConditionExpression: '#pk = :pk',
          FilterExpression: 'attribute_not_exists(#deleted)',
          ExpressionAttributeNames: { '#pk': `${index}PK`, '#deleted': 'deleted' },
          ExpressionAttributeValues: { ':pk': `${prefix}${list.id}` },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      total += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return total;
  }) as Promise<number>;
}
