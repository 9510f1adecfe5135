// Organisation and account administration inside the caller's subtree, over HTTP.
import { describe, expect, it } from 'vitest';
import { call, login } from '../support/api.ts';
import { newStudent } from '../support/students.ts';

interface Org {
  orgId: string;
  kind: string;
  code: string;
  parentId: string;
}

const unique = () => String(Date.now() % 100_000_000).padStart(8, '0');

describe('organisations', () => {
  it('lets a county add a school and the school add a grade and a class', async () => {
    const schoolCode = `21${unique()}`;
    const school = await call<Org>('POST', '/v1/orgs/440106/children', { token: await login('tianhe-admin'), body: { code: schoolCode, name: '天河区新建小学' } });
    expect(school.status).toBe(201);
    expect(school.body).toMatchObject({ orgId: schoolCode, kind: 'school', parentId: '440106' });
    const taken = await call<{ error: { code: string; fields: { path: string }[] } }>('POST', '/v1/orgs/440106/children', { token: await login('tianhe-admin'), body: { code: schoolCode, name: '重复' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'ORG_EXISTS', fields: [{ path: 'code' }] });

    // The county opens the registrar account, who then builds the school's grades and classes.
    const username = `reg-${schoolCode}`;
    const account = await call('POST', '/v1/users', { token: await login('tianhe-admin'), body: { username, role: 'school_registrar', orgId: schoolCode, displayName: '新学校学籍员' } });
    expect(account.status).toBe(201);
    const registrar = await login(username);
    const grade = await call<Org>('POST', `/v1/orgs/${schoolCode}/children`, { token: registrar, body: { code: '2026', name: '2026级' } });
    expect(grade.body).toMatchObject({ orgId: `${schoolCode}-G2026`, kind: 'grade' });
    const klass = await call<Org>('POST', `/v1/orgs/${grade.body.orgId}/children`, { token: registrar, body: { code: '3', name: '一年级(3)班' } });
    expect(klass.body).toMatchObject({ orgId: `${schoolCode}-G2026-C03`, kind: 'class', code: '03' });
    expect((await call('POST', `/v1/orgs/${klass.body.orgId}/children`, { token: registrar, body: { code: '1', name: '小组' } })).status).toBe(422);

    // And can enrol there at once.
    const enrolled = await call<{ schoolId: string }>('POST', '/v1/students', { token: registrar, body: newStudent({ classId: klass.body.orgId }) });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.schoolId).toBe(schoolCode);
  });

  it('refuses other subtrees, wrong codes and roles without the right', async () => {
    expect((await call('POST', '/v1/orgs/440305/children', { token: await login('tianhe-admin'), body: { code: '2144039999', name: '越界学校' } })).status).toBe(403);
    const badCode = await call<{ error: { fields: { path: string }[] } }>('POST', '/v1/orgs/440106/children', { token: await login('tianhe-admin'), body: { code: '12', name: '错码学校' } });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.fields[0]?.path).toBe('code');
    expect((await call('POST', '/v1/orgs/440100/children', { token: await login('gz-admin'), body: { code: '440399', name: '别市区县' } })).status).toBe(400);
    expect((await call('POST', '/v1/orgs/2144010601/children', { token: await login('teacher-th-shiyan'), body: { code: '2030', name: '2030级' } })).status).toBe(403);
  });
});

describe('accounts', () => {
  it('opens a teacher account for the classes it teaches, visible in the school\'s users', async () => {
    const username = `teacher-${unique()}`;
    const created = await call<{ role: string; classIds: string[] }>('POST', '/v1/users', {
      token: await login('registrar-th-shiyan'),
      body: { username, role: 'teacher', orgId: '2144010601', displayName: '新任课教师', classIds: ['2144010601-G2026-C02'] },
    });
    expect(created.status).toBe(201);
    const teacher = await login(username);
    expect((await call('GET', '/v1/students?classId=2144010601-G2026-C02', { token: teacher })).status).toBe(200);
    expect((await call('GET', '/v1/students?classId=2144010601-G2026-C01', { token: teacher })).status).toBe(403);
    expect((await call('GET', '/v1/students?schoolId=2144010601', { token: teacher })).status).toBe(403);
    const users = await call<{ items: { username: string }[] }>('GET', '/v1/orgs/2144010601/users?limit=500', { token: await login('registrar-th-shiyan') });
    expect(users.body.items.map((u) => u.username)).toContain(username);
    const taken = await call<{ error: { code: string; fields: { path: string }[] } }>('POST', '/v1/users', { token: await login('registrar-th-shiyan'), body: { username, role: 'teacher', orgId: '2144010601', displayName: '重复' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'USER_EXISTS', fields: [{ path: 'username' }] });
  });

  it('refuses roles at or above the caller, the wrong level, other schools and foreign classes', async () => {
    const registrar = await login('registrar-th-shiyan');
    const body = (extra: Record<string, unknown>) => ({ username: `u-${unique()}`, displayName: '测试账号', ...extra });
    expect((await call('POST', '/v1/users', { token: registrar, body: body({ role: 'school_registrar', orgId: '2144010601' }) })).status).toBe(403);
    expect((await call('POST', '/v1/users', { token: registrar, body: body({ role: 'teacher', orgId: '3144010602' }) })).status).toBe(403);
    expect((await call('POST', '/v1/users', { token: registrar, body: body({ role: 'class_advisor', orgId: '2144010601' }) })).status).toBe(422);
    expect((await call('POST', '/v1/users', { token: registrar, body: body({ role: 'teacher', orgId: '2144010601', classIds: ['3144010602-G2026-C01'] }) })).status).toBe(400);
    expect((await call('POST', '/v1/users', { token: registrar, body: body({ role: 'student', orgId: '2144010601-G2026-C01', studentId: 'demo-0100' }) })).status).toBe(400);
    expect((await call('POST', '/v1/users', { token: registrar, body: body({ role: 'teacher', orgId: '2144010601', username: 'Bad Name' }) })).status).toBe(400);
  });
});
