// Grade sheets (登分表): a section's scores (0 to 100, one decimal) or marks (缺考 absent, 免考
// exempt, 作弊 cheating) for the students on its roster. A sheet is a draft until its teacher
// submits it; then it is locked, and a grade changes only through an approved correction case.
export const MARKS = ['absent', 'exempt', 'cheating'] as const;
export type Mark = (typeof MARKS)[number];
export const MARK_LABEL: Record<Mark, string> = { absent: '缺考', exempt: '免考', cheating: '作弊' };

export const PASS_SCORE = 60;
/** A sheet is one class's: it and its students' grades commit in one transaction. */
export const MAX_SHEET_GRADES = 90;

/** Results of one make-up sitting saved at once: a course's make-up may take in a whole school's failures. */
export const MAX_MAKEUP_RESULTS = 1000;

export type GradeValue = { score: number; mark?: undefined } | { mark: Mark; score?: undefined };
export type Grade = GradeValue & { studentId: string };

export interface Sheet {
  sectionId: string;
  status: 'draft' | 'submitted';
  grades: Grade[];
  version: number;
  updatedAt: string;
  submittedAt?: string | undefined;
}

/** Passed: a score of 60 or more, or exempt. */
export function passed(grade: GradeValue): boolean {
  return grade.mark === 'exempt' || (grade.score !== undefined && grade.score >= PASS_SCORE);
}

/** Why a grade puts a student on the make-up list (补考), if it does: failed, absent or cheating. */
export function makeupReason(grade: GradeValue): 'failed' | Exclude<Mark, 'exempt'> | undefined {
  if (grade.mark === 'absent' || grade.mark === 'cheating') return grade.mark;
  if (grade.score !== undefined && grade.score < PASS_SCORE) return 'failed';
  return undefined;
}

/** One decimal place at most: 87.5 yes, 87.25 no (compared in tenths, so 0.1 + 0.2 is no trouble). */
export function isScore(value: number): boolean {
  return value >= 0 && value <= 100 && Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}

/** The roster's students the sheet has no grade for. */
export function ungraded(grades: readonly Grade[], roster: readonly string[]): string[] {
  const graded = new Set(grades.map((grade) => grade.studentId));
  return roster.filter((studentId) => !graded.has(studentId));
}

export const gradeText = (grade: GradeValue): string => (grade.mark ? MARK_LABEL[grade.mark] : String(grade.score));
