// Property tests of the identity rules (GB 11643, national student numbers).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, parseIdNumber } from '#shared/domain/id-number.ts';
import { PROVINCE_CODES } from '#shared/domain/region-code.ts';
import { formalNumber, looksLikeNationalNo, noIdNumber, temporaryNumber } from '#shared/domain/national-student-no.ts';
import { checkIdentity } from '#shared/domain/student-identity.ts';

const today = new Date('2026-11-28T00:00:00Z');
const region = fc.tuple(fc.constantFrom(...PROVINCE_CODES), fc.integer({ min: 0, max: 9999 })).map(([p, rest]) => `${p}${String(rest).padStart(4, '0')}`);
const birth = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2026-11-27T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const validId = fc.tuple(region, birth, fc.integer({ min: 0, max: 999 })).map(([r, b, seq]) => {
  const first17 = `${r}${b.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return { id: `${first17}${checkCharacter(first17)}`, birthDate: b, gender: seq % 2 === 1 ? '1' : '2' };
});

describe('ID numbers', () => {
  it('accepts known real examples and reads their birth date and sex', () => {
    expect(parseIdNumber('11010519491231002X', today)).toEqual({ ok: true, value: { idNumber: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', gender: '2' } });
    expect(parseIdNumber('11010519491231002x', today).ok).toBe(true);
  });

  it('accepts any random valid ID and reads back its birth date and sex', () => {
    fc.assert(
      fc.property(validId, ({ id, birthDate, gender }) => {
        const parsed = parseIdNumber(id, today);
        expect(parsed).toEqual({ ok: true, value: { idNumber: id, regionCode: id.slice(0, 6), birthDate, gender } });
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any single-character change of a valid ID', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789X'), ({ id }, position, replacement) => {
        fc.pre(id[position] !== replacement);
        const changed = `${id.slice(0, position)}${replacement}${id.slice(position + 1)}`;
        expect(parseIdNumber(changed, today).ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('names the problem: format, region, impossible or future date, checksum', () => {
    expect(parseIdNumber('1234', today)).toEqual({ ok: false, problem: 'format' });
    const first17 = '99010520100101001';
    expect(parseIdNumber(`${first17}${checkCharacter(first17)}`, today)).toEqual({ ok: false, problem: 'region' });
    const feb30 = '44010620150230001';
    expect(parseIdNumber(`${feb30}${checkCharacter(feb30)}`, today)).toEqual({ ok: false, problem: 'birthDate' });
    const future = '44010620300101001';
    expect(parseIdNumber(`${future}${checkCharacter(future)}`, today)).toEqual({ ok: false, problem: 'birthDate' });
  });
});

describe('national student numbers', () => {
  it('builds G, L and J numbers of 19 characters; J carries a valid check character', () => {
    fc.assert(
      fc.property(validId, region, birth, fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 9999 }), ({ id }, r, b, seq, rnd) => {
        expect(formalNumber(id)).toBe(`G${id}`);
        const temporary = temporaryNumber(r, b, String(rnd).padStart(4, '0'));
        expect(temporary).toMatch(/^L\d{18}$/);
        const j = noIdNumber(r, b, seq);
        expect(j).toMatch(/^J\d{17}[\dX]$/);
        expect(checkCharacter(j.slice(1, 18))).toBe(j[18]);
        for (const number of [formalNumber(id), temporary, j]) expect(looksLikeNationalNo(number)).toBe(true);
      }),
    );
  });
});

describe('identity rules', () => {
  const base = { name: '张三', guardians: [] };

  it('gives a G number only when birth date and sex agree with the ID', () => {
    fc.assert(
      fc.property(validId, ({ id, birthDate, gender }) => {
        expect(checkIdentity({ ...base, idType: '1', idNumber: id, birthDate, gender }, today)).toEqual({ problems: [], plan: { kind: 'G', idNumber: id } });
        const otherGender = gender === '1' ? '2' : '1';
        expect(checkIdentity({ ...base, idType: '1', idNumber: id, birthDate, gender: otherGender }, today).problems.map((p) => p.code)).toEqual(['id_gender_mismatch']);
      }),
    );
  });

  it('needs guardians\' IDs for a child without household registration, and never invents an ID', () => {
    const parent = (gender: '1' | '2') => {
      const first17 = `44010619800101${gender === '1' ? '001' : '002'}`;
      return { name: '家长', relation: gender === '1' ? '父亲' : '母亲', isGuardian: '1' as const, idType: '1', idNumber: `${first17}${checkCharacter(first17)}` };
    };
    const child = { ...base, idType: '1', birthDate: '2015-01-01', gender: '1' };
    expect(checkIdentity(child, today).problems.map((p) => p.code)).toEqual(['id_number_required']);
    expect(checkIdentity({ ...child, guardianBasis: 'both_parents', guardians: [parent('1')] }, today).problems.map((p) => p.code)).toEqual(['guardian_id_required']);
    const ok = checkIdentity({ ...child, guardianBasis: 'both_parents', guardians: [parent('1'), parent('2')] }, today);
    expect(ok).toEqual({ problems: [], plan: { kind: 'L' } });
    expect(checkIdentity({ ...child, guardianBasis: 'one_parent', guardians: [parent('2')] }, today).problems).toEqual([]);
    expect(checkIdentity({ ...base, idType: 'A', idNumber: 'E1234567', birthDate: '2015-01-01', gender: '1' }, today).plan).toEqual({ kind: 'J' });
  });

  it('names every problem with a lower snake_case field code and a Chinese message, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.record({
          idType: fc.constantFrom('1', 'A', 'Z'),
          idNumber: fc.option(fc.stringMatching(/^[0-9X]{1,20}$/), { nil: undefined }),
          birthDate: fc.constantFrom('2015-01-01', '2099-01-01'),
          gender: fc.constantFrom('1', '2'),
          guardianBasis: fc.option(fc.constantFrom('both_parents' as const, 'one_parent' as const, 'legal_guardian' as const), { nil: undefined }),
          guardianId: fc.stringMatching(/^[0-9X]{0,19}$/),
        }),
        ({ guardianId, ...input }) => {
          const guardians = guardianId ? [{ name: '家长', relation: '父亲', isGuardian: '1' as const, idType: '1', idNumber: guardianId }] : [];
          for (const problem of checkIdentity({ ...base, ...input, guardians }, today).problems) {
            expect(problem.code).toMatch(/^[a-z][a-z0-9_]*$/);
            expect(problem.message).toMatch(/[\u4e00-\u9fff]/);
          }
        },
      ),
    );
  });
});
