// The app manifest: every function, its triggers and its grants, plus the data resources. The CDK
// stack and the local runtime are both built from it. An HTTP function serves one area: its entry
// (functions/<area>/index.ts) dispatches to one handler file per route, and its triggers list
// every route of the area, so API Gateway still knows each route and answers unknown ones itself.
// Adding an endpoint = one route line here + one handler file (+ its contract in shared/api).
import { CORRECTION_FIELDS, STUDENT_ROW_FIELDS } from '#shared/data/projections.ts';
import { INCOMING_PREFIX } from '#shared/domain/changes/evidence.ts';
import { INCOMING_PHOTO_PREFIX } from '#shared/domain/photos/keys.ts';
import { BATCH_KEEP_DAYS, PHOTO_BATCH_PREFIX } from '#shared/domain/photos/batch.ts';
import { JOB_MAX_RECEIVES } from '#shared/domain/jobs.ts';
import { EXPORT_KEEP_DAYS, EXPORT_PREFIX } from '#shared/domain/exports/kinds.ts';
import { PDF_FONT, PDF_FONT_LICENSE } from '#shared/services/exports/assets.ts';
import { IMPORT_KEEP_DAYS, IMPORT_PREFIX } from '#shared/domain/imports/import.ts';
import { COUNTED_ITEM_TYPES } from '#shared/domain/stats/contribution.ts';
import { DAILY_EXPORT_KEEP_DAYS, DAILY_EXPORTS_PREFIX } from '#shared/domain/backups/table-exports.ts';
import { EXCHANGE_MAX_RECEIVES } from '#shared/domain/exchange/delivery.ts';
import { BACKUPS_BUCKET, CHANGES_QUEUE, DIRECTORY_TABLE, EXCHANGE_QUEUE, EXPORTS_QUEUE, FILES_BUCKET, IMPORTS_QUEUE, JOBS_QUEUE, PHOTO_BATCHES_QUEUE, RECORDS_TABLE, THROTTLE_TABLE } from './resources.ts';
import type { AppManifest, DataAccess, FunctionDef, HttpMethod, IndexDef, QueueAccess, TableDef, Trigger } from './types.ts';

export { BACKUPS_BUCKET, CHANGES_QUEUE, DIRECTORY_TABLE, EXCHANGE_QUEUE, EXPORTS_QUEUE, FILES_BUCKET, IMPORTS_QUEUE, JOBS_QUEUE, PHOTO_BATCHES_QUEUE, RECORDS_TABLE, THROTTLE_TABLE } from './resources.ts';

const index = (name: string, include?: readonly string[]): IndexDef => ({
  name,
  partitionKey: { name: `${name}PK`, type: 'S' },
  sortKey: { name: `${name}SK`, type: 'S' },
  ...(include ? { include } : {}),
});

const keyedTable = (name: string, indexes: IndexDef[], extra: Partial<TableDef> = {}): TableDef => ({
  name,
  partitionKey: { name: 'PK', type: 'S' },
  sortKey: { name: 'SK', type: 'S' },
  indexes,
  ...extra,
});

type Route = [method: HttpMethod, path: string];

/** One area's function: its routes (all behind a token unless `auth: 'none'`) and its grants. */
function area(
  id: string,
  entry: string,
  description: string,
  routes: Route[],
  options: { auth?: 'jwt' | 'none'; tables?: Record<string, DataAccess>; buckets?: Record<string, DataAccess>; queues?: Record<string, QueueAccess>; extraTriggers?: Trigger[]; localOnly?: boolean } = {},
): FunctionDef {
  const auth = options.auth ?? 'jwt';
  return {
    id,
    entry,
    description,
    triggers: [...routes.map(([method, route]): Trigger => ({ kind: 'http', method, route, auth })), ...(options.extraTriggers ?? [])],
    // Every authenticated handler resolves its caller from the directory table.
    tables: { ...(auth === 'jwt' ? { [DIRECTORY_TABLE]: 'read' as const } : {}), ...options.tables },
    ...(options.buckets ? { buckets: options.buckets } : {}),
    ...(options.queues ? { queues: options.queues } : {}),
    ...(options.localOnly ? { localOnly: true } : {}),
  };
}

export const appManifest: AppManifest = {
  tables: [
    keyedTable(DIRECTORY_TABLE, [index('GSI1'), index('GSI2')]),
    keyedTable(
      RECORDS_TABLE,
      // Class rosters and the registrars' correction queues; school and county lists by name.
      [index('GSI1', [...STUDENT_ROW_FIELDS, ...CORRECTION_FIELDS.filter((field) => !(STUDENT_ROW_FIELDS as readonly string[]).includes(field))]), index('GSI2', STUDENT_ROW_FIELDS), index('GSI3', STUDENT_ROW_FIELDS)],
      { stream: true, ttlAttribute: 'expiresAt' },
    ),
    { name: THROTTLE_TABLE, partitionKey: { name: 'PK', type: 'S' }, indexes: [], ttlAttribute: 'expiresAt' },
  ],
  buckets: [
    {
      name: FILES_BUCKET,
      browserUploads: true,
      // Exports are kept a week (their jobs then give no link).
      expiringPrefixes: [{ prefix: 'incoming/', days: 7 }, { prefix: EXPORT_PREFIX, days: EXPORT_KEEP_DAYS }, { prefix: IMPORT_PREFIX, days: IMPORT_KEEP_DAYS }, { prefix: PHOTO_BATCH_PREFIX, days: BATCH_KEEP_DAYS }],
    },
    // The tables' scheduled exports (TableExport); replicated to another region when the deployment names one.
    { name: BACKUPS_BUCKET, browserUploads: false, replicated: true, expiringPrefixes: [{ prefix: DAILY_EXPORTS_PREFIX, days: DAILY_EXPORT_KEEP_DAYS }] },
  ],
  queues: [
    // Approved steps of cases; a step is quick, so a short visibility timeout brings a failed one back soon.
    { name: CHANGES_QUEUE, fifo: true, visibilityTimeoutSeconds: 60, maxReceiveCount: 5 },
    // One message per chunk of a job; longer than the consumer's 60 s, so a crashed chunk comes back after it.
    { name: JOBS_QUEUE, fifo: false, visibilityTimeoutSeconds: 120, maxReceiveCount: JOB_MAX_RECEIVES },
    // Export jobs, the same way, to the function that carries the renderers.
    { name: EXPORTS_QUEUE, fifo: false, visibilityTimeoutSeconds: 360, maxReceiveCount: JOB_MAX_RECEIVES },
    // An import's check and report may read a large file for minutes: longer than its consumer's 900 s.
    { name: IMPORTS_QUEUE, fifo: false, visibilityTimeoutSeconds: 960, maxReceiveCount: JOB_MAX_RECEIVES },
    // Photo batches' chunks: longer than their consumer's 300 s.
    { name: PHOTO_BATCHES_QUEUE, fifo: false, visibilityTimeoutSeconds: 360, maxReceiveCount: JOB_MAX_RECEIVES },
    // Packets to peer provinces and packets from them: longer than the consumer's 30 s. A packet
    // the peer does not take comes back after a wait the consumer sets (doubling, up to an hour),
    // so the receives span about a day before the message goes to the dead-letter queue.
    { name: EXCHANGE_QUEUE, fifo: false, visibilityTimeoutSeconds: 60, maxReceiveCount: EXCHANGE_MAX_RECEIVES },
  ],
  functions: [
    area('System', 'functions/system/index.ts', 'Liveness, how to sign in, and the API error shape for every request no route matches', [['GET', '/v1/health'], ['GET', '/v1/auth/config']], {
      auth: 'none',
      extraTriggers: [{ kind: 'http-default' }],
    }),
    area('ApiDocs', 'functions/docs/index.ts', 'OpenAPI document of the public API', [['GET', '/v1/openapi.json']], { auth: 'none' }),
    area('DevAuth', 'functions/auth/index.ts', 'Demo users and their tokens (local mode only)', [['GET', '/v1/auth/dev-users'], ['POST', '/v1/auth/dev-login']], {
      auth: 'none',
      localOnly: true,
      tables: { [DIRECTORY_TABLE]: 'read' },
    }),
    area(
      'Identity',
      'functions/identity/index.ts',
      'The caller and the organisation tree with its numbers of students',
      [
        ['GET', '/v1/me'],
        ['GET', '/v1/orgs/{orgId}'],
        ['GET', '/v1/orgs/{orgId}/children'],
        ['GET', '/v1/province-fields'],
      ],
      { tables: { [RECORDS_TABLE]: 'read' } },
    ),
    area(
      'Admin',
      'functions/admin/index.ts',
      'Organisations and accounts inside the caller subtree; a school\'s year-end promotion and graduation and exports, run as jobs, and the jobs\' progress',
      [
        ['POST', '/v1/orgs/{orgId}/children'],
        ['GET', '/v1/orgs/{orgId}/users'],
        ['POST', '/v1/users'],
        ['POST', '/v1/schools/{schoolId}/promotion'],
        ['POST', '/v1/schools/{schoolId}/graduation'],
        ['GET', '/v1/jobs/{jobId}'],
        ['POST', '/v1/exports'],
      ],
      // Records: the jobs and the Idempotency-Keys of the POSTs that start them; the queues: each job's first chunk;
      // the bucket: a finished export's download link (GetObject).
      { tables: { [DIRECTORY_TABLE]: 'readwrite', [RECORDS_TABLE]: 'readwrite' }, buckets: { [FILES_BUCKET]: 'read' }, queues: { [JOBS_QUEUE]: 'send', [EXPORTS_QUEUE]: 'send' } },
    ),
    area(
      'ExportLists',
      'functions/export-lists/index.ts',
      'An organisation\'s exports (导出记录) with their download links, and its export schedules (定时导出), run by ChangeTimers',
      [
        ['GET', '/v1/exports'],
        ['POST', '/v1/export-schedules'],
        ['GET', '/v1/export-schedules'],
        ['DELETE', '/v1/export-schedules/{scheduleId}'],
      ],
      // Records: the list, the jobs and the schedules; directory: organisations and the sections and students access checks read; the bucket: download links (GetObject).
      { tables: { [DIRECTORY_TABLE]: 'read', [RECORDS_TABLE]: 'readwrite' }, buckets: { [FILES_BUCKET]: 'read' } },
    ),
    area(
      'Students',
      'functions/students/index.ts',
      'Student records (学籍档案): enrol, list, search, read, edit, delete, history',
      [
        ['POST', '/v1/students'],
        ['GET', '/v1/students'],
        ['GET', '/v1/students/{studentId}'],
        ['PATCH', '/v1/students/{studentId}'],
        ['DELETE', '/v1/students/{studentId}'],
        ['GET', '/v1/students/{studentId}/history'],
      ],
      { tables: { [RECORDS_TABLE]: 'readwrite', [THROTTLE_TABLE]: 'readwrite' } },
    ),
    area(
      'SelfService',
      'functions/corrections/index.ts',
      'Student self-service (学生信息校对): proposals, review, confirmation',
      [
        ['POST', '/v1/students/{studentId}/corrections'],
        ['GET', '/v1/students/{studentId}/corrections'],
        ['POST', '/v1/students/{studentId}/corrections/{correctionId}/accept'],
        ['POST', '/v1/students/{studentId}/corrections/{correctionId}/reject'],
        ['GET', '/v1/corrections'],
        ['POST', '/v1/students/{studentId}/confirm'],
      ],
      { tables: { [RECORDS_TABLE]: 'readwrite' } },
    ),
    area(
      'Changes',
      'functions/changes/index.ts',
      'Status changes (学籍异动): filing, deciding steps in order, cases and the inbox',
      [
        ['POST', '/v1/changes'],
        ['GET', '/v1/changes'],
        ['GET', '/v1/changes/{changeId}'],
        ['POST', '/v1/changes/{changeId}/approve'],
        ['POST', '/v1/changes/{changeId}/reject'],
        ['POST', '/v1/changes/{changeId}/cancel'],
        ['POST', '/v1/changes/{changeId}/evidence'],
        ['GET', '/v1/changes/{changeId}/evidence'],
        ['GET', '/v1/tasks'],
      ],
      // The bucket: presigned uploads (PutObject) and download links (GetObject) of evidence.
      // The exchange queue: a case across provinces that ends here tells the other side (its packet, sent after the commit).
      { tables: { [RECORDS_TABLE]: 'readwrite', [THROTTLE_TABLE]: 'readwrite' }, buckets: { [FILES_BUCKET]: 'readwrite' }, queues: { [CHANGES_QUEUE]: 'send', [EXCHANGE_QUEUE]: 'send' } },
    ),
    area(
      'Teaching',
      'functions/teaching/index.ts',
      'Teaching (教学): courses, teaching plans, sections and their timetable without double bookings',
      [
        ['POST', '/v1/courses'],
        ['GET', '/v1/courses'],
        ['POST', '/v1/teaching-plans'],
        ['GET', '/v1/teaching-plans'],
        ['POST', '/v1/teaching-plans/{planId}/sections'],
        ['POST', '/v1/sections'],
        ['PATCH', '/v1/sections/{sectionId}'],
        ['GET', '/v1/sections'],
        ['GET', '/v1/sections/{sectionId}'],
      ],
      // Directory: courses, plans, sections and bookings beside the organisations; records: a section's roster and the Idempotency-Keys.
      { tables: { [DIRECTORY_TABLE]: 'readwrite', [RECORDS_TABLE]: 'readwrite' } },
    ),
    area(
      'Grades',
      'functions/grades/index.ts',
      'Grades (成绩): grade sheets saved and submitted by the section\'s teacher, a student\'s grades, make-up exams (补考)',
      [
        ['PUT', '/v1/sections/{sectionId}/grades'],
        ['POST', '/v1/sections/{sectionId}/grades/submit'],
        ['GET', '/v1/sections/{sectionId}/grades'],
        ['GET', '/v1/students/{studentId}/grades'],
        ['GET', '/v1/makeup-exams'],
        ['POST', '/v1/makeup-exams'],
        ['GET', '/v1/makeup-exams/{makeupId}'],
        ['PUT', '/v1/makeup-exams/{makeupId}/grades'],
        ['GET', '/v1/grade-submissions'],
      ],
      // Records: sheets, students' grades and rosters; directory: the sections.
      { tables: { [RECORDS_TABLE]: 'readwrite' } },
    ),
    area(
      'Imports',
      'functions/imports/index.ts',
      'Bulk intake (招生导入): uploads, checks (dry runs) and runs of a school\'s spreadsheets, their row errors and reports; the school\'s numbering scheme (学号编排) and 学信网 registration settings (学信网注册设置)',
      [
        ['POST', '/v1/imports'],
        ['GET', '/v1/imports'],
        ['POST', '/v1/imports/{importId}/start'],
        ['GET', '/v1/imports/{importId}'],
        ['GET', '/v1/schools/{schoolId}/numbering'],
        ['PUT', '/v1/schools/{schoolId}/numbering'],
        ['GET', '/v1/schools/{schoolId}/registration'],
        ['PUT', '/v1/schools/{schoolId}/registration'],
      ],
      // Records: imports, their jobs, the schemes and the 学信网 settings; the bucket: upload forms (PutObject), whether the file landed and report links (GetObject).
      { tables: { [RECORDS_TABLE]: 'readwrite' }, buckets: { [FILES_BUCKET]: 'readwrite' }, queues: { [IMPORTS_QUEUE]: 'send' } },
    ),
    // A function of its own: exceljs is a megabyte no other HTTP bundle should load.
    area('ImportTemplate', 'functions/import-template/index.ts', 'The import template (XLSX with the national columns, drop-downs of the code tables, an example row and notes)', [['GET', '/v1/imports/template']]),
    area(
      'Problems',
      'functions/problems/index.ts',
      'Problem records (问题学籍): the scan that finds them (a job), the schools\' and counties\' queues with their counts, evidence files, settling a problem',
      [
        ['POST', '/v1/problems/scan'],
        ['GET', '/v1/problems'],
        ['POST', '/v1/problems/{problemId}/resolve'],
        ['POST', '/v1/problems/{problemId}/evidence'],
        ['GET', '/v1/problems/{problemId}/evidence'],
      ],
      // Records: problems, their queues and files, the scans' jobs and the Idempotency-Keys; the queue: a scan's first chunk;
      // the bucket: evidence upload forms (PutObject) and download links (GetObject).
      { tables: { [RECORDS_TABLE]: 'readwrite' }, buckets: { [FILES_BUCKET]: 'readwrite' }, queues: { [JOBS_QUEUE]: 'send' } },
    ),
    {
      id: 'EvidenceCheck',
      entry: 'functions/evidence-check/index.ts',
      description: 'Checks each uploaded evidence file (real type, size): accepts it into evidence/, or rejects it with the reason; removes the upload',
      triggers: [{ kind: 'bucket', bucket: FILES_BUCKET, prefix: INCOMING_PREFIX }],
      tables: { [RECORDS_TABLE]: 'readwrite' },
      buckets: { [FILES_BUCKET]: 'readwrite' },
    },
    // An area of its own rather than in Students: only these routes need the bucket (the hot
    // Students role stays without it).
    area(
      'Photos',
      'functions/photos/index.ts',
      'Student photos (照片): the registrar\'s upload form (presigned POST), the photo\'s check and short-lived links; photo batches (a zip per class, grade or school), their jobs and per-file reports',
      [
        ['POST', '/v1/students/{studentId}/photo'],
        ['GET', '/v1/students/{studentId}/photo'],
        ['POST', '/v1/photo-batches'],
        ['POST', '/v1/photo-batches/{batchId}/start'],
        ['GET', '/v1/photo-batches/{batchId}'],
      ],
      // Records: the student and its photo state with the audit entries, batches and their jobs; the bucket: upload forms
      // (PutObject), links and whether a zip landed (GetObject); the queue: a batch's first chunk.
      { tables: { [RECORDS_TABLE]: 'readwrite' }, buckets: { [FILES_BUCKET]: 'readwrite' }, queues: { [PHOTO_BATCHES_QUEUE]: 'send' } },
    ),
    {
      // Not in EvidenceCheck: the JPEG decoder and encoder (jpeg-js) stay out of that bundle, and
      // decoding gets a function whose memory is sized for it.
      id: 'PhotoCheck',
      entry: 'functions/photo-check/index.ts',
      description: 'Checks each uploaded photo (a real JPEG, size, dimensions, ratio): makes it the student\'s photo with a thumbnail under photos/, or rejects it with its reasons; removes the upload',
      triggers: [{ kind: 'bucket', bucket: FILES_BUCKET, prefix: INCOMING_PHOTO_PREFIX }],
      tables: { [RECORDS_TABLE]: 'readwrite' },
      buckets: { [FILES_BUCKET]: 'readwrite' },
    },
    {
      id: 'ChangeSteps',
      entry: 'functions/change-steps/index.ts',
      description: 'Opens the next step of an approved case, or completes it and applies it to the record',
      triggers: [{ kind: 'queue', queue: CHANGES_QUEUE, batchSize: 10 }],
      tables: { [RECORDS_TABLE]: 'readwrite', [DIRECTORY_TABLE]: 'read' },
      // The exchange queue: a case across provinces whose steps here are done sends its packet to the other side.
      queues: { [CHANGES_QUEUE]: 'consume', [EXCHANGE_QUEUE]: 'send' },
    },
    {
      id: 'ChangeTimers',
      entry: 'functions/change-timers/index.ts',
      description: 'Sends approved steps, stalled jobs and exchange packets again whose message went missing, and starts the export schedules that are due (every minute); flags overdue steps (daily); starts the nightly problem-record scan',
      triggers: [
        { kind: 'schedule', cron: { minute: '*' }, input: { job: 'outbox' } },
        // 00:10 in China.
        { kind: 'schedule', cron: { minute: '10', hour: '16' }, input: { job: 'deadlines' } },
        // 02:30 in China: the nightly problem-record scan, while nobody works.
        { kind: 'schedule', cron: { minute: '30', hour: '18' }, input: { job: 'problemScan' } },
      ],
      // Users' export schedules are data, run by the minute's run (shared/services/exports/schedule-runs.ts).
      dataSchedules: { input: { job: 'exportSchedule' } },
      // Directory: the organisation tree's roots, which the nightly scan covers.
      tables: { [RECORDS_TABLE]: 'readwrite', [DIRECTORY_TABLE]: 'read' },
      queues: { [CHANGES_QUEUE]: 'send', [JOBS_QUEUE]: 'send', [EXPORTS_QUEUE]: 'send', [IMPORTS_QUEUE]: 'send', [PHOTO_BATCHES_QUEUE]: 'send', [EXCHANGE_QUEUE]: 'send' },
    },
    {
      // Cloud only: DynamoDB Local has no exports (locally, `npm run backup` dumps the data folder).
      id: 'TableExport',
      entry: 'functions/table-export/index.ts',
      description: 'Starts a full export of the tables from their point-in-time recovery to the backups bucket: daily (kept 35 days) and monthly (kept)',
      cloudOnly: true,
      triggers: [
        // 03:00 in China, every day.
        { kind: 'schedule', cron: { minute: '0', hour: '19' }, input: { retention: 'daily' } },
        // 03:30 in China on the 1st: 19:30 UTC on the last day of the month before.
        { kind: 'schedule', cron: { minute: '30', hour: '19', day: 'L' }, input: { retention: 'monthly' } },
      ],
      // Every table that keeps records; the throttle table holds only counters that expire within a day.
      tables: { [DIRECTORY_TABLE]: 'export', [RECORDS_TABLE]: 'export' },
      // The export writes its files with this function's rights.
      buckets: { [BACKUPS_BUCKET]: 'readwrite' },
    },
    {
      id: 'Jobs',
      entry: 'functions/jobs/index.ts',
      description: 'Works through jobs a chunk per message (year-end promotion and graduation, problem-record scans), sending each next chunk',
      triggers: [{ kind: 'queue', queue: JOBS_QUEUE, batchSize: 1 }],
      timeoutSeconds: 60,
      // Promotion renames grades and classes (directory) and writes history (records); a scan reads the records and writes problems.
      tables: { [RECORDS_TABLE]: 'readwrite', [DIRECTORY_TABLE]: 'readwrite' },
      queues: { [JOBS_QUEUE]: 'consumeAndSend' },
    },
    {
      id: 'Exports',
      entry: 'functions/exports/index.ts',
      description: 'Makes the file of each export job (rosters, statistics, grade sheets, transcripts, photo archives, the 学信网 files, OneRoster; XLSX, PDF with a CJK font, CSV, zip) and writes it to the files bucket',
      triggers: [{ kind: 'queue', queue: EXPORTS_QUEUE, batchSize: 1 }],
      // More memory, more CPU: the renderers and the font make a cold start of about a second.
      memoryMb: 1024,
      // A school's whole roster or a grade's photos: thousands of records read and written into one file.
      timeoutSeconds: 300,
      // The font, and its licence, next to the bundle (shared/aws/function-assets.ts).
      assets: [PDF_FONT, PDF_FONT_LICENSE],
      // Records: the job, sheets, grades, rosters, counters and certificate numbers; directory: sections and organisations' names; the bucket: photos and the files.
      tables: { [RECORDS_TABLE]: 'readwrite', [DIRECTORY_TABLE]: 'read' },
      buckets: { [FILES_BUCKET]: 'readwrite' },
      queues: { [EXPORTS_QUEUE]: 'consumeAndSend' },
    },
    {
      id: 'ImportWorker',
      entry: 'functions/import-worker/index.ts',
      description: 'Works through import jobs: checks a spreadsheet as it streams, fans its chunks out over the queue and writes them in parallel, each row once; then the report',
      // The chunks of one import are written side by side: four at once keeps DynamoDB busy
      // without a school's counters (J numbers, 学号) spending most of their time in retries.
      triggers: [{ kind: 'queue', queue: IMPORTS_QUEUE, batchSize: 1, maxConcurrency: 4 }],
      memoryMb: 1024,
      // A check of 100,000 rows streams for minutes; chunks take seconds.
      timeoutSeconds: 900,
      // Records: the jobs, the imports, the new records; directory: the school's classes; the bucket: the file, its chunks and the report.
      tables: { [RECORDS_TABLE]: 'readwrite', [DIRECTORY_TABLE]: 'read' },
      buckets: { [FILES_BUCKET]: 'readwrite' },
      queues: { [IMPORTS_QUEUE]: 'consumeAndSend' },
    },
    {
      // Beside PhotoCheck rather than in Jobs: unzipper and the JPEG decoder stay out of the jobs bundle.
      id: 'PhotoBatches',
      entry: 'functions/photo-batches/index.ts',
      description: 'Works through photo batches a chunk per message: reads the zip by its directory, screens and matches each file, checks and accepts its photo as a single upload, reports each file once',
      triggers: [{ kind: 'queue', queue: PHOTO_BATCHES_QUEUE, batchSize: 1 }],
      // Decoding photos wants CPU; a 50 MB zip is copied to the disk at each chunk.
      memoryMb: 1024,
      timeoutSeconds: 300,
      // Records: the job, the batch and its files, the students and their photo states; the bucket: the zip and the photos.
      tables: { [RECORDS_TABLE]: 'readwrite' },
      buckets: { [FILES_BUCKET]: 'readwrite' },
      queues: { [PHOTO_BATCHES_QUEUE]: 'consumeAndSend' },
    },
    // Statistics read the counters the stream consumer below keeps: one read per organisation.
    area('Stats', 'functions/stats/index.ts', 'Statistics (统计): an organisation\'s counts of students by grade, gender, ethnicity and special groups, open problems and pending cases, and its children\'s', [['GET', '/v1/stats']], {
      tables: { [RECORDS_TABLE]: 'read' },
    }),
    {
      id: 'StatsStream',
      entry: 'functions/stats-stream/index.ts',
      description: 'Keeps the statistics: adds each write of a student record, problem or case to the counters of the organisations above it, once',
      // From the oldest record the stream keeps: what was written before the consumer first ran counts too.
      triggers: [{ kind: 'tableStream', table: RECORDS_TABLE, batchSize: 100, startingPosition: 'TRIM_HORIZON', itemTypes: COUNTED_ITEM_TYPES, retryAttempts: 10 }],
      // Records: the counters and the applied-markers.
      tables: { [RECORDS_TABLE]: 'readwrite' },
    },
    // Public routes: a packet is authenticated by its signature, not by a user's token. Its own
    // function: only it gets the exchange settings (PROVINCE_CODE, EXCHANGE_PEERS) and the use of the
    // exchange keys, so it also works the exchange's queue: sealing and sending packets, applying received ones.
    {
      ...area(
        'Exchange',
        'functions/exchange/index.ts',
        'Exchange between deployments (跨省转学): the province and its public keys; signed packets from peers, taken once with a signed receipt; its queue: packets sealed and sent to peers (retried with backoff), received ones applied',
        [
          ['GET', '/.well-known/xueji-exchange'],
          ['POST', '/v1/exchange/packets'],
        ],
        {
          auth: 'none',
          extraTriggers: [{ kind: 'queue', queue: EXCHANGE_QUEUE, batchSize: 1, maxConcurrency: 2 }],
          // Records: the inbox, the outbox, the cases, the records a transfer creates or marks, and the audit entries;
          // directory: the organisations of the cases' steps and the class a record joins.
          tables: { [RECORDS_TABLE]: 'readwrite', [DIRECTORY_TABLE]: 'read' },
          queues: { [EXCHANGE_QUEUE]: 'consumeAndSend' },
        },
      ),
      // Sending waits on the peer (10 s at most) and on the keys; within API Gateway's 30 s for the routes.
      timeoutSeconds: 30,
    },
  ],
};
