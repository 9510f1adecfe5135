import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childKind, isWithin } from '#shared/domain/org.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ROLES } from '#shared/domain/roles.ts';

const segment = fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/);
const path = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join('/')}`);

const principal = (orgPath: string, role: Principal['role'] = 'county_admin', studentId?: string): Principal => ({
  userId: 'u',
  username: 'u',
  role,
  orgId: orgPath.split('/').at(-1)!,
  orgPath,
  displayName: 'u',
  ...(studentId ? { studentId } : {}),
});

describe('isWithin', () => {
  it('holds for the scope itself and any descendant', () => {
    fc.assert(
      fc.property(path, fc.array(segment, { maxLength: 4 }), (scope, below) => {
        expect(isWithin([scope, ...below].join('/'), scope)).toBe(true);
      }),
    );
  });

  it('never holds for a sibling whose id merely starts with the scope id', () => {
    fc.assert(
      fc.property(path, segment, (scope, suffix) => {
        expect(isWithin(`${scope}${suffix}`, scope)).toBe(false);
        expect(isWithin(`${scope}${suffix}/child`, scope)).toBe(false);
      }),
    );
  });

  it('never holds for an ancestor', () => {
    fc.assert(
      fc.property(path, segment, (ancestor, child) => {
        expect(isWithin(ancestor, `${ancestor}/${child}`)).toBe(false);
      }),
    );
  });
});

describe('decide', () => {
  it('allows org.read inside the subtree for every role and refuses outside it', () => {
    fc.assert(
      fc.property(path, fc.array(segment, { maxLength: 3 }), path, fc.constantFrom(...ROLES), (scope, below, elsewhere, role) => {
        expect(decide(principal(scope, role), 'org.read', { orgPath: [scope, ...below].join('/') })).toEqual({ allowed: true });
        if (!isWithin(elsewhere, scope)) {
          expect(decide(principal(scope, role), 'org.read', { orgPath: elsewhere })).toEqual({ allowed: false, reason: 'OUT_OF_SCOPE' });
        }
      }),
    );
  });

  it('lets a student act on itself only, even inside its class', () => {
    const student = principal('/p/c/k/s/g/class1', 'student', 'stu-1');
    expect(decide(student, 'org.read', { orgPath: '/p/c/k/s/g/class1', studentId: 'stu-1' }).allowed).toBe(true);
    expect(decide(student, 'org.read', { orgPath: '/p/c/k/s/g/class1', studentId: 'stu-2' })).toEqual({ allowed: false, reason: 'OUT_OF_SCOPE' });
  });
});

describe('childKind', () => {
  it('walks province → class and stops at class', () => {
    expect(childKind('province')).toBe('city');
    expect(childKind('school')).toBe('grade');
    expect(childKind('class')).toBeNull();
  });
});
