// A school's 学信网 registration settings (学信网注册设置), one item in the records table beside
// the records they describe: CHSIREG#<schoolId> / SETTINGS. Read consistently and not cached: a
// registrar who just corrected a major code exports next, and exports are few.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { RegistrationSettings } from '#shared/domain/exports/chsi-settings.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);
export const registrationKey = (schoolId: string) => ({ PK: `CHSIREG#${schoolId}`, SK: 'SETTINGS' });

export interface StoredRegistration extends RegistrationSettings {
  updatedAt: string;
  updatedBy: string;
}

export async function getRegistration(schoolId: string): Promise<StoredRegistration | null> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: registrationKey(schoolId), ConsistentRead: true }));
  if (!Item) return null;
  const { PK: _pk, SK: _sk, itemType: _type, ...settings } = Item;
  return settings as StoredRegistration;
}

/** The settings item as stored (for the write committed with its audit entry, and for the demo seed). */
export function registrationItem(schoolId: string, settings: StoredRegistration): Record<string, unknown> {
  return { ...registrationKey(schoolId), itemType: 'chsiRegistration', ...settings };
}

export function registrationWrite(schoolId: string, settings: StoredRegistration): TransactItem {
  return { Put: { TableName: table(), Item: registrationItem(schoolId, settings) } };
}
