// Student self-service (校对补充) over HTTP: a student proposes corrections to its own record,
// the registrar accepts or rejects them, and the student confirms the record.
import { describe, expect, it } from 'vitest';
import { call, login } from '../support/api.ts';
import { newStudent } from '../support/students.ts';

interface Correction {
  correctionId: string;
  status: string;
  changes: { field: string; old: unknown; new: unknown }[];
}
interface Student {
  studentId: string;
  version: number;
  confirmed: boolean;
  confirmedAt?: string;
  email?: string;
  specialty?: string;
}

describe('corrections', () => {
  it('lets a student propose, the registrar accept, and the record change with history', async () => {
    const student = await login('student-th-shiyan');
    const me = (await call<{ userId: string }>('GET', '/v1/me', { token: student })).body;
    expect(me.userId).toBe('local|student-th-shiyan');
    const proposal = await call<Correction>('POST', '/v1/students/demo-0001/corrections', { token: student, body: { changes: { email: 'kid@example.cn', specialty: '钢琴' }, note: '补充信息' } });
    expect(proposal.status).toBe(201);
    expect(proposal.body.status).toBe('pending');
    expect(proposal.body.changes.map((c) => c.field).sort()).toEqual(['email', 'specialty']);

    const registrar = await login('registrar-th-shiyan');
    const queue = await call<{ items: Correction[] }>('GET', '/v1/corrections', { token: registrar });
    expect(queue.body.items.map((c) => c.correctionId)).toContain(proposal.body.correctionId);
    expect((await call('GET', '/v1/corrections', { token: await login('registrar-th-huajing') })).body).toMatchObject({ items: [] });

    const before = (await call<Student>('GET', '/v1/students/demo-0001', { token: registrar })).body;
    const accepted = await call<{ correction: Correction; student: Student }>('POST', `/v1/students/demo-0001/corrections/${proposal.body.correctionId}/accept`, { token: registrar, body: {} });
    expect(accepted.status).toBe(200);
    expect(accepted.body.correction.status).toBe('accepted');
    expect(accepted.body.student).toMatchObject({ email: 'kid@example.cn', specialty: '钢琴', version: before.version + 1 });
    const again = await call<{ error: { code: string } }>('POST', `/v1/students/demo-0001/corrections/${proposal.body.correctionId}/accept`, { token: registrar, body: {} });
    expect(again.status).toBe(409);

    const history = await call<{ items: { action: string }[] }>('GET', '/v1/students/demo-0001/history', { token: registrar });
    expect(history.body.items.slice(0, 2).map((e) => e.action)).toEqual(['correction.accept', 'correction.propose']);
  });

  it('refuses key fields, other students, and reviews by the student itself; a rejection needs a reason', async () => {
    const student = await login('student-th-shiyan');
    const keyField = await call<{ error: { code: string } }>('POST', '/v1/students/demo-0001/corrections', { token: student, body: { changes: { name: '新名字' } } });
    expect(keyField.status).toBe(409);
    expect(keyField.body.error.code).toBe('KEY_FIELD_CHANGE_REQUIRED');
    expect((await call('POST', '/v1/students/demo-0001/corrections', { token: student, body: { changes: { classId: '2144010601-G2026-C02' } } })).status).toBe(400);
    expect((await call('POST', '/v1/students/demo-0001/corrections', { token: student, body: { changes: { phone: 'abc' } } })).status).toBe(400);
    expect((await call('POST', '/v1/students/demo-0002/corrections', { token: student, body: { changes: { specialty: '篮球' } } })).status).toBe(404);

    const proposal = await call<Correction>('POST', '/v1/students/demo-0001/corrections', { token: student, body: { changes: { specialty: '书法' } } });
    expect(proposal.status).toBe(201);
    expect((await call('POST', `/v1/students/demo-0001/corrections/${proposal.body.correctionId}/accept`, { token: student, body: {} })).status).toBe(403);
    const registrar = await login('registrar-th-shiyan');
    expect((await call('POST', `/v1/students/demo-0001/corrections/${proposal.body.correctionId}/reject`, { token: registrar, body: {} })).status).toBe(400);
    const rejected = await call<Correction>('POST', `/v1/students/demo-0001/corrections/${proposal.body.correctionId}/reject`, { token: registrar, body: { comment: '与档案材料不符' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    const mine = await call<{ items: Correction[] }>('GET', '/v1/students/demo-0001/corrections', { token: student });
    expect(mine.body.items.find((c) => c.correctionId === proposal.body.correctionId)?.status).toBe('rejected');
  });

  it("pages a student's corrections newest first", async () => {
    const student = await login('student-th-shiyan');
    for (const specialty of ['围棋', '象棋', '跳棋']) {
      expect((await call('POST', '/v1/students/demo-0001/corrections', { token: student, body: { changes: { specialty } } })).status).toBe(201);
    }
    const seen: Correction[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Correction[]; nextCursor: string | null } } = await call('GET', `/v1/students/demo-0001/corrections?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: student });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.slice(0, 3).map((c) => c.changes[0]!.new)).toEqual(['跳棋', '象棋', '围棋']);
    const ids = seen.map((c) => c.correctionId);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('confirmation', () => {
  it('records that the student confirmed the current version, until the record changes', async () => {
    const student = await login('student-ns-qianhai');
    const studentId = (await call<{ items: { studentId: string }[] }>('GET', '/v1/students?classId=2144030501-G2026-C01', { token: await login('registrar-ns-qianhai') })).body.items[0]!.studentId;
    const record = await call<Student>('GET', `/v1/students/${studentId}`, { token: student });
    expect(record.status).toBe(200);
    expect((await call('POST', `/v1/students/${studentId}/confirm`, { token: student })).status).toBe(428);
    const confirmed = await call<Student>('POST', `/v1/students/${studentId}/confirm`, { token: student, headers: { 'if-match': `"${record.body.version}"` } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.confirmed).toBe(true);
    expect(confirmed.body.version).toBe(record.body.version);
    expect(Date.parse(confirmed.body.confirmedAt!)).toBeGreaterThan(Date.now() - 60_000);

    const registrar = await login('registrar-ns-qianhai');
    const edited = await call<Student>('PATCH', `/v1/students/${studentId}`, { token: registrar, body: { specialty: '游泳' }, headers: { 'if-match': `"${record.body.version}"` } });
    expect(edited.body.confirmed).toBe(false);
    expect(edited.body.confirmedAt).toBeUndefined();
    expect((await call('POST', `/v1/students/${studentId}/confirm`, { token: student, headers: { 'if-match': `"${record.body.version}"` } })).status).toBe(412);
    expect((await call('POST', `/v1/students/${studentId}/confirm`, { token: registrar, headers: { 'if-match': `"${edited.body.version}"` } })).status).toBe(403);
  });
});

describe('enrolment from the registrar, then self-service', () => {
  it('keeps the student out of records it does not own', async () => {
    const created = await call<Student>('POST', '/v1/students', { token: await login('registrar-th-shiyan'), body: newStudent() });
    expect(created.status).toBe(201);
    expect((await call('GET', `/v1/students/${created.body.studentId}/corrections`, { token: await login('student-th-shiyan') })).status).toBe(404);
    expect((await call('GET', `/v1/students/${created.body.studentId}/corrections`, { token: await login('advisor-th-shiyan') })).status).toBe(403);
  });
});
