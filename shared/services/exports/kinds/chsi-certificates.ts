// Certificate numbers for the graduates' file: a graduate numbered before keeps its number (and the
// graduation date it was given for); the others are numbered in the file's order, per sequence
// (institution code, school type, year of graduation, level), in transactions with the counter
// (shared/data/certificate-repo.ts). The graduation date is when the record became graduated (the
// year-end's history entry), or the day of the export for a record whose history does not say.
import { getCertificates, SequenceExhausted, takeCertificates, type CertificateClaim, type StoredCertificate } from '#shared/data/certificate-repo.ts';
import { studentHistory } from '#shared/data/student-repo.ts';
import { certificatePrefix } from '#shared/domain/exports/chsi-certificate.ts';
import { chinaDate, graduatedAt, type ChsiStudent } from '#shared/domain/exports/chsi-file.ts';
import type { RegistrationSettings } from '#shared/domain/exports/chsi-settings.ts';
import { JobFailure } from '../../jobs/run.ts';

/** History pages read looking for the graduation, newest first: it is among the latest entries. */
const HISTORY_PAGES = 4;
/** Students whose history is read at once. */
const PARALLEL_READS = 8;

async function graduationDate(studentId: string, at: string): Promise<string> {
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page += 1) {
    const { items, nextCursor } = await studentHistory(studentId, { limit: 25, cursor });
    const found = graduatedAt(items);
    if (found) return chinaDate(found);
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return chinaDate(at);
}

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function certificatesFor(students: ChsiStudent[], settings: RegistrationSettings, at: string): Promise<Map<string, StoredCertificate>> {
  const certificates = await getCertificates(students.map((student) => student.record.studentId));
  const unnumbered = students.filter((student) => !certificates.has(student.record.studentId));
  const dates = await inParallel(unnumbered, PARALLEL_READS, (student) => graduationDate(student.record.studentId, at));
  // One sequence after another, each in the file's order.
  const sequences = new Map<string, CertificateClaim[]>();
  unnumbered.forEach((student, index) => {
    const graduatedOn = dates[index]!;
    const prefix = certificatePrefix({ institutionCode: settings.institutionCode, schoolType: settings.schoolType, year: graduatedOn.slice(0, 4), level: student.programme.level });
    sequences.set(prefix, [...(sequences.get(prefix) ?? []), { studentId: student.record.studentId, graduatedOn }]);
  });
  for (const [prefix, claims] of sequences) {
    try {
      for (const [studentId, certificate] of await takeCertificates(prefix, claims, at)) certificates.set(studentId, certificate);
    } catch (error) {
      if (error instanceof SequenceExhausted) throw new JobFailure(`证书编号 ${prefix} 的 6 位序号已用完，请与学信网核对院校代码、办学类型和层次`);
      throw error;
    }
  }
  return certificates;
}
