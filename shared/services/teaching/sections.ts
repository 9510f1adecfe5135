// Sections (教学班): a course taught to a class in a term, with its teacher, room and time slots.
// Creating or rearranging one writes the section and its bookings in one transaction, so a
// teacher, a room or a class is never booked twice in a term, day and period, even by requests
// that race; the refusal names the section it collides with.
import { commitWithAudit, TransactionConflict, type FieldChange } from '#shared/data/audit.ts';
import { getPrincipal } from '#shared/data/directory-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { book, bookingHolder, getCourse, getSection, putSection, release, replaceSection } from '#shared/data/teaching-repo.ts';
import { isWithin, type Org } from '#shared/domain/org.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { sectionIdOf, type Course, type Section } from '#shared/domain/teaching/course.ts';
import { bookingChanges, bookingsOf, DAY_LABEL, repeatedSlot, RESOURCE_LABEL, type Booking, type Slot } from '#shared/domain/teaching/schedule.ts';
import { badRequest, conflict, notFound, preconditionFailed, ruleViolation } from '#shared/http/api-error.ts';
import { DIRECTORY_TABLE } from '#shared/manifest/resources.ts';
import { actorOf } from '../students/access.ts';
import { assertCurrent } from '../students/if-match.ts';
import { assertArranges, mayRead, orgOfKind, schoolOf } from './access.ts';

export interface Arrangement {
  teacherId?: string | null | undefined;
  room?: string | null | undefined;
  slots?: Slot[] | undefined;
}

/** The teacher's name, if the id is a teacher of the school or an advisor of one of its classes. */
async function teacherName(school: Org, teacherId: string): Promise<string> {
  const teacher = await getPrincipal(teacherId);
  if (!teacher || !['teacher', 'class_advisor'].includes(teacher.role) || !isWithin(teacher.orgPath, school.orgPath)) {
    throw ruleViolation('VALIDATION_FAILED', '任课教师须为本校的教师账号', [{ path: 'teacherId', code: 'unknown_teacher', message: '不是本校的教师账号' }]);
  }
  return teacher.displayName;
}

function checkSlots(slots: readonly Slot[]): void {
  const twice = repeatedSlot(slots);
  if (twice) {
    const message = `${DAY_LABEL[twice.day]}第${twice.period}节重复`;
    throw badRequest('VALIDATION_FAILED', message, [{ path: 'slots', code: 'duplicate', message }]);
  }
}

/** The refusal of a booking another section holds, naming it. */
async function scheduleConflict(section: Section, booking: Booking): Promise<never> {
  const holder = await bookingHolder(section.schoolId, section.term, booking);
  const other = holder ? await getSection(holder) : undefined;
  const what = other ? `“${other.courseName}” (${other.classId})` : '另一个教学班';
  throw conflict('SCHEDULE_CONFLICT', `${RESOURCE_LABEL[booking.resource]}在${DAY_LABEL[booking.day]}第${booking.period}节已有${what}`, [
    { path: booking.resource === 'class' ? 'slots' : booking.resource === 'teacher' ? 'teacherId' : 'room', code: 'schedule_conflict', message: `${DAY_LABEL[booking.day]}第${booking.period}节已有课程` },
  ]).withDetails({ resource: booking.resource, sectionId: holder ?? null, day: booking.day, period: booking.period });
}

const ARRANGED = ['teacherId', 'teacherName', 'room', 'slots'] as const;

async function write(principal: Principal, section: Section, items: Parameters<typeof commitWithAudit>[1], bookings: Booking[], action: string, changes: FieldChange[]): Promise<void> {
  const table = tableName(DIRECTORY_TABLE);
  try {
    await commitWithAudit(table, items, { entity: { type: 'SECTION', id: section.sectionId }, actor: actorOf(principal), action, changes });
  } catch (error) {
    if (!(error instanceof TransactionConflict)) throw error;
    const failed = error.reasons.findIndex((reason) => reason === 'ConditionalCheckFailed');
    if (failed === -1) throw error;
    // The section item first: created already, or changed since it was read; the new bookings last.
    if (failed === 0 && action === 'section.create') throw conflict('SECTION_EXISTS', '该班级本学期已开设这门课程', [{ path: 'courseId', code: 'duplicate', message: '该班级本学期已开设这门课程' }]);
    const firstBooking = items.length - bookings.length;
    if (failed >= firstBooking) await scheduleConflict(section, bookings[failed - firstBooking]!);
    throw preconditionFailed('教学班已被他人修改，请刷新后重试');
  }
}

export interface NewSection extends Arrangement {
  courseId: string;
  term: string;
  classId: string;
}

/** A section of a course for a class in a term; `planId` when a plan generated it. */
export async function sectionFor(principal: Principal, course: Course, klass: Org, term: string, arrangement: Arrangement, planId?: string): Promise<Section> {
  const school = await schoolOf(klass);
  if (course.schoolId !== school.orgId) throw ruleViolation('VALIDATION_FAILED', '课程不属于该班级所在学校', [{ path: 'courseId', code: 'other_school', message: '不是本校的课程' }]);
  const slots = arrangement.slots ?? [];
  checkSlots(slots);
  return {
    sectionId: sectionIdOf(klass.orgId, term, course.code),
    schoolId: school.orgId,
    orgPath: klass.orgPath,
    courseId: course.courseId,
    courseName: course.name,
    credits: course.credits,
    term,
    classId: klass.orgId,
    ...(arrangement.teacherId ? { teacherId: arrangement.teacherId, teacherName: await teacherName(school, arrangement.teacherId) } : {}),
    ...(arrangement.room ? { room: arrangement.room } : {}),
    slots,
    ...(planId ? { planId } : {}),
    version: 1,
  };
}

export async function createSection(principal: Principal, input: NewSection): Promise<Section> {
  const klass = await orgOfKind(principal, input.classId, 'class', 'classId');
  assertArranges(principal, klass);
  const course = await getCourse(input.courseId);
  if (!course) throw ruleViolation('VALIDATION_FAILED', '课程不存在', [{ path: 'courseId', code: 'not_found', message: '课程不存在' }]);
  const section = await sectionFor(principal, course, klass, input.term, input);
  const bookings = bookingsOf(section);
  await write(principal, section, [putSection(section), ...bookings.map((booking) => book(section, booking))], bookings, 'section.create', [
    { field: 'courseId', old: null, new: section.courseId },
    { field: 'classId', old: null, new: section.classId },
    { field: 'term', old: null, new: section.term },
    ...ARRANGED.filter((field) => section[field] !== undefined && !(field === 'slots' && section.slots.length === 0)).map((field) => ({ field, old: null, new: section[field] })),
  ]);
  return section;
}

export async function readSection(principal: Principal, sectionId: string): Promise<Section> {
  const section = await getSection(sectionId);
  if (!section || !mayRead(principal, section)) throw notFound('教学班不存在');
  return section;
}

/** Changes a section's teacher, room or slots under If-Match; bookings follow. */
export async function arrangeSection(principal: Principal, sectionId: string, expected: number, input: Arrangement): Promise<Section> {
  const before = await getSection(sectionId, true);
  if (!before || !mayRead(principal, before)) throw notFound('教学班不存在');
  const klass = await orgOfKind(principal, before.classId, 'class', 'classId');
  assertArranges(principal, klass);
  assertCurrent(expected, before.version);
  const school = await schoolOf(klass);
  const after: Section = { ...before, version: before.version + 1 };
  if (input.teacherId !== undefined) {
    delete after.teacherId;
    delete after.teacherName;
    if (input.teacherId) Object.assign(after, { teacherId: input.teacherId, teacherName: await teacherName(school, input.teacherId) });
  }
  if (input.room !== undefined) {
    delete after.room;
    if (input.room) after.room = input.room;
  }
  if (input.slots !== undefined) {
    checkSlots(input.slots);
    after.slots = input.slots;
  }
  const changes = ARRANGED.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field])).map((field) => ({ field, old: before[field] ?? null, new: after[field] ?? null }));
  if (changes.length === 0) throw badRequest('NO_CHANGES', '提交的安排与现有安排相同');
  const { add, release: freed } = bookingChanges(bookingsOf(before), bookingsOf(after));
  await write(principal, after, [replaceSection(after, before.version), ...freed.map((booking) => release(before, booking)), ...add.map((booking) => book(after, booking))], add, 'section.arrange', changes);
  return after;
}
