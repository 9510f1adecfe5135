// Data access for grades (成绩), in the records table beside the students they belong to:
//   SHEET#<sectionId> / SHEET                 a section's grade sheet: draft or submitted, its grades inline
//   STUDENT#<id> / GRADE#<term>#<sectionId>   a submitted grade in the student's own partition, so a
//                                             student's grades of a term (or all, for a transcript) are one Query;
//                                             a failed, absent or cheating one is also in the school's make-up
//                                             list of the term (GSI1 MAKEUP#<schoolId>#<term>, by course)
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { makeupReason, passed, type Grade, type Mark, type Sheet } from '#shared/domain/grades/sheet.ts';
import type { Section } from '#shared/domain/teaching/course.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
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

/** Writes a draft over the version read (0: none yet), while it is still a draft. */
export function putDraft(sheet: SheetItem, readVersion: number): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: { ...sheetKey(sheet.sectionId), itemType: 'sheet', ...sheet },
      ...(readVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: '#status = :draft AND version = :read', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':draft': 'draft', ':read': readVersion } }),
    },
  };
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
export function putStudentGrade(sheet: SheetItem, grade: Grade & { name: string }, at: string): TransactItem {
  const reason = makeupReason(grade);
  return {
    Put: {
      TableName: table(),
      Item: {
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
      },
    },
  };
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
}

/** A student's submitted grades, of one term or all, by term and section. */
export async function studentGrades(studentId: string, term?: string): Promise<StudentGrade[]> {
  const grades: StudentGrade[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `STUDENT#${studentId}`, ':prefix': term ? `GRADE#${term}#` : 'GRADE#' },
        ExclusiveStartKey: start,
      }),
    );
    grades.push(
      ...(page.Items ?? []).map(({ studentId: id, sectionId, term: itemTerm, courseId, courseName, credits, score, mark, passed: ok, submittedAt }) => ({
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
      })),
    );
    start = page.LastEvaluatedKey;
  } while (start);
  return grades;
}
