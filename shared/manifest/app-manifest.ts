// The app manifest: every function, its triggers and its grants, plus the data resources.
// Adding an endpoint = one entry here + one handler file. CDK and the local runtime read this.
import type { AppManifest, FunctionDef, HttpMethod, TableDef } from './types.ts';

const keyedTable = (name: string, indexes: string[], extra: Partial<TableDef> = {}): TableDef => ({
  name,
  partitionKey: { name: 'PK', type: 'S' },
  sortKey: { name: 'SK', type: 'S' },
  indexes: indexes.map((index) => ({
    name: index,
    partitionKey: { name: `${index}PK`, type: 'S' },
    sortKey: { name: `${index}SK`, type: 'S' },
  })),
  ...extra,
});

/** Organisations and users: who may do what, where (the app's own authorization data). */
export const DIRECTORY_TABLE = 'directory';
/** Student records, their uniqueness items and audit history (学籍档案). */
export const RECORDS_TABLE = 'records';
/** Uploads (evidence scans, photos, import files) and generated exports. */
export const FILES_BUCKET = 'files';

const route =
  (auth: 'jwt' | 'none') =>
  (id: string, method: HttpMethod, path: string, entry: string, description: string, more: Partial<FunctionDef> = {}): FunctionDef => ({
    id,
    entry,
    description,
    triggers: [{ kind: 'http', method, route: path, auth }],
    ...more,
    // Every authenticated handler resolves its caller from the directory table.
    ...(auth === 'jwt' ? { tables: { [DIRECTORY_TABLE]: 'read', ...more.tables } } : {}),
  });

const http = route('jwt');
const publicHttp = route('none');

export const appManifest: AppManifest = {
  tables: [
    keyedTable(DIRECTORY_TABLE, ['GSI1']),
    keyedTable(RECORDS_TABLE, ['GSI1', 'GSI2', 'GSI3'], { stream: true, ttlAttribute: 'expiresAt' }),
  ],
  buckets: [
    {
      name: FILES_BUCKET,
      browserUploads: true,
      expiringPrefixes: [{ prefix: 'incoming/', days: 7 }],
    },
  ],
  queues: [],
  functions: [
    publicHttp('Health', 'GET', '/v1/health', 'functions/system/health.ts', 'Liveness and version'),
    publicHttp('OpenApi', 'GET', '/v1/openapi.json', 'functions/system/openapi.ts', 'OpenAPI document of the public API'),
    publicHttp('DevUsers', 'GET', '/v1/auth/dev-users', 'functions/auth/dev-users.ts', 'Seeded demo users (local mode only)', {
      localOnly: true,
      tables: { [DIRECTORY_TABLE]: 'read' },
    }),
    publicHttp('DevLogin', 'POST', '/v1/auth/dev-login', 'functions/auth/dev-login.ts', 'Token for a demo user (local mode only)', {
      localOnly: true,
      tables: { [DIRECTORY_TABLE]: 'read' },
    }),
    http('Me', 'GET', '/v1/me', 'functions/identity/me.ts', 'The calling principal'),
    http('GetOrg', 'GET', '/v1/orgs/{orgId}', 'functions/orgs/get-org.ts', 'One organisation in the caller subtree'),
    http('ListOrgChildren', 'GET', '/v1/orgs/{orgId}/children', 'functions/orgs/list-children.ts', 'Direct children of an organisation'),
    http('CreateChildOrg', 'POST', '/v1/orgs/{orgId}/children', 'functions/admin/create-org.ts', 'Add an organisation below another', { tables: { [DIRECTORY_TABLE]: 'readwrite' } }),
    http('ListOrgUsers', 'GET', '/v1/orgs/{orgId}/users', 'functions/admin/list-users.ts', 'Accounts of an organisation'),
    http('CreateUser', 'POST', '/v1/users', 'functions/admin/create-user.ts', 'Open an account', { tables: { [DIRECTORY_TABLE]: 'readwrite', [RECORDS_TABLE]: 'read' } }),
    http('EnrolStudent', 'POST', '/v1/students', 'functions/students/enrol.ts', 'Enrol a student (注册学籍)', { tables: { [RECORDS_TABLE]: 'readwrite' } }),
    http('ListStudents', 'GET', '/v1/students', 'functions/students/list.ts', 'Rosters, lists and search', { tables: { [RECORDS_TABLE]: 'read' } }),
    http('GetStudent', 'GET', '/v1/students/{studentId}', 'functions/students/get.ts', 'One student record', { tables: { [RECORDS_TABLE]: 'read' } }),
    http('UpdateStudent', 'PATCH', '/v1/students/{studentId}', 'functions/students/update.ts', 'Edit ordinary fields', { tables: { [RECORDS_TABLE]: 'readwrite' } }),
    http('DeleteStudent', 'DELETE', '/v1/students/{studentId}', 'functions/students/delete.ts', 'Soft-delete a record', { tables: { [RECORDS_TABLE]: 'readwrite' } }),
    http('ProposeCorrection', 'POST', '/v1/students/{studentId}/corrections', 'functions/corrections/propose.ts', 'Student proposes a correction (校对补充)', { tables: { [RECORDS_TABLE]: 'readwrite' } }),
    http('ListStudentCorrections', 'GET', '/v1/students/{studentId}/corrections', 'functions/corrections/list-for-student.ts', 'Corrections of one student', { tables: { [RECORDS_TABLE]: 'read' } }),
    http('AcceptCorrection', 'POST', '/v1/students/{studentId}/corrections/{correctionId}/accept', 'functions/corrections/accept.ts', 'Registrar accepts a correction', { tables: { [RECORDS_TABLE]: 'readwrite' } }),
    http('RejectCorrection', 'POST', '/v1/students/{studentId}/corrections/{correctionId}/reject', 'functions/corrections/reject.ts', 'Registrar rejects a correction', { tables: { [RECORDS_TABLE]: 'readwrite' } }),
    http('CorrectionQueue', 'GET', '/v1/corrections', 'functions/corrections/queue.ts', 'Pending corrections of a school', { tables: { [RECORDS_TABLE]: 'read' } }),
    http('ConfirmRecord', 'POST', '/v1/students/{studentId}/confirm', 'functions/corrections/confirm.ts', 'Student confirms its record', { tables: { [RECORDS_TABLE]: 'readwrite' } }),
    http('StudentHistory', 'GET', '/v1/students/{studentId}/history', 'functions/students/history.ts', 'Change history of a record', { tables: { [RECORDS_TABLE]: 'read' } }),
  ],
};
