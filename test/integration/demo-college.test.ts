// The demo college as a new user meets it: teachers see their sections of the current term with a
// timetable, the third-year student its submitted grades, its class's advisor the class's sheets,
// the registrar a make-up list with people on it, all through the API of the seeded local stack.
import { describe, expect, it } from 'vitest';
import { COLLEGE, DEMO_TERM } from '#local/seed/demo-college.ts';
import { call, login } from '../support/api.ts';

interface Section {
  sectionId: string;
  teacherId?: string;
  slots: { day: number; period: number }[];
}

describe('the demo college', () => {
  it('shows a teacher its sections, a student its grades and the office its make-up list', async () => {
    const teacher = await login(`teacher-${COLLEGE.slug}`);
    const me = (await call<{ userId: string }>('GET', '/v1/me', { token: teacher })).body;
    const sections = await call<{ items: Section[] }>('GET', `/v1/sections?term=${DEMO_TERM}&teacherId=${encodeURIComponent(me.userId)}&limit=500`, { token: teacher });
    expect(sections.status, JSON.stringify(sections.body)).toBe(200);
    expect(sections.body.items.length).toBe(12);
    expect(sections.body.items.every((section) => section.teacherId === me.userId && section.slots.length === 2)).toBe(true);
    // A teacher's list is its own index, so small pages come full until the last.
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Section[]; nextCursor: string | null } } = await call('GET', `/v1/sections?term=${DEMO_TERM}&teacherId=${encodeURIComponent(me.userId)}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: teacher });
      pageSizes.push(page.body.items.length);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pageSizes.slice(0, 3)).toEqual([5, 5, 2]);
    const sheets = await Promise.all(sections.body.items.map(async (section) => (await call<{ status: string; grades: unknown[] }>('GET', `/v1/sections/${section.sectionId}/grades`, { token: teacher })).body));
    expect(new Set(sheets.map((sheet) => sheet.status))).toEqual(new Set(['draft', 'submitted']));

    const student = await login(`student-${COLLEGE.slug}`);
    const { studentId } = (await call<{ studentId: string }>('GET', '/v1/me', { token: student })).body;
    const grades = await call<{ items: { courseName: string; passed: boolean }[] }>('GET', `/v1/students/${studentId}/grades?term=${DEMO_TERM}`, { token: student });
    expect(grades.status, JSON.stringify(grades.body)).toBe(200);
    expect(grades.body.items).toHaveLength(6);

    // The class's advisor reads its class's sheets, not another class's.
    const advisor = await login(`advisor-${COLLEGE.slug}`);
    const ownClass = sections.body.items.find((section) => section.sectionId.startsWith(`${COLLEGE.id}-G2024-C01-`))!;
    const otherClass = sections.body.items.find((section) => section.sectionId.startsWith(`${COLLEGE.id}-G2025-C02-`))!;
    expect((await call('GET', `/v1/sections/${ownClass.sectionId}/grades`, { token: advisor })).status).toBe(200);
    expect((await call('GET', `/v1/sections/${otherClass.sectionId}/grades`, { token: advisor })).status).toBe(404);

    const makeup = await call<{ items: { students: unknown[] }[] }>('GET', `/v1/makeup-exams?schoolId=${COLLEGE.id}&term=${DEMO_TERM}`, { token: await login(`registrar-${COLLEGE.slug}`) });
    expect(makeup.status, JSON.stringify(makeup.body)).toBe(200);
    expect(makeup.body.items.reduce((sum, course) => sum + course.students.length, 0)).toBeGreaterThan(0);
  });
});
