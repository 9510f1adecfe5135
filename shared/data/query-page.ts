// One page of a Query on a single partition, with the API's opaque cursor in and out; or all of a small one.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './dynamo-client.ts';
import { decodeCursor, encodeCursor, keyAttributes } from './cursor.ts';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/**
 * What a cursor is bound to: the table or index, the partition it pages, and the sort-key prefix
 * it pages within (a key outside the prefix would make DynamoDB refuse the query, a 5xx).
 */
const cursorScope = (request: { table: string; index?: string; partition: string; sortPrefix?: { value: string } }) =>
  `${request.table}/${request.index ?? ''}/${request.partition}${request.sortPrefix ? `/${request.sortPrefix.value}` : ''}`;

export async function queryPage(
  request: { table: string; index?: string; partitionKey: string; partition: string; sortPrefix?: { key: string; value: string }; newestFirst?: boolean },
  page: PageRequest,
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const input: QueryCommandInput = {
    TableName: request.table,
    ...(request.index ? { IndexName: request.index } : {}),
    KeyConditionExpression: request.sortPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
    ExpressionAttributeNames: { '#pk': request.partitionKey, ...(request.sortPrefix ? { '#sk': request.sortPrefix.key } : {}) },
    ExpressionAttributeValues: { ':pk': request.partition, ...(request.sortPrefix ? { ':prefix': request.sortPrefix.value } : {}) },
    ScanIndexForward: !request.newestFirst,
    Limit: page.limit,
    ExclusiveStartKey: decodeCursor(page.cursor, cursorScope(request), keyAttributes(request.index)),
  };
  const result = await dynamo.send(new QueryCommand(input));
  return { items: result.Items ?? [], nextCursor: encodeCursor(result.LastEvaluatedKey, cursorScope(request)) };
}

/** Every item of a Query, page after page (for partitions known to be small: a class's sections, a student's grades). */
export async function queryAll(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
