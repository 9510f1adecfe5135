// Grade sheets (登分表): the section's teacher saves drafts as often as needed and submits once;
// submitting locks the sheet and writes each student's grade into its own partition (and the
// make-up list), all in one transaction with the audit entry. Afterwards a grade changes only
// through a gradeCorrection case.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { getSheet, lockSheet, putDraft, putStudentGrade, type SheetItem } from '#shared/data/grade-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { getSection } from '#shared/data/teaching-repo.ts';
import { passed, ungraded, type Grade } from '#shared/domain/grades/sheet.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { Section } from '#shared/domain/teaching/course.ts';
import { badRequest, conflict, forbidden, notFound, preconditionFailed, ruleViolation } from '#shared/http/api-error.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { actorOf } from '../students/access.ts';
import { assertCurrent } from '../students/if-match.ts';
import { mayRead, mayReadRoster } from '../teaching/access.ts';
import { rosterOf, type RosterEntry } from '../teaching/read.ts';

async function sectionFor(principal: Principal, sectionId: string): Promise<Section> {
  // Eventually consistent is enough: a section's teacher changes rarely, and the sheet's own write is conditional.
  const section = await getSection(sectionId);
  if (!section || !mayRead(principal, section)) throw notFound('教学班不存在');
  return section;
}

function assertTeacher(principal: Principal, section: Section): void {
  if (section.teacherId !== principal.userId) throw forbidden('NOT_SECTION_TEACHER', '只有本教学班的任课教师可以录入和提交成绩');
}

const locked = () => conflict('GRADES_LOCKED', '成绩已提交，不能再修改；如需更正请提交成绩更正申请');

/** Every grade's student must be on the roster: the refusal names each one that is not. */
function assertOnRoster(grades: readonly Grade[], roster: readonly RosterEntry[]): void {
  const on = new Set(roster.map((entry) => entry.studentId));
  const off = grades.flatMap((grade, index) => (on.has(grade.studentId) ? [] : [{ path: `grades.${index}.studentId`, code: 'not_on_roster', message: `学生 ${grade.studentId} 不在本教学班名单上` }]));
  if (off.length > 0) throw ruleViolation('NOT_ON_ROSTER', `${off.length} 名学生不在本教学班名单上`, off);
}

function newSheet(section: Section, grades: Grade[], version: number, at: string): SheetItem {
  return {
    sectionId: section.sectionId,
    status: 'draft',
    grades,
    version,
    updatedAt: at,
    schoolId: section.schoolId,
    term: section.term,
    classId: section.classId,
    courseId: section.courseId,
    courseName: section.courseName,
    credits: section.credits,
    teacherId: section.teacherId!,
  };
}

/** Saves the draft: the sheet's grades become exactly these; `expected` (If-Match) guards against another window's save. */
export async function saveGrades(principal: Principal, sectionId: string, grades: Grade[], expected?: number): Promise<SheetView> {
  const section = await sectionFor(principal, sectionId);
  assertTeacher(principal, section);
  const seen = new Set<string>();
  for (const [index, grade] of grades.entries()) {
    if (seen.has(grade.studentId)) throw badRequest('VALIDATION_FAILED', '同一学生出现了两次', [{ path: `grades.${index}.studentId`, code: 'duplicate', message: '学生重复' }]);
    seen.add(grade.studentId);
  }
  const roster = await rosterOf(section);
  assertOnRoster(grades, roster);
  const before = await getSheet(sectionId, true);
  if (before?.status === 'submitted') throw locked();
  assertCurrent(expected, before?.version ?? 0);
  const sheet = newSheet(section, grades, (before?.version ?? 0) + 1, new Date().toISOString());
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), [putDraft(sheet, before?.version ?? 0)], {
      entity: { type: 'SHEET', id: sectionId },
      actor: actorOf(principal),
      action: 'grades.save',
      changes: [{ field: 'grades', old: before?.grades.length ?? 0, new: grades.length }],
    });
  } catch (error) {
    if (!(error instanceof TransactionConflict)) throw error;
    if ((await getSheet(sectionId, true))?.status === 'submitted') throw locked();
    throw preconditionFailed('成绩单已被同时保存，请刷新后再保存');
  }
  return viewOf(sectionId, sheet, roster);
}

export async function submitGrades(principal: Principal, sectionId: string): Promise<SheetView> {
  const section = await sectionFor(principal, sectionId);
  assertTeacher(principal, section);
  const [sheet, roster] = await Promise.all([getSheet(sectionId, true), rosterOf(section)]);
  // Submitted already (a retry whose answer was lost): nothing more to do.
  if (sheet?.status === 'submitted') return viewOf(sectionId, sheet, roster);
  const missing = ungraded(sheet?.grades ?? [], roster.map((entry) => entry.studentId));
  if (!sheet || missing.length > 0) {
    const names = roster.filter((entry) => missing.includes(entry.studentId)).map((entry) => entry.name);
    throw ruleViolation('GRADES_INCOMPLETE', `还有 ${missing.length} 名学生没有成绩或标记：${names.slice(0, 5).join('、')}${names.length > 5 ? ' 等' : ''}`).withDetails({ studentIds: missing });
  }
  assertOnRoster(sheet.grades, roster);
  const at = new Date().toISOString();
  const names = new Map(roster.map((entry) => [entry.studentId, entry.name]));
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), [lockSheet(sheet, at), ...sheet.grades.map((grade) => putStudentGrade(sheet, { ...grade, name: names.get(grade.studentId)! }, at))], {
      entity: { type: 'SHEET', id: sectionId },
      actor: actorOf(principal),
      action: 'grades.submit',
      changes: [{ field: 'status', old: 'draft', new: 'submitted' }],
    });
  } catch (error) {
    if (!(error instanceof TransactionConflict)) throw error;
    const now = await getSheet(sectionId, true);
    if (now?.status === 'submitted') return viewOf(sectionId, now, roster);
    throw preconditionFailed('成绩单已被同时修改，请刷新后再提交');
  }
  return viewOf(sectionId, { ...sheet, status: 'submitted', submittedAt: at, updatedAt: at, version: sheet.version + 1 }, roster);
}

export interface SheetView {
  sectionId: string;
  status: 'draft' | 'submitted';
  version: number;
  submittedAt?: string | undefined;
  grades: (Grade & { name: string; passed: boolean })[];
}

/** The sheet with names, for the section's teacher, the school's offices and the class's advisor. */
export async function readGrades(principal: Principal, sectionId: string): Promise<SheetView> {
  const section = await sectionFor(principal, sectionId);
  if (!mayReadRoster(principal, section)) throw notFound('教学班不存在');
  const [sheet, roster] = await Promise.all([getSheet(sectionId), rosterOf(section)]);
  return viewOf(sectionId, sheet, roster);
}

/** The sheet as the API shows it, with names from the roster (an empty draft before the first save). */
function viewOf(sectionId: string, sheet: SheetItem | undefined, roster: readonly RosterEntry[]): SheetView {
  const names = new Map(roster.map((entry) => [entry.studentId, entry.name]));
  return {
    sectionId,
    status: sheet?.status ?? 'draft',
    version: sheet?.version ?? 0,
    ...(sheet?.submittedAt ? { submittedAt: sheet.submittedAt } : {}),
    grades: (sheet?.grades ?? []).map((grade) => ({ ...grade, name: names.get(grade.studentId) ?? '', passed: passed(grade) })),
  };
}
