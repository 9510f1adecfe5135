// Acceptance of the platform issue over HTTP: demo logins for every role, /v1/me, token
// rejection, subtree scope on organisations, paging, and bad input answered with 4xx.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { SignJWT, generateKeyPair, importJWK, type JWK } from 'jose';
import { ROLES } from '#shared/domain/roles.ts';
import { call, login } from '../support/api.ts';

interface DevUser {
  username: string;
  role: string;
  orgId: string;
  displayName: string;
}

async function devUsers(): Promise<DevUser[]> {
  const reply = await call<DevUser[]>('GET', '/v1/auth/dev-users');
  expect(reply.status).toBe(200);
  return reply.body;
}

describe('health and dev users', () => {
  it('answers health without a token', async () => {
    const reply = await call('GET', '/v1/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'ok', version: expect.any(String) });
  });

  it('lists demo users for every role at several schools', async () => {
    const users = await devUsers();
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
    const registrarSchools = new Set(users.filter((u) => u.role === 'school_registrar').map((u) => u.orgId));
    // The six schools and the vocational college (teaching and grades): at least, as suites running
    // alongside add schools with their registrars (admin, export files).
    for (const school of ['2144010601', '3144010602', '2144010401', '3144010402', '4144010603']) expect(registrarSchools).toContain(school);
    expect(registrarSchools.size).toBeGreaterThanOrEqual(7);
  });

  it('refuses an unknown demo user with 404 and a malformed login body with 400', async () => {
    expect((await call('POST', '/v1/auth/dev-login', { body: { username: 'nobody' } })).status).toBe(404);
    const wrongType = await call<{ error: { code: string; fields: { path: string }[] } }>('POST', '/v1/auth/dev-login', { body: { username: 42 } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.fields[0]?.path).toBe('username');
    const malformed = await call<{ error: { code: string } }>('POST', '/v1/auth/dev-login', { rawBody: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    const wrongMedia = await call('POST', '/v1/auth/dev-login', { rawBody: 'username=x', headers: { 'content-type': 'text/plain' } });
    expect(wrongMedia.status).toBe(415);
  });
});

describe('/v1/me', () => {
  it('answers each demo user with its own role and organisation', async () => {
    const users = await devUsers();
    for (const user of users) {
      const reply = await call<{ role: string; orgId: string; orgPath: string; displayName: string }>('GET', '/v1/me', { token: await login(user.username) });
      expect(reply.status, user.username).toBe(200);
      expect(reply.body.role).toBe(user.role);
      expect(reply.body.orgId).toBe(user.orgId);
      expect(reply.body.orgPath.endsWith(`/${user.orgId}`)).toBe(true);
      expect(reply.body.displayName).toBe(user.displayName);
    }
  });

  it('answers 401 without a token, with a malformed one, one from another key, and an expired one', async () => {
    const dataDir = inject('stack').dataDir;
    const localKey = JSON.parse(readFileSync(join(dataDir, 'keys', 'local-issuer.json'), 'utf8')) as JWK;
    const valid = await login('registrar-th-shiyan');
    const claims = JSON.parse(Buffer.from(valid.split('.')[1]!, 'base64url').toString()) as { iss: string; aud: string; sub: string };

    const { privateKey: otherKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: localKey.kid! }).setSubject(claims.sub).setIssuer(claims.iss).setAudience(claims.aud).setIssuedAt().setExpirationTime('1h').sign(otherKey);
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: localKey.kid! })
      .setSubject(claims.sub)
      .setIssuer(claims.iss)
      .setAudience(claims.aud)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(await importJWK(localKey, 'ES256'));
    const wrongIssuer = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: localKey.kid! }).setSubject(claims.sub).setIssuer('https://evil.example').setAudience(claims.aud).setIssuedAt().setExpirationTime('1h').sign(await importJWK(localKey, 'ES256'));

    for (const [label, token] of [['none', undefined], ['garbage', 'not.a.jwt'], ['forged', forged], ['expired', expired], ['issuer', wrongIssuer]] as const) {
      const reply = await call<{ error: { code: string } }>('GET', '/v1/me', { token });
      expect(reply.status, label).toBe(401);
      expect(reply.body.error.code).toBe('UNAUTHENTICATED');
      expect(reply.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('answers 403 for a valid token whose subject has no account', async () => {
    const localKey = JSON.parse(readFileSync(join(inject('stack').dataDir, 'keys', 'local-issuer.json'), 'utf8')) as JWK;
    const claims = JSON.parse(Buffer.from((await login('sheng-admin')).split('.')[1]!, 'base64url').toString()) as { iss: string; aud: string };
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: localKey.kid! }).setSubject('someone-else').setIssuer(claims.iss).setAudience(claims.aud).setIssuedAt().setExpirationTime('1h').sign(await importJWK(localKey, 'ES256'));
    const reply = await call<{ error: { code: string } }>('GET', '/v1/me', { token });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('ACCOUNT_NOT_PROVISIONED');
  });

  it('checks the audience: aud, or a Cognito-style client_id when aud is absent', async () => {
    const localKey = JSON.parse(readFileSync(join(inject('stack').dataDir, 'keys', 'local-issuer.json'), 'utf8')) as JWK;
    const claims = JSON.parse(Buffer.from((await login('sheng-admin')).split('.')[1]!, 'base64url').toString()) as { iss: string; aud: string; sub: string };
    const key = await importJWK(localKey, 'ES256');
    const sign = (payload: Record<string, unknown>) => new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: localKey.kid! }).setSubject(claims.sub).setIssuer(claims.iss).setIssuedAt().setExpirationTime('1h').sign(key);
    expect((await call('GET', '/v1/me', { token: await sign({ client_id: claims.aud }) })).status).toBe(200);
    expect((await call('GET', '/v1/me', { token: await sign({ aud: 'another-app' }) })).status).toBe(401);
    expect((await call('GET', '/v1/me', { token: await sign({ client_id: 'another-app' }) })).status).toBe(401);
  });

  it('echoes a well-formed correlation id and sets security headers', async () => {
    const reply = await call('GET', '/v1/me', { token: await login('sheng-admin'), headers: { 'x-correlation-id': 'trace-123' } });
    expect(reply.headers.get('x-correlation-id')).toBe('trace-123');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('strict-transport-security')).toContain('max-age');
  });
});

describe('organisations within the subtree', () => {
  it('lets a school registrar read its school but not another school (403) nor its county', async () => {
    const token = await login('registrar-th-shiyan');
    const own = await call<{ orgId: string; kind: string; name: string }>('GET', '/v1/orgs/2144010601', { token });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ orgId: '2144010601', kind: 'school', parentId: '440106' });

    for (const other of ['3144010602', '2144030501', '440106']) {
      const reply = await call<Record<string, unknown>>('GET', `/v1/orgs/${other}`, { token });
      expect(reply.status, other).toBe(403);
      expect(JSON.stringify(reply.body)).not.toContain('name');
    }
    expect((await call('GET', '/v1/orgs/3144010602/children', { token })).status).toBe(403);
  });

  it('lets a county read every school below it, and a city its counties', async () => {
    const county = await call<{ items: { orgId: string; kind: string }[] }>('GET', '/v1/orgs/440106/children', { token: await login('tianhe-admin') });
    expect(county.status).toBe(200);
    // Other suites add schools and counties of their own meanwhile: the seeded ones are there, and only children of the right kind.
    expect(county.body.items.map((o) => o.orgId)).toEqual(expect.arrayContaining(['2144010601', '3144010602', '4144010603']));
    expect(new Set(county.body.items.map((o) => o.kind))).toEqual(new Set(['school']));
    const city = await call<{ items: { orgId: string; kind: string }[] }>('GET', '/v1/orgs/440100/children', { token: await login('gz-admin') });
    expect(city.body.items.map((o) => o.orgId)).toEqual(expect.arrayContaining(['440104', '440106']));
    expect(new Set(city.body.items.map((o) => o.kind))).toEqual(new Set(['county']));
    expect((await call('GET', '/v1/orgs/440305', { token: await login('gz-admin') })).status).toBe(403);
  });

  it('pages children with a cursor in a stable order and rejects a forged cursor', async () => {
    const token = await login('registrar-th-shiyan');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: { status: number; body: { items: { orgId: string }[]; nextCursor: string | null } } = await call('GET', `/v1/orgs/2144010601/children${query}`, { token });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((o) => o.orgId));
      cursor = page.body.nextCursor;
    } while (cursor);
    // Page by page, the same as all at once (other suites may add grades of their own meanwhile), the seeded grades first.
    const all = await call<{ items: { orgId: string }[] }>('GET', '/v1/orgs/2144010601/children?limit=500', { token });
    expect(all.body.items.map((o) => o.orgId).filter((id) => seen.includes(id))).toEqual(seen);
    expect(seen.slice(0, 3)).toEqual(['2144010601-G2024', '2144010601-G2025', '2144010601-G2026']);

    const otherPartition = Buffer.from(JSON.stringify({ GSI1PK: 'CHILDREN#3144010602', GSI1SK: 'x', PK: 'x', SK: 'x' })).toString('base64url');
    const missingKeys = Buffer.from(JSON.stringify({ GSI1PK: 'CHILDREN#2144010601' })).toString('base64url');
    const extraKey = Buffer.from(JSON.stringify({ GSI1PK: 'CHILDREN#2144010601', GSI1SK: 'x', PK: 'x', SK: 'x', Z: 'x' })).toString('base64url');
    for (const bad of ['%%%', 'bm90LWpzb24', otherPartition, missingKeys, extraKey]) {
      const reply = await call<{ error: { code: string } }>('GET', `/v1/orgs/2144010601/children?cursor=${bad}`, { token });
      expect(reply.status, bad).toBe(400);
      expect(reply.body.error.code).toBe('INVALID_CURSOR');
    }
    const tooMany = await call<{ error: { fields: { path: string }[] } }>('GET', '/v1/orgs/2144010601/children?limit=501', { token });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields[0]?.path).toBe('limit');
  });

  it('answers 404 for an unknown organisation and 400 for a malformed id', async () => {
    const token = await login('sheng-admin');
    expect((await call('GET', '/v1/orgs/9999999999', { token })).status).toBe(404);
    const malformed = await call<{ error: { code: string } }>('GET', `/v1/orgs/${encodeURIComponent('a b;c')}`, { token });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('lets a class advisor read only its class', async () => {
    const token = await login('advisor-th-shiyan');
    expect((await call('GET', '/v1/orgs/2144010601-G2026-C01', { token })).status).toBe(200);
    expect((await call('GET', '/v1/orgs/2144010601-G2026-C02', { token })).status).toBe(403);
    expect((await call('GET', '/v1/orgs/2144010601', { token })).status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('serves a 3.1 document describing every public route with the error shape', async () => {
    const reply = await call<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } }>('GET', '/v1/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toBe('3.1.0');
    expect(Object.keys(reply.body.paths)).toEqual(expect.arrayContaining(['/v1/me', '/v1/orgs/{orgId}', '/v1/students', '/v1/students/{studentId}', '/v1/students/{studentId}/history']));
    expect(reply.body.paths['/v1/students']?.post?.responses).toHaveProperty('409');
    expect(reply.body.components.schemas).toHaveProperty('Error');
    expect(reply.body.components.schemas).toHaveProperty('Student');
  });
});

describe('unknown routes', () => {
  it('answers 404 in the error shape', async () => {
    const reply = await call<{ error: { code: string } }>('GET', '/v1/nothing-here');
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});
