// A class's or a grade's photo archive (学籍照片), the pure part: where each accepted photo goes in
// the zip, named as the national platform takes them, and the list of those without one.
//
// A file is named by the student's ID number (`<身份证件号>.jpg`) or, without one,
// `学校标识码_班号_姓名.jpg`, in a folder per grade and class (`<年级名>/<班级名>/`), a class's archive
// too: the 班号 names a class only within its grade, and the grade's folder (its name holds the entry
// year, `2026级`) keeps such a file unambiguous when the archive goes back in as a school's photo
// batch (shared/domain/photos/batch-names.ts reads the year from the folder) or is merged with the
// other classes' archives; a class's archive is then exactly its part of the grade's. Pure.
import { effectivePhotoStatus, type PhotoState } from '../photos/photo.ts';
import type { Cell } from './document.ts';
import { fileNamePart } from './kinds.ts';

/** Listed inside the zip, beside the folders. */
export const MISSING_PHOTOS_FILE = '缺少照片.csv';
export const MISSING_PHOTOS_COLUMNS = ['姓名', '班级', '原因'];

export interface ArchiveStudent {
  studentId: string;
  name: string;
  idNumber?: string | undefined;
  gradeName: string;
  className: string;
  /** The school's 学校标识码 and the class's 班号 (the orgs' codes). */
  schoolCode: string;
  classCode: string;
}

/**
 * The photo's path in the zip. By ID number only when the file may show it (those who export
 * photos read ID numbers in full; anyone else gets the name form, which holds none).
 */
export function photoPath(student: ArchiveStudent, byIdNumber: boolean): string {
  const base = byIdNumber && student.idNumber ? fileNamePart(student.idNumber) : fileNamePart(`${student.schoolCode}_${student.classCode}_${student.name}`);
  return `${fileNamePart(student.gradeName) || '年级'}/${fileNamePart(student.className) || '班级'}/${base}.jpg`;
}

/**
 * The paths of a list of students, in order: two students of one name without an ID number in one
 * class would get the same name (the platform cannot tell them apart either), so the second is
 * kept as `… (2).jpg` rather than lost; its sender renames it.
 */
export function uniquePaths(paths: string[]): string[] {
  const taken = new Set<string>();
  return paths.map((path) => {
    let unique = path;
    for (let count = 2; taken.has(unique); count += 1) unique = path.replace(/\.jpg$/, ` (${count}).jpg`);
    taken.add(unique);
    return unique;
  });
}

/** Why a student has no photo to export, from its photo state (undefined when it has one). */
export function missingReason(state: PhotoState | undefined, now: Date): string | undefined {
  if (state?.current) return undefined;
  if (!state) return '未上传照片';
  const latest = effectivePhotoStatus(state, now);
  if (latest.status === 'pending') return '照片待核验';
  return latest.reasons.length > 0 ? `照片未通过核验：${latest.reasons.join('；')}` : '照片未通过核验';
}

/** A missing photo's row: 姓名, 班级 (grade and class), 原因. */
export function missingRow(student: Pick<ArchiveStudent, 'name' | 'gradeName' | 'className'>, reason: string): Cell[] {
  return [student.name, `${student.gradeName} ${student.className}`, reason];
}
