// For suites that run a piece of the server in the test process (a runner, a schedule's job)
// against the stack's DynamoDB Local: the SDK environment and the tables' names, as a handler has
// them. Call it before importing that piece: its client reads the environment when it loads.
import { inject } from 'vitest';
import { tableEnv } from '#shared/manifest/env-names.ts';

export function useStackDynamo(tables: readonly string[], extra: Record<string, string> = {}): void {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: inject('stack').endpoints.dynamodb,
    ...Object.fromEntries(tables.map((table) => [tableEnv(table), table])),
    ...extra,
  });
}
