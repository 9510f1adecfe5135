// How many students on roll (在籍: enrolled or on leave, not deleted) a class, school or county
// list holds; graduates and those who left stay in the list but are not counted. A COUNT query on the list's
// own index partition, paged through. Counting reads the small index entries (a few hundred bytes
// each), never the records. A class (and so a grade, the sum of its classes) is counted when asked:
// a page or two, and a registrar who has just graduated a grade sees it empty at once. A school's
// and a county's counts, thousands of entries shown on every page of the org tree, are cached per
// container for ten seconds (a burst of browsing reads each once). (Statistics kept up to date
// from the records' stream replace this when the statistics work lands.)
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_LISTED_STATUSES } from '#shared/domain/changes/kinds.ts';
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

const ON_ROLL = DEFAULT_LISTED_STATUSES;
const counts = new TtlCache<number>(10_000);

export function countStudents(list: CountedList): Promise<number> {
  if (list.kind === 'class') return count(list);
  return counts.get(`${list.kind}#${list.id}`, () => count(list)) as Promise<number>;
}

async function count(list: CountedList): Promise<number> {
  const { index, prefix } = INDEX[list.kind];
  let total = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName(RECORDS_TABLE),
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        // A record written before statuses existed has none: it is enrolled.
        FilterExpression: `attribute_not_exists(#deleted) AND (attribute_not_exists(#status) OR #status IN (${ON_ROLL.map((_, index) => `:st${index}`).join(', ')}))`,
        ExpressionAttributeNames: { '#pk': `${index}PK`, '#deleted': 'deleted', '#status': 'status' },
        ExpressionAttributeValues: { ':pk': `${prefix}${list.id}`, ...Object.fromEntries(ON_ROLL.map((status, index) => [`:st${index}`, status])) },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    total += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return total;
}
