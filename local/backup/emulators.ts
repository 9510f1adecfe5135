// The data folder's emulators on their own, without the gateway, handlers or seeding: what the
// backup reads and the restore writes. DynamoDB Local is started first: it refuses a folder a
// running stack is using (its pid file), so a backup never reads data that is changing under it.
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startDynamoDbLocal } from '../emulators/dynamodb-local.ts';
import { startObjectAndQueueEmulator } from '../emulators/fauxqs.ts';
import { freePort } from '../free-port.ts';
import type { EmulatorClients } from '../provision.ts';

export interface OpenDataFolder extends EmulatorClients {
  stop(): Promise<void>;
}

const REGION = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function openDataFolder(dataDir: string): Promise<OpenDataFolder> {
  const folder = resolve(dataDir);
  const dynamoDb = await startDynamoDbLocal({ port: await freePort(), dataDir: join(folder, 'dynamodb') });
  try {
    const emulator = await startObjectAndQueueEmulator({ port: await freePort(), dataDir: join(folder, 'fauxqs'), region: REGION });
    return {
      dynamodb: new DynamoDBClient({ region: REGION, endpoint: dynamoDb.endpoint, credentials }),
      // As the runtime's own client: without WHEN_REQUIRED, streamed bodies are stored corrupted.
      s3: new S3Client({ region: REGION, endpoint: emulator.address, credentials, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }),
      sqs: new SQSClient({ region: REGION, endpoint: emulator.address, credentials }),
      sqsAddress: emulator.address,
      async stop() {
        await emulator.stop();
        await dynamoDb.stop();
      },
    };
  } catch (error) {
    await dynamoDb.stop();
    throw error;
  }
}
