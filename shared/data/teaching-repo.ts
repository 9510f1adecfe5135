// Data access for teaching (教学): courses, teaching plans, sections and their schedule bookings,
// kept in the directory table beside the organisations they belong to (no personal data).
// Items: COURSE#<id>/META (a school's courses via GSI1 COURSES#<schoolId>), PLAN#<id>/META,
// SECTION#<id>/META (a school's sections of a term via GSI1 SECTIONS#<schoolId>#<term>, sorted by
// class and course; a teacher's via sparse GSI2 TEACHES#<teacherId>#<term>) and BOOKING#<schoolId>#<term>/<resource>#<id>#<day>#<period>: one per
// teacher, room and class in each slot, written only if absent.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Course, Section, TeachingPlan } from '#shared/domain/teaching/course.ts';
import type { Booking } from '#shared/domain/teaching/schedule.ts';
import { DIRECTORY_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { queryAll, queryPage, type PageRequest } from './query-page.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(DIRECTORY_TABLE);

export const courseKey = (courseId: string) => ({ PK: `COURSE#${courseId}`, SK: 'META' });
export const planKey = (planId: string) => ({ PK: `PLAN#${planId}`, SK: 'META' });
export const sectionKey = (sectionId: string) => ({ PK: `SECTION#${sectionId}`, SK: 'META' });
const sectionsPartition = (schoolId: string, term: string) => `SECTIONS#${schoolId}#${term}`;
export const bookingKey = (schoolId: string, term: string, booking: Booking) => ({ PK: `BOOKING#${schoolId}#${term}`, SK: `${booking.resource}#${booking.resourceId}#${booking.day}#${booking.period}` });

const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, GSI1PK: _gpk, GSI1SK: _gsk, GSI2PK: _tpk, GSI2SK: _tsk, itemType: _type, ...rest } = item;
  return rest as T;
};

// The items as stored (also what the local demo data writes).
export const courseItem = (course: Course) => ({ ...courseKey(course.courseId), GSI1PK: `COURSES#${course.schoolId}`, GSI1SK: course.code, itemType: 'course', ...course });
export const planItem = (plan: TeachingPlan) => ({ ...planKey(plan.planId), GSI1PK: `PLANS#${plan.schoolId}`, GSI1SK: `${plan.term}#${plan.gradeId}`, itemType: 'plan', ...plan });
const teachesPartition = (teacherId: string, term: string) => `TEACHES#${teacherId}#${term}`;
export const sectionItem = (section: Section) => ({
  ...sectionKey(section.sectionId),
  GSI1PK: sectionsPartition(section.schoolId, section.term),
  GSI1SK: `${section.classId}#${section.courseId}`,
  // Only a section with a teacher is in a teacher's list; Put replaces the item, so a new teacher moves it.
  ...(section.teacherId ? { GSI2PK: teachesPartition(section.teacherId, section.term), GSI2SK: `${section.classId}#${section.courseId}` } : {}),
  itemType: 'section',
  ...section,
});
export const bookingItem = (section: Section, booking: Booking) => ({ ...bookingKey(section.schoolId, section.term, booking), itemType: 'booking', sectionId: section.sectionId });

export function putCourse(course: Course): TransactItem {
  return { Put: { TableName: table(), Item: courseItem(course), ConditionExpression: 'attribute_not_exists(PK)' } };
}

export function putPlan(plan: TeachingPlan): TransactItem {
  return { Put: { TableName: table(), Item: planItem(plan), ConditionExpression: 'attribute_not_exists(PK)' } };
}

export function putSection(section: Section): TransactItem {
  return { Put: { TableName: table(), Item: sectionItem(section), ConditionExpression: 'attribute_not_exists(PK)' } };
}

/** The section's new state, if it is still at the version it was read at. */
export function replaceSection(section: Section, readVersion: number): TransactItem {
  return { Put: { TableName: table(), Item: sectionItem(section), ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': readVersion } } };
}

export function book(section: Section, booking: Booking): TransactItem {
  return { Put: { TableName: table(), Item: bookingItem(section, booking), ConditionExpression: 'attribute_not_exists(PK)' } };
}

/** Frees a booking the section holds (and only if it still holds it). */
export function release(section: Section, booking: Booking): TransactItem {
  return { Delete: { TableName: table(), Key: bookingKey(section.schoolId, section.term, booking), ConditionExpression: 'sectionId = :me', ExpressionAttributeValues: { ':me': section.sectionId } } };
}

/** Which section holds a booking now (strongly consistent: read right after a refused booking). */
export async function bookingHolder(schoolId: string, term: string, booking: Booking): Promise<string | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: bookingKey(schoolId, term, booking), ConsistentRead: true }));
  return Item?.sectionId as string | undefined;
}

export async function getCourse(courseId: string): Promise<Course | undefined> {
  return strip<Course>((await dynamo.send(new GetCommand({ TableName: table(), Key: courseKey(courseId) }))).Item);
}

export async function getPlan(planId: string): Promise<TeachingPlan | undefined> {
  return strip<TeachingPlan>((await dynamo.send(new GetCommand({ TableName: table(), Key: planKey(planId) }))).Item);
}

export async function getSection(sectionId: string, consistent = false): Promise<Section | undefined> {
  return strip<Section>((await dynamo.send(new GetCommand({ TableName: table(), Key: sectionKey(sectionId), ConsistentRead: consistent }))).Item);
}

export async function listCourses(schoolId: string, page: PageRequest): Promise<{ items: Course[]; nextCursor: string | null }> {
  const result = await queryPage({ table: table(), index: 'GSI1', partitionKey: 'GSI1PK', partition: `COURSES#${schoolId}` }, page);
  return { items: result.items.map((item) => strip<Course>(item)!), nextCursor: result.nextCursor };
}

/** A school's teaching plans, of one term or all, by term and grade. */
export async function listPlans(schoolId: string, term?: string): Promise<TeachingPlan[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'GSI1',
    KeyConditionExpression: term ? 'GSI1PK = :pk AND begins_with(GSI1SK, :term)' : 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': `PLANS#${schoolId}`, ...(term ? { ':term': `${term}#` } : {}) },
  });
  return items.map((item) => strip<TeachingPlan>(item)!);
}

/** A school's sections of a term, by class and course; `classId` narrows to one class. */
export async function listSections(schoolId: string, term: string, page: PageRequest, classId?: string): Promise<{ items: Section[]; nextCursor: string | null }> {
  const result = await queryPage(
    { table: table(), index: 'GSI1', partitionKey: 'GSI1PK', partition: sectionsPartition(schoolId, term), ...(classId ? { sortPrefix: { key: 'GSI1SK', value: `${classId}#` } } : {}) },
    page,
  );
  return { items: result.items.map((item) => strip<Section>(item)!), nextCursor: result.nextCursor };
}

/** The sections one teacher teaches in a term, by class and course; `classId` narrows to one class. */
export async function teacherSections(teacherId: string, term: string, page: PageRequest, classId?: string): Promise<{ items: Section[]; nextCursor: string | null }> {
  const result = await queryPage(
    { table: table(), index: 'GSI2', partitionKey: 'GSI2PK', partition: teachesPartition(teacherId, term), ...(classId ? { sortPrefix: { key: 'GSI2SK', value: `${classId}#` } } : {}) },
    page,
  );
  return { items: result.items.map((item) => strip<Section>(item)!), nextCursor: result.nextCursor };
}

/** Every section of a class in a term (a class has a few dozen at most). */
export async function classSections(schoolId: string, term: string, classId: string): Promise<Section[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :class)',
    ExpressionAttributeValues: { ':pk': sectionsPartition(schoolId, term), ':class': `${classId}#` },
  });
  return items.map((item) => strip<Section>(item)!);
}
