// A class's or a grade's photo archive (学籍照片): a zip of the accepted registry photos of the
// students on roll, named and foldered as the national platform takes them (the layout is in
// shared/domain/exports/photo-archive.ts), and a 缺少照片.csv listing those without one and why.
// Photos are under 60 KB, so a grade of a thousand is some 60 MB held at once: read eight at a
// time, and stored in the zip as they are (a JPEG does not deflate).
import { buffer } from 'node:stream/consumers';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { getOrg } from '#shared/data/directory-repo.ts';
import { readObjectStream } from '#shared/data/object-store.ts';
import { getPhotoState } from '#shared/data/photo-repo.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import { csvText } from '#shared/domain/exports/data-file.ts';
import type { Cell } from '#shared/domain/exports/document.ts';
import { fileNamePart } from '#shared/domain/exports/kinds.ts';
import { MISSING_PHOTOS_COLUMNS, MISSING_PHOTOS_FILE, missingReason, missingRow, photoPath, uniquePaths, type ArchiveStudent } from '#shared/domain/exports/photo-archive.ts';
import { photoKey } from '#shared/domain/photos/keys.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { JobFailure } from '../../jobs/run.ts';
import type { ExportRenderer } from '../renderers.ts';
import { orgRecords } from './org-records.ts';

/** Photos read at once. */
const READ_AT_ONCE = 8;

/** Excel in China opens a CSV as UTF-8 only with the mark (as the CSV exports have it). */
const BOM = '\uFEFF';

type Found = { bytes: Uint8Array } | { missing: string };

/** The student's current photo, or why there is none. A photo replaced while it is read is read again, once. */
async function photoOf(studentId: string, now: Date, retry = true): Promise<Found> {
  const state = await getPhotoState(studentId);
  const reason = missingReason(state, now);
  if (reason || !state?.current) return { missing: reason ?? '未上传照片' };
  const stream = await readObjectStream(bucketName(FILES_BUCKET), photoKey(studentId, state.current.photoId));
  if (stream) return { bytes: new Uint8Array(await buffer(stream)) };
  return retry ? photoOf(studentId, now, false) : { missing: '照片文件缺失，请重新上传' };
}

/** `work` over the items, at most `limit` at a time, the results in the items' order. */
async function mapBounded<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The archive's view of each record: its grade's and class's names and codes, its school's 学校标识码. */
async function archiveStudents(records: StudentRecord[]): Promise<ArchiveStudent[]> {
  const ids = [...new Set(records.flatMap((record) => [record.schoolId, record.gradeId, record.classId]))];
  const orgs = new Map((await Promise.all(ids.map((id) => getOrg(id)))).map((org, index) => [ids[index]!, org]));
  return records.map((record) => ({
    studentId: record.studentId,
    name: record.name,
    idNumber: record.idNumber,
    gradeName: orgs.get(record.gradeId)?.name ?? record.grade,
    className: orgs.get(record.classId)?.name ?? record.classId,
    schoolCode: orgs.get(record.schoolId)?.code ?? record.schoolId,
    classCode: orgs.get(record.classId)?.code ?? '',
  }));
}

export const photosContent: ExportRenderer<'photos'> = {
  async render(request, context) {
    const org = await getOrg(request.orgId);
    if (!org) throw new JobFailure('机构已不存在');
    const students = await archiveStudents(await orgRecords(org));
    const now = new Date(context.at);
    const found = await mapBounded(students, READ_AT_ONCE, (student) => photoOf(student.studentId, now));
    const withPhoto: { student: ArchiveStudent; bytes: Uint8Array }[] = [];
    const missing: Cell[][] = [];
    students.forEach((student, index) => {
      const result = found[index]!;
      if ('bytes' in result) withPhoto.push({ student, bytes: result.bytes });
      else missing.push(missingRow(student, result.missing));
    });
    const paths = uniquePaths(withPhoto.map(({ student }) => photoPath(student, context.full)));
    const entries: Zippable = Object.fromEntries(withPhoto.map(({ bytes }, index) => [paths[index]!, [bytes, { level: 0, mtime: now }]]));
    if (missing.length > 0) entries[MISSING_PHOTOS_FILE] = [strToU8(BOM + csvText({ columns: MISSING_PHOTOS_COLUMNS, rows: missing })), { level: 6, mtime: now }];
    return { bytes: zipSync(entries), fileName: `${fileNamePart(`${org.name}学籍照片`)}.zip`, missingGlyphs: 0 };
  },
};
