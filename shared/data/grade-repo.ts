// Data access for grades (成绩), in the records table beside the students they belong to:
//   SHEET#<sectionId> / SHEET                 a section's grade sheet: draft or submitted, its grades inline
//   STUDENT#<id> / GRADE#<term>#<sectionId>   a submitted grade in the student's own partition, so a
//                                             student's grades of a term (or all, for a transcript) are one Query;
//                                             a failed, absent or cheating one is also in the school's make-up
//                                             list of the term (GSI1 MAKEUP#<schoolId>#<term>, by course), and
//                                             carries its make-up result (makeup) once entered
//   MAKEUP#<makeupId> / SITTING               a make-up sitting (补考) of a course and term: its students and results
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { MakeupReason, MakeupSitting, MakeupStudent } from '#shared/domain/grades/makeup.ts';
import { makeupReason, passed, type Grade, type GradeValue, type Mark, type Sheet } from '#shared/domain/grades/sheet.ts';
import type { Section } from '#shared/domain/teaching/course.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { queryAll } from './query-page.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);

export const sheetKey = (sectionId: string) => ({ PK: `SHEET#${sectionId}`, SK: 'SHEET' });
export const studentGradeKey = (studentId: string, term: string, sectionId: string) => ({ PK: `STUDENT#${studentId}`, SK: `GRADE#${term}#${sectionId}` });

/** A sheet as stored: the grades and what they are of (the section at the time of writing). */
export type SheetItem = Sheet & Pick<Section, 'schoolId' | 'term' | 'classId' | 'courseId' | 'courseName' | 'credits'> & { teacherId: string };

export async function getSheet(sectionId: string, consistent = false): Promise<SheetItem | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: sheetKey(sectionId), ConsistentRead: consistent }));
  if (!Item) return undefined;
  const { PK: _pk, SK: _sk, itemType: _type, ...sheet } = Item;
  return sheet as SheetItem;
}

// The items as stored (also what the local demo data writes).
export const sheetItem = (sheet: SheetItem) => ({ ...sheetKey(sheet.sectionId), itemType: 'sheet', ...sheet });

/** The sheets of these sections that exist (at most 100 ids: one page of sections). */
export async function getSheets(sectionIds: readonly string[]): Promise<Map<string, SheetItem>> {
  const sheets = new Map<string, SheetItem>();
  let keys: Record<string, unknown>[] = sectionIds.map(sheetKey);
  // Unprocessed keys (throttling) are asked for again.
  while (keys.length > 0) {
    const result = await dynamo.send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: keys } } }));
    for (const item of result.Responses?.[table()] ?? []) {
      const { PK: _pk, SK: _sk, itemType: _type, ...sheet } = item;
      sheets.set(sheet.sectionId as string, sheet as SheetItem);
    }
    keys = (result.UnprocessedKeys?.[table()]?.Keys ?? []) as Record<string, unknown>[];
  }
  return sheets;
}

/** Writes a draft over the version read (0: none yet), while it is still a draft. */
export function putDraft(sheet: SheetItem, readVersion: number): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: sheetItem(sheet),
      ...(readVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: '#status = :draft AND version = :read', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':draft': 'draft', ':read': readVersion } }),
    },
  };
}

/** A submitted sheet with a corrected grade, over the version read. */
export function replaceSheet(sheet: SheetItem, readVersion: number): TransactItem {
  return { Put: { TableName: table(), Item: sheetItem(sheet), ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': readVersion } } };
}

export function lockSheet(sheet: SheetItem, at: string): TransactItem {
  return {
    Update: {
      TableName: table(),
      Key: sheetKey(sheet.sectionId),
      UpdateExpression: 'SET #status = :submitted, submittedAt = :at, updatedAt = :at, version = version + :one',
      ConditionExpression: '#status = :draft AND version = :read',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':submitted': 'submitted', ':draft': 'draft', ':at': at, ':read': sheet.version, ':one': 1 },
    },
  };
}

/** A submitted grade in the student's partition (and the make-up list when it calls for one). */
export function studentGradeItem(sheet: SheetItem, grade: Grade & { name: string }, at: string): Record<string, unknown> {
  const reason = makeupReason(grade);
  return {
    ...studentGradeKey(grade.studentId, sheet.term, sheet.sectionId),
    itemType: 'grade',
    studentId: grade.studentId,
    name: grade.name,
    sectionId: sheet.sectionId,
    schoolId: sheet.schoolId,
    classId: sheet.classId,
    term: sheet.term,
    courseId: sheet.courseId,
    courseName: sheet.courseName,
    credits: sheet.credits,
    ...(grade.mark ? { mark: grade.mark } : { score: grade.score }),
    passed: passed(grade),
    submittedAt: at,
    ...(reason ? { GSI1PK: `MAKEUP#${sheet.schoolId}#${sheet.term}`, GSI1SK: `${sheet.courseId}#${grade.studentId}`, status: reason } : {}),
  };
}

/** A student's submitted grade item as stored (with its make-up result, if any). */
export async function getStudentGrade(studentId: string, term: string, sectionId: string): Promise<(Record<string, unknown> & GradeValue & { name: string; submittedAt: string; makeup?: unknown }) | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: studentGradeKey(studentId, term, sectionId), ConsistentRead: true }));
  return Item as (Record<string, unknown> & GradeValue & { name: string; submittedAt: string; makeup?: unknown }) | undefined;
}

export function putStudentGrade(sheet: SheetItem, grade: Grade & { name: string }, at: string): TransactItem {
  return { Put: { TableName: table(), Item: studentGradeItem(sheet, grade, at) } };
}

export interface StudentGrade {
  studentId: string;
  sectionId: string;
  term: string;
  courseId: string;
  courseName: string;
  credits: number;
  score?: number;
  mark?: Mark;
  passed: boolean;
  submittedAt: string;
  makeup?: { score?: number; mark?: Mark; date: string; room?: string };
}

/** A student's submitted grades, of one term or all, by term and section. */
export async function studentGrades(studentId: string, term?: string): Promise<StudentGrade[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': `STUDENT#${studentId}`, ':prefix': term ? `GRADE#${term}#` : 'GRADE#' },
  });
  return items.map(({ studentId: id, sectionId, term: itemTerm, courseId, courseName, credits, score, mark, passed: ok, submittedAt, makeup }) => ({
    studentId: id as string,
    sectionId: sectionId as string,
    term: itemTerm as string,
    courseId: courseId as string,
    courseName: courseName as string,
    credits: credits as number,
    ...(score !== undefined ? { score: score as number } : {}),
    ...(mark !== undefined ? { mark: mark as Mark } : {}),
    passed: ok as boolean,
    submittedAt: submittedAt as string,
    ...(makeup ? { makeup: makeup as StudentGrade['makeup'] } : {}),
  }));
}

/** The term's make-up candidates of a school (failed, absent, cheating), by course. */
export async function makeupCandidates(schoolId: string, term: string, courseId?: string): Promise<(MakeupStudent & { courseId: string })[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'GSI1',
    KeyConditionExpression: courseId ? 'GSI1PK = :pk AND begins_with(GSI1SK, :course)' : 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': `MAKEUP#${schoolId}#${term}`, ...(courseId ? { ':course': `${courseId}#` } : {}) },
  });
  return items.map((item) => ({ courseId: (item.GSI1SK as string).split('#')[0]!, studentId: item.studentId as string, name: item.name as string, classId: item.classId as string, reason: item.status as MakeupReason, gradeKey: item.SK as string }));
}

export const sittingKey = (makeupId: string) => ({ PK: `MAKEUP#${makeupId}`, SK: 'SITTING' });

export async function getSitting(makeupId: string, consistent = false): Promise<(MakeupSitting & { orgPath: string }) | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: sittingKey(makeupId), ConsistentRead: consistent }));
  if (!Item) return undefined;
  const { PK: _pk, SK: _sk, itemType: _type, ...sitting } = Item;
  return sitting as MakeupSitting & { orgPath: string };
}

export function putSitting(sitting: MakeupSitting & { orgPath: string }, readVersion: number): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: { ...sittingKey(sitting.makeupId), itemType: 'makeup', ...sitting },
      ...(readVersion === 0 ? { ConditionExpression: 'attribute_not_exists(PK)' } : { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': readVersion } }),
    },
  };
}

/**
 * The make-up sitting beside a student's original grade (which must exist): its date and room once
 * scheduled, and its result once entered; the student reads both with its grades.
 */
export function setMakeup(studentId: string, gradeKey: string, sitting: { date: string; room: string }, result?: GradeValue): TransactItem {
  return {
    Update: {
      TableName: table(),
      Key: { PK: `STUDENT#${studentId}`, SK: gradeKey },
      UpdateExpression: 'SET makeup = :makeup',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':makeup': { date: sitting.date, room: sitting.room, ...(result ? (result.mark ? { mark: result.mark } : { score: result.score }) : {}) } },
    },
  };
}
