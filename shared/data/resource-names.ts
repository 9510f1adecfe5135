// Physical resource names, read from the environment the stacks (or the local runtime) set.
import { bucketEnv, tableEnv } from '#shared/manifest/env-names.ts';

function required(variable: string): string {
  const value = process.env[variable];
  if (!value) throw new Error(`Environment variable ${variable} is not set`);
  return value;
}

export const tableName = (table: string): string => required(tableEnv(table));
export const bucketName = (bucket: string): string => required(bucketEnv(bucket));
