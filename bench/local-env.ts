// Points this process's AWS SDK at the bench stack's DynamoDB Local, so a bench's raw baseline
// writes the same table the handlers do. Import the feature's modules after calling it: their
// clients read the environment when they load.
import type { RunningStack } from '#local/child-stack.ts';
import { RECORDS_TABLE } from '#shared/manifest/app-manifest.ts';
import { tableEnv } from '#shared/manifest/env-names.ts';

export function useStackDynamo(stack: RunningStack): void {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
    [tableEnv(RECORDS_TABLE)]: RECORDS_TABLE,
  });
}
