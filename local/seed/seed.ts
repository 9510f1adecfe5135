// Writes the demo directory once: a marker item records that seeding finished, so a restart
// keeps (and does not duplicate) the data, and a crash mid-seed simply seeds again.
import { BatchWriteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DIRECTORY_TABLE } from '#shared/manifest/app-manifest.ts';
import { devUserKey, orgItem, userItem } from '#shared/data/directory-repo.ts';
import { demoDirectory } from './demo-directory.ts';

const MARKER = { PK: 'META', SK: 'SEED#directory' };

async function batchPut(client: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    let pending = { [table]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) };
    while (Object.keys(pending).length > 0) {
      const result = await client.send(new BatchWriteCommand({ RequestItems: pending }));
      pending = (result.UnprocessedItems ?? {}) as typeof pending;
    }
  }
}

export async function seedDemoData(client: DynamoDBDocumentClient): Promise<{ seeded: boolean; orgs: number; users: number }> {
  const table = DIRECTORY_TABLE;
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: MARKER }));
  const directory = demoDirectory();
  if (Item) return { seeded: false, orgs: directory.orgs.length, users: directory.users.length };
  await batchPut(client, table, [
    ...directory.orgs.map(orgItem),
    ...directory.users.map(({ subject: _subject, ...principal }) => userItem(principal)),
    ...directory.users.map((user) => ({
      ...devUserKey(user.username),
      itemType: 'devUser',
      username: user.username,
      subject: user.subject,
      role: user.role,
      orgId: user.orgId,
      displayName: user.displayName,
    })),
  ]);
  await client.send(new PutCommand({ TableName: table, Item: { ...MARKER, at: new Date().toISOString() } }));
  return { seeded: true, orgs: directory.orgs.length, users: directory.users.length };
}
