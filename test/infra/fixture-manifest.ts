// A manifest that exercises every trigger kind and access mode the stacks support, independent of
// what the real app manifest happens to contain today. Entries point at a tiny existing handler.
import type { AppManifest } from '#shared/manifest/types.ts';

const ENTRY = 'functions/system/index.ts';

export const fixtureManifest: AppManifest = {
  tables: [
    {
      name: 'ledger',
      partitionKey: { name: 'PK', type: 'S' },
      sortKey: { name: 'SK', type: 'S' },
      indexes: [{ name: 'ByDay', partitionKey: { name: 'day', type: 'S' }, sortKey: { name: 'at', type: 'N' } }],
      ttlAttribute: 'expiresAt',
      stream: true,
    },
    { name: 'audit-log', partitionKey: { name: 'id', type: 'S' }, indexes: [] },
  ],
  buckets: [
    { name: 'imports', browserUploads: true, expiringPrefixes: [{ prefix: 'tmp/', days: 3 }] },
    { name: 'exports', browserUploads: false },
  ],
  queues: [
    { name: 'work', fifo: false, visibilityTimeoutSeconds: 90, maxReceiveCount: 4 },
    { name: 'steps', fifo: true, visibilityTimeoutSeconds: 60, maxReceiveCount: 3 },
  ],
  functions: [
    {
      id: 'Consumer',
      entry: ENTRY,
      description: 'Consumes work in batches',
      triggers: [{ kind: 'queue', queue: 'work', batchSize: 10, maxBatchingWindowSeconds: 5 }],
      tables: { ledger: 'readwrite' },
      queues: { work: 'consume', steps: 'send' },
      timeoutSeconds: 60,
      memoryMb: 1024,
    },
    {
      id: 'StepRunner',
      entry: ENTRY,
      description: 'Runs one workflow step at a time',
      triggers: [{ kind: 'queue', queue: 'steps', batchSize: 1 }],
      tables: { ledger: 'readwrite' },
      queues: { steps: 'consume' },
    },
    {
      id: 'Nightly',
      entry: ENTRY,
      description: 'Nightly export',
      triggers: [{ kind: 'schedule', cron: { minute: '30', hour: '18', weekDay: 'MON-FRI' } }],
      tables: { ledger: 'read' },
      buckets: { exports: 'readwrite' },
    },
    {
      id: 'ImportListener',
      entry: ENTRY,
      description: 'Validates uploaded import files',
      triggers: [{ kind: 'bucket', bucket: 'imports', prefix: 'incoming/' }],
      buckets: { imports: 'read' },
      tables: { 'audit-log': 'readwrite' },
    },
    {
      id: 'ReadLedger',
      entry: ENTRY,
      description: 'Reads one ledger entry',
      triggers: [{ kind: 'http', method: 'GET', route: '/v1/ledger/{id}', auth: 'jwt' }],
      tables: { ledger: 'read' },
    },
    {
      id: 'Ping',
      entry: ENTRY,
      description: 'Public liveness',
      triggers: [{ kind: 'http', method: 'GET', route: '/v1/ping', auth: 'none' }],
    },
    {
      id: 'LocalOnlyLogin',
      entry: ENTRY,
      description: 'Never deployed',
      triggers: [{ kind: 'http', method: 'POST', route: '/v1/dev/login', auth: 'none' }],
      tables: { 'audit-log': 'readwrite' },
      localOnly: true,
    },
  ],
};
