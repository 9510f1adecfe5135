// The embedded local stack: emulators, resources from the manifest, demo data, the HTTP gateway,
// queue pollers, S3 notifications and schedules, all wired from the app manifest.
import { readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import type { AppManifest } from '#shared/manifest/types.ts';
import { tableEnv } from '#shared/manifest/env-names.ts';
import { loadOrCreateLocalKey } from '#shared/auth/local-issuer.ts';
import { ensureLocalExchangeKeys } from '#shared/services/exchange/local-keys.ts';
import { startDynamoDbLocal } from './emulators/dynamodb-local.ts';
import { startObjectAndQueueEmulator } from './emulators/fauxqs.ts';
import { startS3Front } from './emulators/s3-front.ts';
import { freePort } from './free-port.ts';
import { LocalFunctions } from './functions.ts';
import { createGateway } from './gateway.ts';
import { installGrantGuard } from './grant-guard.ts';
import { buildRoutes, type HttpRoute } from './http-routes.ts';
import { provision } from './provision.ts';
import { startQueuePoller } from './queue-pollers.ts';
import { startStreamPoller } from './stream-pollers.ts';
import { startBucketEvents } from './bucket-events.ts';
import { startSchedules } from './scheduler.ts';
import { printSeedProgress, seedDemoData, type SeedResult } from './seed/seed.ts';
import { DEMO_STUDENT_COUNT } from './seed/demo-students.ts';
import { localRoutes } from './local-routes.ts';
import { oidcIssuerEnv, type OidcIssuerSettings } from './oidc-issuer.ts';
import { loadOrCreateSecret } from './secrets.ts';
import { serveWebApp, webSecurityHeaders } from './web-app.ts';

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../..');

export interface LocalRuntimeOptions {
  port: number;
  dataDir: string;
  reset?: boolean;
  manifest?: AppManifest;
  seed?: boolean;
  /** How many demo students to seed on a first start (default 2,000). */
  seedStudents?: number;
  region?: string;
  /** Sign users in with this OpenID Connect issuer, as deployed, instead of the demo users. */
  oidc?: OidcIssuerSettings;
}

export interface LocalRuntime {
  url: string;
  /** Where the emulators listen, for tools and tests that talk to them directly. */
  endpoints: { dynamodb: string; s3: string; sqs: string };
  routes: HttpRoute[];
  seeded: SeedResult | undefined;
  stop(): Promise<void>;
}

const LOCAL_AUDIENCE = 'xueji-local';
const LOCAL_ISSUER = 'urn:xueji:local-issuer';
/** The demo data's province (广东省). */
const LOCAL_PROVINCE = '440000';
/** The peer provinces of the local stack, in its data folder (docs/api-guide.md, the exchange section). */
export const EXCHANGE_PEERS_FILE = 'exchange-peers.json';

/** Cloud-only functions (table exports) do what the emulators cannot: never loaded, routed or scheduled here. */
function withoutCloudOnly(manifest: AppManifest): AppManifest {
  return { ...manifest, functions: manifest.functions.filter((fn) => !fn.cloudOnly) };
}

/**
 * The exchange between deployments (跨省转学): the demo province unless PROVINCE_CODE says
 * otherwise, its signing and encryption keys in the data folder (created on the first start, like
 * the token issuer's), and its peers from EXCHANGE_PEERS when set, else from
 * `<dataDir>/exchange-peers.json`, read again whenever it changes (no file: no peers).
 */
async function exchangeEnv(dataDir: string): Promise<Record<string, string>> {
  const { signingFile, encryptionFile } = await ensureLocalExchangeKeys(join(dataDir, 'keys'));
  return {
    PROVINCE_CODE: process.env.PROVINCE_CODE ?? LOCAL_PROVINCE,
    EXCHANGE_SIGNING_KEY_FILE: signingFile,
    EXCHANGE_ENCRYPTION_KEY_FILE: encryptionFile,
    EXCHANGE_PEERS_FILE: join(dataDir, EXCHANGE_PEERS_FILE),
  };
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const manifest = withoutCloudOnly(options.manifest ?? appManifest);
  const region = options.region ?? 'us-east-1';
  const dataDir = resolve(options.dataDir);
  if (options.reset) rmSync(dataDir, { recursive: true, force: true });

  // Before anything starts: an issuer that cannot be reached fails the start at once.
  const issuerEnv = options.oidc ? await oidcIssuerEnv(options.oidc) : undefined;
  const port = options.port === 0 ? await freePort() : options.port;
  const url = `http://127.0.0.1:${port}`;
  const dynamoDb = await startDynamoDbLocal({ port: Number(process.env.DYNAMODB_PORT) || (await freePort()), dataDir: join(dataDir, 'dynamodb') });
  const emulator = await startObjectAndQueueEmulator({ port: await freePort(), dataDir: join(dataDir, 'fauxqs'), region });
  // S3 as handlers and browsers reach it: the emulator behind the checks S3 makes and it does not
  // (upload policies, presigned links, CORS).
  const s3Front = await startS3Front({ target: emulator.address, port: await freePort(), credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, browserBuckets: manifest.buckets.filter((bucket) => bucket.browserUploads).map((bucket) => bucket.name) });
  const stopEmulators = async () => {
    await s3Front.stop();
    await emulator.stop();
    await dynamoDb.stop();
  };

  try {
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const keyFile = join(dataDir, 'keys', 'local-issuer.json');
    const { publicJwk } = await loadOrCreateLocalKey(keyFile);
    const authEnv = issuerEnv ?? {
      AUTH_MODE: 'local',
      LOCAL_SIGNING_KEY_FILE: keyFile,
      // Stable across ports, so tokens stay valid after a restart on another port.
      AUTH_ISSUER: LOCAL_ISSUER,
      AUTH_AUDIENCE: LOCAL_AUDIENCE,
      AUTH_JWKS_URL: `${url}/local/jwks.json`,
    };
    Object.assign(process.env, {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
      AWS_ENDPOINT_URL_S3: s3Front.address,
      AWS_ENDPOINT_URL_SQS: emulator.address,
      S3_FORCE_PATH_STYLE: 'true',
      LOCAL_MODE: 'true',
      ...authEnv,
      APP_VERSION: version,
      SERVICE_NAME: 'xueji',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
      PROVINCE_FIELDS: process.env.PROVINCE_FIELDS ?? readFileSync(join(REPO_ROOT, 'local/province-fields.json'), 'utf8'),
      CURSOR_KEY: loadOrCreateSecret(join(dataDir, 'keys', 'cursor.key')),
      ...(await exchangeEnv(dataDir)),
    });

    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    const clients = {
      dynamodb: new DynamoDBClient({ region, endpoint: dynamoDb.endpoint, credentials }),
      s3: new S3Client({ region, endpoint: emulator.address, credentials, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }),
      sqs: new SQSClient({ region, endpoint: emulator.address, credentials }),
      sqsAddress: emulator.address,
    };
    const provisioned = await provision(manifest, clients);
    Object.assign(process.env, provisioned.env);

    const seeded = options.seed === false ? undefined : await seedDemoData(DynamoDBDocumentClient.from(clients.dynamodb, { marshallOptions: { removeUndefinedValues: true } }), { students: options.seedStudents ?? DEMO_STUDENT_COUNT, onProgress: printSeedProgress() });
    await installGrantGuard();

    const functions = new LocalFunctions(REPO_ROOT, region);
    await functions.preload(manifest.functions);
    const { verifyBearer } = await import('#shared/auth/verify-token.ts');
    const routes = buildRoutes(manifest.functions);
    const webHeaders = webSecurityHeaders(options.oidc?.issuer, s3Front.address);
    const local = localRoutes({ publicJwk, functions: manifest.functions, local: functions, region });
    const server: Server = createGateway({
      routes,
      defaultRoute: manifest.functions.find((fn) => fn.triggers.some((trigger) => trigger.kind === 'http-default')),
      corsOrigins: [url],
      functions,
      region,
      verify: (authorization) => verifyBearer(authorization),
      extra: async (request, response) => (await local(request, response)) || serveWebApp(request, response, webHeaders),
    });

    const pollers = manifest.functions.flatMap((fn) =>
      fn.triggers.flatMap((trigger) => {
        if (trigger.kind !== 'queue') return [];
        const queue = provisioned.queues.get(trigger.queue);
        if (!queue) throw new Error(`${fn.id} consumes unknown queue ${trigger.queue}`);
        return Array.from({ length: trigger.maxConcurrency ?? 1 }, () => startQueuePoller({ fn, queue, batchSize: trigger.batchSize, sqs: clients.sqs, functions, region }));
      }),
    );
    const streamPollers = manifest.functions.flatMap((fn) =>
      fn.triggers.flatMap((trigger) => {
        if (trigger.kind !== 'tableStream') return [];
        const table = provisioned.env[tableEnv(trigger.table)];
        if (!table) throw new Error(`${fn.id} reads the stream of unknown table ${trigger.table}`);
        return [startStreamPoller({ fn, trigger, table, endpoint: dynamoDb.endpoint, region, functions, checkpointFile: join(dataDir, 'streams', `${fn.id}.json`) })];
      }),
    );
    const bucketEvents = startBucketEvents({
      emulator,
      s3: clients.s3,
      functions,
      region,
      subscriptions: manifest.functions.flatMap((fn) =>
        fn.triggers.flatMap((trigger) => (trigger.kind === 'bucket' ? [{ fn, bucket: trigger.bucket, prefix: trigger.prefix }] : [])),
      ),
    });
    const schedules = startSchedules(manifest.functions, functions, region);

    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolveListen());
    });

    return {
      url,
      endpoints: { dynamodb: dynamoDb.endpoint, s3: s3Front.address, sqs: emulator.address },
      routes,
      seeded,
      async stop() {
        schedules.stop();
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeAllConnections();
        });
        await Promise.all([...pollers, ...streamPollers].map((poller) => poller.stop()));
        await bucketEvents.stop();
        await stopEmulators();
      },
    };
  } catch (error) {
    await stopEmulators();
    throw error;
  }
}
