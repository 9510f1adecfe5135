// Data access for organisations and users (the directory table).
// Items: ORG#<id>/META (children via GSI1 CHILDREN#<parentId>), USER#<subject>/META,
// and DEVUSERS/<username> for the local demo login.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DIRECTORY_TABLE } from '#shared/manifest/resources.ts';
import type { Org, OrgKind } from '#shared/domain/org.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { Role } from '#shared/domain/roles.ts';
import { dynamo } from './dynamo-client.ts';
import { queryPage, type PageRequest } from './query-page.ts';
import { tableName } from './resource-names.ts';
import { TtlCache } from './ttl-cache.ts';

// Staleness accepted per container: organisations change only by a year-end promotion's renames,
// which other containers show up to 5 minutes late; an account's role or scope change applies
// within 30 s.
const orgs = new TtlCache<Org>(5 * 60_000);
const principals = new TtlCache<Principal>(30_000);

export interface DevUser {
  username: string;
  subject: string;
  role: Role;
  orgId: string;
  displayName: string;
}

export const orgKey = (orgId: string) => ({ PK: `ORG#${orgId}`, SK: 'META' });
export const userKey = (subject: string) => ({ PK: `USER#${subject}`, SK: 'META' });
export const devUserKey = (username: string) => ({ PK: 'DEVUSERS', SK: username });
export const childrenPartition = (parentId: string) => `CHILDREN#${parentId}`;
export const usernameKey = (username: string) => ({ PK: `USERNAME#${username}`, SK: 'UNIQUE' });
export const orgUsersPartition = (orgId: string) => `ORGUSERS#${orgId}`;

export function orgItem(org: Org): Record<string, unknown> {
  return {
    ...orgKey(org.orgId),
    GSI1PK: childrenPartition(org.parentId ?? 'ROOT'),
    GSI1SK: `${org.code}#${org.orgId}`,
    itemType: 'org',
    ...org,
  };
}

export function userItem(principal: Principal): Record<string, unknown> {
  return {
    ...userKey(principal.userId),
    GSI1PK: orgUsersPartition(principal.orgId),
    GSI1SK: `USER#${principal.username}`,
    itemType: 'user',
    ...principal,
  };
}

function toOrg(item: Record<string, unknown>): Org {
  return {
    orgId: item.orgId as string,
    kind: item.kind as OrgKind,
    code: item.code as string,
    name: item.name as string,
    parentId: (item.parentId as string | null | undefined) ?? null,
    orgPath: item.orgPath as string,
  };
}

export function getOrg(orgId: string): Promise<Org | undefined> {
  return orgs.get(orgId, async () => {
    const { Item } = await dynamo.send(new GetCommand({ TableName: tableName(DIRECTORY_TABLE), Key: orgKey(orgId) }));
    return Item ? toOrg(Item) : undefined;
  });
}

/** An organisation as stored now (consistent read, no cache), with the job that last promoted it. */
export async function getOrgNow(orgId: string): Promise<(Org & { promotedBy?: string }) | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName(DIRECTORY_TABLE), Key: orgKey(orgId), ConsistentRead: true }));
  return Item ? { ...toOrg(Item), ...(typeof Item.promotedBy === 'string' ? { promotedBy: Item.promotedBy } : {}) } : undefined;
}

/** Drops an organisation this container renamed from its cache. */
export const forgetOrg = (orgId: string): void => orgs.forget(orgId);

/** Every child of an organisation (a school's grades, a grade's classes: tens at most), not from the cache. */
export async function allChildOrgs(parentId: string): Promise<Org[]> {
  const children: Org[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: tableName(DIRECTORY_TABLE), IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :p', ExpressionAttributeValues: { ':p': childrenPartition(parentId) }, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) children.push(toOrg(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return children;
}

export async function listChildOrgs(parentId: string, page: PageRequest): Promise<{ items: Org[]; nextCursor: string | null }> {
  const result = await queryPage({ table: tableName(DIRECTORY_TABLE), index: 'GSI1', partitionKey: 'GSI1PK', partition: childrenPartition(parentId) }, page);
  return { items: result.items.map(toOrg), nextCursor: result.nextCursor };
}

function toPrincipal(item: Record<string, unknown>): Principal {
  return {
    userId: item.userId as string,
    username: item.username as string,
    role: item.role as Role,
    orgId: item.orgId as string,
    orgPath: item.orgPath as string,
    displayName: item.displayName as string,
    ...(typeof item.studentId === 'string' ? { studentId: item.studentId } : {}),
    ...(Array.isArray(item.classIds) ? { classIds: item.classIds as string[] } : {}),
  };
}

export function getPrincipal(subject: string): Promise<Principal | undefined> {
  return principals.get(subject, async () => {
    const { Item } = await dynamo.send(new GetCommand({ TableName: tableName(DIRECTORY_TABLE), Key: userKey(subject) }));
    return Item ? toPrincipal(Item) : undefined;
  });
}

export async function listDevUsers(): Promise<DevUser[]> {
  const users: DevUser[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName(DIRECTORY_TABLE),
        KeyConditionExpression: 'PK = :p',
        ExpressionAttributeValues: { ':p': 'DEVUSERS' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) users.push(toDevUser(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return users;
}

export async function getDevUser(username: string): Promise<DevUser | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName(DIRECTORY_TABLE), Key: devUserKey(username) }));
  return Item ? toDevUser(Item) : undefined;
}

function toDevUser(item: Record<string, unknown>): DevUser {
  return {
    username: item.username as string,
    subject: item.subject as string,
    role: item.role as Role,
    orgId: item.orgId as string,
    displayName: item.displayName as string,
  };
}

export async function listOrgUsers(orgId: string, page: PageRequest): Promise<{ items: Principal[]; nextCursor: string | null }> {
  const result = await queryPage({ table: tableName(DIRECTORY_TABLE), index: 'GSI1', partitionKey: 'GSI1PK', partition: orgUsersPartition(orgId) }, page);
  return { items: result.items.map(toPrincipal), nextCursor: result.nextCursor };
}
