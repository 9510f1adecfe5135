// Teaching (教学) over HTTP against the local stack: a school's registrar adds courses and a
// grade's teaching plan, generates its sections (one per course and class; again: nothing new),
// and arranges them. A teacher, a room or a class booked twice in a term, day and period is
// refused with the section it collides with, also when the requests race; reads follow the scope.
// Each run uses a term of its own, so runs against a kept data directory do not collide.
import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Reply } from '../support/api.ts';

interface Section {
  sectionId: string;
  courseId: string;
  classId: string;
  teacherId?: string;
  room?: string;
  slots: { day: number; period: number }[];
  version: number;
  roster?: { studentId: string; name: string }[];
}
interface ErrorBody {
  error: { code: string; details?: Record<string, unknown>; fields: { path: string }[] };
}

const SCHOOL = '2144010601';
const GRADE = `${SCHOOL}-G2026`;
const CLASSES = [`${GRADE}-C01`, `${GRADE}-C02`];
const year = 2100 + randomInt(800);
const TERM = `${year}-${year + 1}-1`;
const run = randomInt(1e6).toString(36).toUpperCase();

let registrar: string;
let teacherId: string;

async function course(code: string, name: string): Promise<Reply<{ courseId: string } & ErrorBody>> {
  return call('POST', '/v1/courses', { token: registrar, body: { schoolId: SCHOOL, code: `${code}${run}`, name, credits: 3, hours: 48, assessment: 'exam' } });
}

async function arrange(section: Section, body: Record<string, unknown>, version = section.version): Promise<Reply<Section & ErrorBody>> {
  return call('PATCH', `/v1/sections/${section.sectionId}`, { token: registrar, body, headers: { 'if-match': `"${version}"` } });
}

beforeAll(async () => {
  registrar = await login('registrar-th-shiyan');
  teacherId = (await call<{ userId: string }>('GET', '/v1/me', { token: await login('teacher-th-shiyan') })).body.userId;
});

describe('courses and plans', () => {
  let sections: Section[];

  it('generate a section per course and class; generating again creates nothing new', async () => {
    const math = await course('MATH', '高等数学');
    expect(math.status, JSON.stringify(math.body)).toBe(201);
    const twice = await course('MATH', '高等数学');
    expect([twice.status, twice.body.error.code, twice.body.error.fields[0]?.path]).toEqual([409, 'COURSE_EXISTS', 'code']);
    const english = await course('ENG', '大学英语');
    const listed = await call<{ items: { courseId: string }[] }>('GET', `/v1/courses?schoolId=${SCHOOL}&limit=500`, { token: registrar });
    expect(listed.body.items.map((item) => item.courseId)).toEqual(expect.arrayContaining([math.body.courseId, english.body.courseId]));

    const planBody = { schoolId: SCHOOL, gradeId: GRADE, term: TERM, courses: [{ courseId: math.body.courseId, hoursPerWeek: 4 }, { courseId: english.body.courseId, hoursPerWeek: 3 }] };
    const plan = await call<{ planId: string } & ErrorBody>('POST', '/v1/teaching-plans', { token: registrar, body: planBody });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    expect((await call<ErrorBody>('POST', '/v1/teaching-plans', { token: registrar, body: planBody })).body.error.code).toBe('PLAN_EXISTS');
    const plans = await call<{ items: { planId: string; courses: unknown[] }[] }>('GET', `/v1/teaching-plans?schoolId=${SCHOOL}&term=${TERM}`, { token: await login('teacher-th-shiyan') });
    expect(plans.body.items.map((item) => [item.planId, item.courses.length])).toEqual([[plan.body.planId, 2]]);

    const generated = await call<{ items: Section[] }>('POST', `/v1/teaching-plans/${plan.body.planId}/sections`, { token: registrar });
    expect(generated.status, JSON.stringify(generated.body)).toBe(201);
    sections = generated.body.items;
    expect(sections.map((section) => [section.classId, section.courseId]).sort()).toEqual(CLASSES.flatMap((classId) => [math.body.courseId, english.body.courseId].map((courseId) => [classId, courseId])).sort());
    expect(sections.every((section) => section.version === 1 && section.slots.length === 0 && section.teacherId === undefined)).toBe(true);
    const again = await call<{ items: Section[] }>('POST', `/v1/teaching-plans/${plan.body.planId}/sections`, { token: registrar });
    expect(again.body.items).toEqual(sections);
  });

  it('are the school office’s: a teacher and another school are refused, and wrong input is named', async () => {
    const teacher = await login('teacher-th-shiyan');
    expect((await call('POST', '/v1/courses', { token: teacher, body: { schoolId: SCHOOL, code: `X${run}`, name: '测试', credits: 1, hours: 16, assessment: 'check' } })).status).toBe(403);
    expect((await call('POST', '/v1/courses', { token: await login('registrar-th-huajing'), body: { schoolId: SCHOOL, code: `X${run}`, name: '测试', credits: 1, hours: 16, assessment: 'check' } })).status).toBe(403);
    const badTerm = await call<ErrorBody>('POST', '/v1/teaching-plans', { token: registrar, body: { schoolId: SCHOOL, gradeId: GRADE, term: '2026-2028-1', courses: [{ courseId: 'x', hoursPerWeek: 1 }] } });
    expect([badTerm.status, badTerm.body.error.fields.map((field) => field.path)]).toEqual([400, ['term']]);
    const badSlot = await arrange(sections[0]!, { slots: [{ day: 8, period: 1 }] });
    expect([badSlot.status, badSlot.body.error.fields[0]?.path]).toEqual([400, 'slots.0.day']);
    const sameSlotTwice = await arrange(sections[0]!, { slots: [{ day: 2, period: 2 }, { day: 2, period: 2 }] });
    expect([sameSlotTwice.status, sameSlotTwice.body.error.fields[0]?.path]).toEqual([400, 'slots']);
    const notATeacher = await arrange(sections[0]!, { teacherId: (await call<{ userId: string }>('GET', '/v1/me', { token: await login('teacher-th-huajing') })).body.userId });
    expect([notATeacher.status, notATeacher.body.error.fields[0]?.path]).toEqual([422, 'teacherId']);
    expect((await call<Section>('GET', `/v1/sections/${sections[0]!.sectionId}`, { token: registrar })).body.version).toBe(1);
  });

  it('refuse a teacher, a room or a class booked twice, naming the section it collides with', async () => {
    const [math1, eng1, math2] = [
      sections.find((section) => section.classId === CLASSES[0] && section.courseId.includes('MATH'))!,
      sections.find((section) => section.classId === CLASSES[0] && section.courseId.includes('ENG'))!,
      sections.find((section) => section.classId === CLASSES[1] && section.courseId.includes('MATH'))!,
    ];
    const arranged = await arrange(math1, { teacherId, room: 'A 101', slots: [{ day: 1, period: 1 }, { day: 3, period: 2 }] });
    expect(arranged.status, JSON.stringify(arranged.body)).toBe(200);
    expect(arranged.body).toMatchObject({ teacherId, room: 'A 101', version: 2 });
    expect(arranged.headers.get('etag')).toBe('"2"');

    const conflictOf = (reply: Reply<Section & ErrorBody>) => [reply.status, reply.body.error?.code, reply.body.error?.details];
    expect(conflictOf(await arrange(math2, { teacherId, slots: [{ day: 1, period: 1 }] }))).toEqual([409, 'SCHEDULE_CONFLICT', { resource: 'teacher', sectionId: math1.sectionId, day: 1, period: 1 }]);
    // The same room however it is spaced or cased.
    expect(conflictOf(await arrange(math2, { room: 'a101', slots: [{ day: 3, period: 2 }] }))).toEqual([409, 'SCHEDULE_CONFLICT', { resource: 'room', sectionId: math1.sectionId, day: 3, period: 2 }]);
    expect(conflictOf(await arrange(eng1, { slots: [{ day: 3, period: 2 }] }))).toEqual([409, 'SCHEDULE_CONFLICT', { resource: 'class', sectionId: math1.sectionId, day: 3, period: 2 }]);
    // Refusals changed nothing; a stale version is refused too.
    expect((await call<Section>('GET', `/v1/sections/${math2.sectionId}`, { token: registrar })).body).toMatchObject({ version: 1, slots: [] });
    expect((await arrange(math1, { room: 'B202' }, 1)).status).toBe(412);

    // Moving math1 frees its slots: the other class's section may take them now.
    expect((await arrange(math1, { slots: [{ day: 2, period: 1 }] }, 2)).status).toBe(200);
    const taken = await arrange(math2, { teacherId, room: 'A101', slots: [{ day: 1, period: 1 }, { day: 3, period: 2 }] });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
  });

  it('lets one of several racing bookings of a teacher through', async () => {
    const courses = await Promise.all(Array.from({ length: 6 }, (_, index) => course(`R${index}`, `竞争课程${index}`)));
    const replies = await Promise.all(
      courses.map((reply, index) => call<Section & ErrorBody>('POST', '/v1/sections', { token: registrar, body: { courseId: reply.body.courseId, term: TERM, classId: CLASSES[index % 2], teacherId, slots: [{ day: 5, period: 7 }] } })),
    );
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
    const refused = replies.filter((reply) => reply.status !== 201);
    expect(refused.every((reply) => reply.status === 409 && reply.body.error.code === 'SCHEDULE_CONFLICT')).toBe(true);
    const winner = replies.find((reply) => reply.status === 201)!.body;
    expect(refused.map((reply) => reply.body.error.details?.sectionId)).toEqual(refused.map(() => winner.sectionId));
    // The section and its bookings were written together: the refused ones left no section behind.
    const listed = await call<{ items: Section[] }>('GET', `/v1/sections?term=${TERM}&schoolId=${SCHOOL}&limit=500`, { token: registrar });
    expect(listed.body.items.filter((section) => new RegExp(`-KR\\d${run}$`).test(section.courseId))).toHaveLength(1);
  });

  it('are read in scope: the roster for the office and the teacher, the section alone for a student, nothing for another school', async () => {
    const math1 = sections.find((section) => section.classId === CLASSES[0] && section.courseId.includes('MATH'))!;
    const forOffice = await call<Section>('GET', `/v1/sections/${math1.sectionId}`, { token: registrar });
    expect(forOffice.body.roster?.length).toBeGreaterThan(0);
    const forTeacher = await call<Section>('GET', `/v1/sections/${math1.sectionId}`, { token: await login('teacher-th-shiyan') });
    expect(forTeacher.body.roster).toEqual(forOffice.body.roster);
    const forStudent = await call<Section>('GET', `/v1/sections/${math1.sectionId}`, { token: await login('student-th-shiyan') });
    expect(forStudent.status).toBe(200);
    expect(forStudent.body.roster).toBeUndefined();
    expect((await call('GET', `/v1/sections/${math1.sectionId}`, { token: await login('registrar-th-huajing') })).status).toBe(404);
    const byClass = await call<{ items: Section[] }>('GET', `/v1/sections?term=${TERM}&classId=${CLASSES[1]}`, { token: registrar });
    expect(byClass.body.items.every((section) => section.classId === CLASSES[1])).toBe(true);
    expect(byClass.body.items.length).toBeGreaterThanOrEqual(2);
    expect((await call<ErrorBody>('GET', `/v1/sections?term=${TERM}`, { token: await login('tianhe-admin') })).body.error.code).toBe('SCOPE_REQUIRED');

    // A class advisor teaching another class's section reads that section, and no other of that class.
    const advisor = await login('advisor-th-shiyan');
    const advisorId = (await call<{ userId: string }>('GET', '/v1/me', { token: advisor })).body.userId;
    const [eng2, math2] = [CLASSES[1], CLASSES[1]].map((classId, index) => sections.find((section) => section.classId === classId && section.courseId.includes(index === 0 ? 'ENG' : 'MATH'))!);
    const current = (await call<Section>('GET', `/v1/sections/${eng2!.sectionId}`, { token: registrar })).body;
    expect((await arrange(current, { teacherId: advisorId })).status).toBe(200);
    expect((await call('GET', `/v1/sections/${eng2!.sectionId}`, { token: advisor })).status).toBe(200);
    expect((await call('GET', `/v1/sections/${math2!.sectionId}`, { token: advisor })).status).toBe(404);
  });
});
