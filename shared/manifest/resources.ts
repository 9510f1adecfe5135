// The logical names of the data resources. Handlers import these (and nothing else of the
// manifest), so a bundle never carries the route table.

/** Organisations and users: who may do what, where (the app's own authorization data). */
export const DIRECTORY_TABLE = 'directory';
/** Student records, their uniqueness items, audit history and idempotency records (学籍档案). */
export const RECORDS_TABLE = 'records';
/** Per-user request counters for rate limiting; items expire by TTL. */
export const THROTTLE_TABLE = 'throttle';
/** Uploads (evidence scans, photos, import files) and generated exports. */
export const FILES_BUCKET = 'files';
/** The tables' scheduled exports (cloud only): the records kept off-site. */
export const BACKUPS_BUCKET = 'backups';
/** Approved steps of status-change cases, FIFO by student: one student's steps never race. */
export const CHANGES_QUEUE = 'changes';
/** Long work in chunks (year-end batches, later imports): one message per chunk of a job. */
export const JOBS_QUEUE = 'jobs';
/** The chunks of export jobs, consumed by the function that carries the renderers and the font. */
export const EXPORTS_QUEUE = 'exports';
/** The steps and the fanned-out chunks of imports, consumed by the function that reads spreadsheets. */
export const IMPORTS_QUEUE = 'imports';
/** The chunks of photo batches, consumed by the function that reads zips and decodes JPEGs. */
export const PHOTO_BATCHES_QUEUE = 'photoBatches';
/**
 * The exchange between deployments (跨省转学): packets on their way to a peer province (retried
 * with backoff while it is down) and packets received from one, to apply. Not FIFO: one case has
 * one packet on its way at a time, and a peer that is down must not hold up the others.
 */
export const EXCHANGE_QUEUE = 'exchange';
