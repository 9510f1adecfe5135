// The data-quality rules (问题学籍), pure: what a record's own ID number may get wrong, the keys
// that pair two records of one person, which settlement fits which problem now, and when a later
// scan opens a settled problem again. Plus who may do what with problems.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basisDigest, problemIdOf } from '#shared/data/problem-repo.ts';
import { checkCharacter } from '#shared/domain/id-number.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { basisOf, describeProblem, idFinding, idNumberKey, personKey, stillHolds, type CheckedRecord } from '#shared/domain/problems/detect.ts';
import { PROBLEM_KINDS, RESOLUTIONS, RESOLUTIONS_OF } from '#shared/domain/problems/kinds.ts';
import { queuesOf } from '#shared/domain/problems/problem.ts';
import { refuseResolution, reopens, type RecordNow } from '#shared/domain/problems/resolve.ts';
import { ROLES } from '#shared/domain/roles.ts';

const today = new Date('2026-11-28T00:00:00Z');

function id(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return `${first17}${checkCharacter(first17)}`;
}

/** A record whose ID number agrees with it: born 2015-03-15, a girl (even sequence). */
const good: CheckedRecord = { studentId: 's1', name: '李淞', gender: '2', birthDate: '2015-03-15', idType: '1', idNumber: id('440106', '2015-03-15', 24) };
const withCheckDigit = (idNumber: string, digit: string) => `${idNumber.slice(0, 17)}${digit}`;
const wrongDigit = (idNumber: string) => withCheckDigit(idNumber, idNumber[17] === '0' ? '1' : '0');

describe('a record’s own ID number', () => {
  it('is fine when real and agreeing with birth date and sex (a lower-case x too)', () => {
    expect(idFinding(good, today)).toBeUndefined();
    const x = fc.sample(fc.integer({ min: 1, max: 999 }), 2000).map((seq) => id('110105', '2014-12-31', seq)).find((value) => value.endsWith('X'))!;
    expect(idFinding({ ...good, birthDate: '2014-12-31', gender: Number(x[16]) % 2 === 1 ? '1' : '2', idNumber: x.toLowerCase() }, today)).toBeUndefined();
  });

  it('is malformed: format, region, birth date, check digit, each said in words', () => {
    const cases = [
      ['44010620150315002', 'format'],
      [id('990106', '2015-03-15', 24), 'region'],
      [id('440106', '2015-02-30', 24), 'birthDate'],
      [wrongDigit(good.idNumber!), 'checksum'],
    ] as const;
    for (const [idNumber, problem] of cases) {
      const finding = idFinding({ ...good, idNumber }, today);
      expect(finding, idNumber).toEqual({ kind: 'badIdNumber', detail: { idProblem: problem } });
      expect(describeProblem('badIdNumber', finding!.detail)).toMatch(/证件号/);
    }
  });

  it('disagrees with the record’s birth date, sex, or both', () => {
    expect(idFinding({ ...good, birthDate: '2015-03-16' }, today)).toEqual({ kind: 'idMismatch', detail: { fields: ['birthDate'] } });
    expect(idFinding({ ...good, gender: '1' }, today)).toEqual({ kind: 'idMismatch', detail: { fields: ['gender'] } });
    expect(idFinding({ ...good, gender: '1', birthDate: '2015-03-16' }, today)).toEqual({ kind: 'idMismatch', detail: { fields: ['birthDate', 'gender'] } });
    expect(describeProblem('idMismatch', { fields: ['birthDate', 'gender'] })).toBe('出生日期与证件号不一致；性别与证件号不一致');
  });

  it('has no rules to break for other documents (passports, permits) or without a number (无户籍)', () => {
    expect(idFinding({ ...good, idType: 'A', idNumber: 'E1234' }, today)).toBeUndefined();
    expect(idFinding({ ...good, idNumber: undefined }, today)).toBeUndefined();
    expect(idFinding({ ...good, idNumber: '' }, today)).toBeUndefined();
  });

  it('any check digit but the right one is a checksum problem (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.constantFrom(...'0123456789X'), (sequence, digit) => {
        const real = id('440106', '2015-03-15', sequence);
        const record = { ...good, gender: sequence % 2 === 1 ? '1' : '2', idNumber: withCheckDigit(real, digit) };
        expect(idFinding(record, today)).toEqual(digit === real[17] ? undefined : { kind: 'badIdNumber', detail: { idProblem: 'checksum' } });
      }),
    );
  });
});

describe('the keys that pair two records', () => {
  it('an ID number, whatever its case or spaces, within its document type', () => {
    expect(idNumberKey({ idType: '1', idNumber: ' 11010519491231002x' })).toBe('1#11010519491231002X');
    expect(idNumberKey({ idType: 'A', idNumber: '11010519491231002X' })).not.toBe(idNumberKey({ idType: '1', idNumber: '11010519491231002X' }));
    expect(idNumberKey({ idType: '1', idNumber: '' })).toBeUndefined();
  });

  it('name, sex and birth date only without an ID number, names compared as stored (淞 is not 凇)', () => {
    const none = { ...good, idNumber: undefined };
    expect(personKey(good)).toBeUndefined();
    expect(personKey(none)).toBe('李淞#2#2015-03-15');
    expect(personKey({ ...none, name: '李凇' })).not.toBe(personKey(none));
    expect(personKey({ ...none, name: '李𠮷' })).toBe('李𠮷#2#2015-03-15');
  });

  it('a finding rests on the values its rule looked at', () => {
    expect(basisOf('idMismatch', [good])).toBe(basisOf('idMismatch', [{ ...good, name: '别名', studentId: 'other' }]));
    expect(basisOf('idMismatch', [good])).not.toBe(basisOf('idMismatch', [{ ...good, birthDate: '2015-03-16' }]));
  });
});

describe('whether a finding still holds', () => {
  const twin: CheckedRecord = { ...good, studentId: 's2' };
  it('for each kind, on the records as they are now', () => {
    expect(stillHolds('badIdNumber', [{ ...good, idNumber: wrongDigit(good.idNumber!) }], today)).toBe(true);
    expect(stillHolds('badIdNumber', [good], today)).toBe(false);
    // Corrected into another problem: this one is gone.
    expect(stillHolds('badIdNumber', [{ ...good, gender: '1' }], today)).toBe(false);
    expect(stillHolds('idMismatch', [{ ...good, gender: '1' }], today)).toBe(true);
    expect(stillHolds('duplicateId', [good, twin], today)).toBe(true);
    expect(stillHolds('duplicateId', [good, { ...twin, idNumber: id('440106', '2015-03-15', 26) }], today)).toBe(false);
    const none = { ...good, idNumber: undefined };
    expect(stillHolds('possibleDuplicate', [none, { ...none, studentId: 's2' }], today)).toBe(true);
    expect(stillHolds('possibleDuplicate', [none, { ...none, studentId: 's2', idNumber: id('440106', '2015-03-15', 26) }], today)).toBe(false);
    expect(stillHolds('possibleDuplicate', [none, { ...none, studentId: 's2', birthDate: '2015-03-16' }], today)).toBe(false);
  });
});

describe('settling a problem', () => {
  const open = (kind: (typeof PROBLEM_KINDS)[number]) => ({ kind, status: 'open' as const });
  const now = (records: RecordNow[], acceptedEvidence = 0) => ({ records, acceptedEvidence });
  const live = (record: CheckedRecord): RecordNow => ({ ...record, deleted: false });
  const bad = live({ ...good, idNumber: wrongDigit(good.idNumber!) });

  it('fits each kind only as the kind allows (不是同一人 for the duplicates, evidence for a record’s own number)', () => {
    for (const kind of PROBLEM_KINDS) {
      for (const resolution of RESOLUTIONS.filter((value) => !RESOLUTIONS_OF[kind].includes(value))) {
        expect(refuseResolution(open(kind), resolution, now([bad, bad], 1), today)?.code, `${kind} ${resolution}`).toBe('RESOLUTION_NOT_ALLOWED');
      }
    }
    expect(RESOLUTIONS_OF.duplicateId).toContain('notDuplicate');
    expect(RESOLUTIONS_OF.possibleDuplicate).toContain('notDuplicate');
    expect(RESOLUTIONS_OF.badIdNumber).not.toContain('notDuplicate');
  });

  it('is refused once settled', () => {
    expect(refuseResolution({ kind: 'badIdNumber', status: 'resolved' }, 'corrected', now([live(good)]), today)).toMatchObject({ status: 409, code: 'PROBLEM_RESOLVED' });
  });

  it('as corrected only when the finding no longer holds, and the record is not deleted', () => {
    expect(refuseResolution(open('badIdNumber'), 'corrected', now([bad]), today)).toMatchObject({ status: 422, code: 'PROBLEM_STILL_PRESENT' });
    expect(refuseResolution(open('badIdNumber'), 'corrected', now([live(good)]), today)).toBeUndefined();
    expect(refuseResolution(open('badIdNumber'), 'corrected', now([{ ...good, deleted: true }]), today)).toMatchObject({ code: 'RESOLUTION_NOT_ALLOWED' });
    expect(refuseResolution(open('duplicateId'), 'corrected', now([live(good), live({ ...good, studentId: 's2' })]), today)).toMatchObject({ code: 'PROBLEM_STILL_PRESENT' });
  });

  it('as deleted only when a record of it has been deleted', () => {
    expect(refuseResolution(open('duplicateId'), 'deleted', now([live(good), live({ ...good, studentId: 's2' })]), today)).toMatchObject({ status: 422, code: 'RECORD_NOT_DELETED' });
    expect(refuseResolution(open('duplicateId'), 'deleted', now([live(good), { ...good, studentId: 's2', deleted: true }]), today)).toBeUndefined();
    expect(refuseResolution(open('badIdNumber'), 'deleted', now([undefined]), today)).toBeUndefined();
  });

  it('with evidence only when a file passed its check', () => {
    expect(refuseResolution(open('idMismatch'), 'evidence', now([bad], 0), today)).toMatchObject({ status: 422, code: 'EVIDENCE_REQUIRED' });
    expect(refuseResolution(open('idMismatch'), 'evidence', now([bad], 1), today)).toBeUndefined();
  });

  it('as two people whenever the duplicate is open', () => {
    expect(refuseResolution(open('possibleDuplicate'), 'notDuplicate', now([live(good), live(good)]), today)).toBeUndefined();
  });
});

describe('a settled problem found again', () => {
  it('stays settled as two people, or by evidence for the same values; opens again otherwise', () => {
    expect(reopens({ resolution: 'notDuplicate', basis: 'a' }, 'b')).toBe(false);
    expect(reopens({ resolution: 'evidence', basis: 'a' }, 'a')).toBe(false);
    expect(reopens({ resolution: 'evidence', basis: 'a' }, 'b')).toBe(true);
    expect(reopens({ resolution: 'corrected', basis: 'a' }, 'a')).toBe(true);
    expect(reopens({ resolution: 'deleted', basis: 'a' }, 'a')).toBe(true);
  });

  it('is the same problem whatever scan finds it, in whatever order, and keeps no ID number in its digests', () => {
    expect(problemIdOf('duplicateId', ['b', 'a'])).toBe(problemIdOf('duplicateId', ['a', 'b']));
    expect(problemIdOf('duplicateId', ['a', 'b'])).not.toBe(problemIdOf('possibleDuplicate', ['a', 'b']));
    expect(problemIdOf('badIdNumber', ['a'])).toMatch(/^[0-9a-f]{32}$/);
    expect(basisDigest(basisOf('badIdNumber', [good]))).not.toContain(good.idNumber!.slice(0, 6));
  });

  it('is listed by every school and county of its records, once each', () => {
    expect(queuesOf([{ schoolId: 'A', countyId: 'X' }, { schoolId: 'A', countyId: 'X' }])).toEqual(['A', 'X']);
    expect(queuesOf([{ schoolId: 'A', countyId: 'X' }, { schoolId: 'B', countyId: 'Y' }])).toEqual(['A', 'X', 'B', 'Y']);
  });
});

describe('who may do what with problems', () => {
  const principal = (role: Principal['role'], orgPath: string): Principal => ({ userId: 'u', username: 'u', role, orgId: orgPath.split('/').at(-1)!, orgPath, displayName: 'u' });
  const record = { orgPath: '/44/4401/440106/S1/S1-G2026/S1-G2026-C01' };
  const allowed = (role: Principal['role'], orgPath: string, action: 'problem.read' | 'problem.scan' | 'problem.resolve') => decide(principal(role, orgPath), action, record).allowed;

  it('the offices read and scan; the school and the county settle; teachers, advisors and students nothing', () => {
    const scope: Record<Principal['role'], string> = {
      province_admin: '/44',
      city_admin: '/44/4401',
      county_admin: '/44/4401/440106',
      school_registrar: '/44/4401/440106/S1',
      teacher: '/44/4401/440106/S1',
      class_advisor: '/44/4401/440106/S1/S1-G2026/S1-G2026-C01',
      student: '/44/4401/440106/S1/S1-G2026/S1-G2026-C01',
    };
    const offices = ['province_admin', 'city_admin', 'county_admin', 'school_registrar'];
    for (const role of ROLES) {
      expect(allowed(role, scope[role], 'problem.read'), `${role} read`).toBe(offices.includes(role));
      expect(allowed(role, scope[role], 'problem.scan'), `${role} scan`).toBe(offices.includes(role));
      expect(allowed(role, scope[role], 'problem.resolve'), `${role} resolve`).toBe(role === 'school_registrar' || role === 'county_admin');
    }
  });

  it('only inside their own area', () => {
    expect(allowed('school_registrar', '/44/4401/440106/S2', 'problem.resolve')).toBe(false);
    expect(allowed('county_admin', '/44/4401/440104', 'problem.read')).toBe(false);
  });
});
