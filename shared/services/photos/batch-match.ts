// Whose photo a batch's file is, by its name (shared/domain/photos/batch-names.ts): an ID number is
// looked up in the whole deployment, `学校标识码_班号_姓名` in the class's roster. Only a record of
// the batch's own class, grade or school, that its registrar may take photos of and that is not
// deleted, is a match; another is refused (never touched), and a name that finds nobody, or more
// than one student, is unmatched.
import { findByIdNumber, getStudent, rosterPage, type StudentRow } from '#shared/data/student-repo.ts';
import { isWithin } from '#shared/domain/org.ts';
import type { PhotoBatch } from '#shared/domain/photos/batch.ts';
import { classIdOf, gradeYearOf, parsePhotoName } from '#shared/domain/photos/batch-names.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { studentTarget } from '../students/access.ts';

export type Match = { studentId: string } | { status: 'unmatched' | 'refused'; reason: string; studentId: string | null };

/** Rosters read for a chunk's files, by class: a class's photos come together. */
export type Rosters = Map<string, Promise<StudentRow[]>>;

/** 居民身份证: the only ID type whose numbers are 18 characters of digits and X. */
const RESIDENT_ID = '1';

async function classRoster(classId: string): Promise<StudentRow[]> {
  const rows: StudentRow[] = [];
  let after: Record<string, string> | undefined;
  do {
    const page = await rosterPage(classId, { limit: 200, after });
    rows.push(...page.rows);
    after = page.lastKey;
  } while (after);
  return rows;
}

async function eligible(batch: PhotoBatch, creator: Principal, studentId: string): Promise<Match> {
  const record = await getStudent(studentId);
  if (!record) return { status: 'unmatched', reason: '未找到该学生', studentId: null };
  if (!isWithin(record.orgPath, batch.orgPath) || !decide(creator, 'photo.upload', studentTarget(record)).allowed) {
    return { status: 'refused', reason: `该学生不在本批次的范围 (${batch.orgName}) 内，未处理`, studentId: null };
  }
  if (record.deleted) return { status: 'refused', reason: '该学生的学籍已删除，不能再采集照片', studentId };
  return { studentId };
}

export async function matchFile(batch: PhotoBatch, creator: Principal, path: string, rosters: Rosters): Promise<Match> {
  const parsed = parsePhotoName(path);
  if (parsed.kind === 'unknown') return { status: 'unmatched', reason: '文件名应为 18 位身份证件号，或“学校标识码_班号_姓名”', studentId: null };
  if (parsed.kind === 'idNumber') {
    const found = await findByIdNumber(RESIDENT_ID, parsed.idNumber);
    return found ? eligible(batch, creator, found.studentId) : { status: 'unmatched', reason: '没有该身份证件号的学生', studentId: null };
  }
  if (parsed.schoolCode !== batch.schoolId) return { status: 'refused', reason: `学校标识码 ${parsed.schoolCode} 不是本批次学校的，未处理`, studentId: null };
  const gradeYear = parsed.gradeYear ?? gradeYearOf(batch.orgId);
  if (!gradeYear) return { status: 'unmatched', reason: '无法确定年级：请放在以入学年份命名的年级文件夹 (如“2026级”) 中，或把班号写作入学年份加班号 (如 202601)', studentId: null };
  const classId = classIdOf(batch.schoolId, gradeYear, parsed.classNo);
  if (!rosters.has(classId)) rosters.set(classId, classRoster(classId));
  const named = (await rosters.get(classId)!).filter((row) => row.name === parsed.name && !row.deleted);
  if (named.length === 0) return { status: 'unmatched', reason: `${gradeYear}级${Number(parsed.classNo)}班没有名为“${parsed.name}”的学生`, studentId: null };
  if (named.length > 1) return { status: 'unmatched', reason: `${gradeYear}级${Number(parsed.classNo)}班有 ${named.length} 名学生同名，请以身份证件号命名照片`, studentId: null };
  return eligible(batch, creator, named[0]!.studentId);
}
