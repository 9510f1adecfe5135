// The problem-record scan (问题学籍检查), a job worked a chunk at a time (shared/services/jobs/
// run.ts): one pass over the records table (shared/data/record-scan.ts), each record checked on its
// own (shared/domain/problems/detect.ts) and paired with the first record of the pass that shares
// its ID number, or, having none, its name, sex and birth date (shared/data/scan-markers.ts). So
// the pass is linear in the number of records and remembers nothing but where it is: the table key
// its next page starts at, the job's state. A scan of one organisation reads the whole table all
// the same (only so is a duplicate in another county found) and keeps the findings that touch a
// record of that organisation; those records are what it counts as done.
import { getOrg } from '#shared/data/directory-repo.ts';
import { scanRecords, type ScannedRecord } from '#shared/data/record-scan.ts';
import { firstWith } from '#shared/data/scan-markers.ts';
import type { Job } from '#shared/domain/jobs.ts';
import { maskIdNumber } from '#shared/domain/masking.ts';
import { isWithin } from '#shared/domain/org.ts';
import { basisOf, idFinding, idNumberKey, personKey } from '#shared/domain/problems/detect.ts';
import { JobFailure, type JobWorker } from '../jobs/run.ts';
import { studentCount } from '../orgs/student-count.ts';
import { recordFinding, type Finding, type SeenStudent } from './found.ts';

/** Items a page of the pass reads (records and the items beside them); records checked at once; records per chunk. */
const PAGE = 200;
const PARALLEL = 10;
const CHUNK_RECORDS = 1000;

interface ScanState {
  /** The path of the organisation scanned: findings touching a record below it are kept. */
  scope: string;
  /** Where the next page starts; absent before the first. */
  next?: Record<string, unknown>;
}

const seen = (record: ScannedRecord): SeenStudent => ({
  studentId: record.studentId,
  name: record.name,
  gender: record.gender,
  birthDate: record.birthDate,
  ...(record.idNumber ? { idNumber: maskIdNumber(record.idNumber)! } : {}),
  schoolId: record.schoolId,
  countyId: record.countyId,
  orgPath: record.orgPath,
});

/** Checks one record, records what it finds, and says whether the record is one of the scanned organisation's. */
async function check(job: Job, scope: string, record: ScannedRecord): Promise<boolean> {
  // A deleted record is settled; a record with no place in the tree is no one's to settle.
  if (record.deleted || !record.orgPath) return false;
  const mine = isWithin(record.orgPath, scope);
  const me = seen(record);
  const findings: Finding[] = [];
  const own = mine ? idFinding(record) : undefined;
  if (own) findings.push({ kind: own.kind, students: [me], detail: own.detail, basis: basisOf(own.kind, [record]) });
  // Every record marks its key, in scope or not: the first of a pair may lie anywhere.
  for (const [kind, key] of [['duplicateId', idNumberKey(record)], ['possibleDuplicate', personKey(record)]] as const) {
    if (!key) continue;
    const first = await firstWith(job.jobId, `${kind}#${key}`, me);
    if (first && (mine || isWithin(first.orgPath, scope))) findings.push({ kind, students: [first, me], detail: {}, basis: basisOf(kind, [record]) });
  }
  for (const finding of findings) await recordFinding(job, finding);
  return mine;
}

export const problemScanWorker: JobWorker<ScanState> = {
  async plan(job) {
    const org = await getOrg(job.orgId);
    if (!org) throw new JobFailure('要检查的机构已不存在');
    // The organisation's students on roll: about as many records as the scan will count.
    return { total: await studentCount(org), errors: [], state: { scope: org.orgPath } };
  },

  async chunk(job, state, budget) {
    let next = state.next;
    let done = 0;
    let read = 0;
    do {
      const page = await scanRecords(next, PAGE);
      for (let start = 0; start < page.records.length; start += PARALLEL) {
        const mine = await Promise.all(page.records.slice(start, start + PARALLEL).map((record) => check(job, state.scope, record)));
        done += mine.filter(Boolean).length;
      }
      read += page.records.length;
      next = page.next;
    } while (next && read < CHUNK_RECORDS && budget.hasTime());
    return { done, errors: [], state: { scope: state.scope, ...(next ? { next } : {}) }, finished: !next };
  },

  resultUrl: (job) => `/v1/problems?orgId=${job.orgId}`,
};
