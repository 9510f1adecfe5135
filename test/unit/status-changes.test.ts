// The pure rules of status changes (学籍异动): deadlines in working days, who approves in which
// order, what each move of a case may do, and what the last approval does to the record.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance, approve, cancel, openCase, reject, visibleTo, type Actor, type StatusChange, type Timing } from '#shared/domain/changes/case.ts';
import { chainKeyOf, DEFAULT_CHANGE_RULES, planChain } from '#shared/domain/changes/chains.ts';
import { effectOf, type ClassPlace } from '#shared/domain/changes/effects.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { chinaDate, dueDate, isOverdue, isWorkingDay } from '#shared/domain/changes/working-days.ts';

const dayMs = 24 * 60 * 60 * 1000;
const instant = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') }).map((ms) => new Date(ms).toISOString());
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);

describe('working days', () => {
  it('gives a working day exactly n working days after the start day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (start, days) => {
        const due = dueDate(start, days);
        expect(isWorkingDay(due)).toBe(true);
        let counted = 0;
        for (let date = nextDay(chinaDate(start)); date <= due; date = nextDay(date)) if (isWorkingDay(date)) counted += 1;
        expect(counted).toBe(days);
      }),
    );
  });

  it('skips weekends and listed holidays, and counts make-up working days (调休)', () => {
    // Friday 2025-09-26 in China: ten working days later, across the National Day week.
    const calendar = { holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'], workdays: ['2025-09-28', '2025-10-11'] };
    expect(dueDate('2025-09-26T02:00:00Z', 10)).toBe('2025-10-10');
    // 9-28 (Sunday, made a working day), 9-29, 9-30, 10-9, 10-10, 10-11 (Saturday, working), 10-13 … 10-16.
    expect(dueDate('2025-09-26T02:00:00Z', 10, calendar)).toBe('2025-10-16');
  });

  it('uses the day in China: 23:30 UTC is already the next day there', () => {
    expect(chinaDate('2025-09-01T23:30:00Z')).toBe('2025-09-02');
    expect(isOverdue('2025-09-01', '2025-09-01T15:59:00Z')).toBe(false);
    expect(isOverdue('2025-09-01', '2025-09-01T16:00:00Z')).toBe(true);
  });
});

const P = '/44';
const classIn = (county: string, school: string, klass = 'C01') => `${P}/4401/${county}/${school}/${school}-G2025/${school}-G2025-${klass}`;

describe('chains', () => {
  it('routes a transfer within a county through the sending school and the county', () => {
    const places = { from: classIn('440106', 'S1'), to: classIn('440106', 'S2') };
    const key = chainKeyOf('transfer', places);
    expect(key).toBe('transfer.sameCounty');
    const plan = planChain(DEFAULT_CHANGE_RULES.chains[key], places);
    expect(plan.applicant).toMatchObject({ orgId: 'S2', role: 'school_registrar' });
    expect(plan.steps.map((step) => [step.orgId, step.role])).toEqual([
      ['S1', 'school_registrar'],
      ['440106', 'county_admin'],
    ]);
  });

  it('routes a transfer across counties: receiving county, sending school, sending county', () => {
    const places = { from: classIn('440106', 'S1'), to: classIn('440104', 'S9') };
    const key = chainKeyOf('transfer', places);
    expect(key).toBe('transfer.otherCounty');
    expect(planChain(DEFAULT_CHANGE_RULES.chains[key], places).steps.map((step) => step.orgId)).toEqual(['440104', 'S1', '440106']);
  });

  it('sends an ID number or birth date change up to the city', () => {
    const places = { from: classIn('440106', 'S1') };
    expect(chainKeyOf('keyFieldChange', places, ['name'])).toBe('keyFieldChange');
    const key = chainKeyOf('keyFieldChange', places, ['idNumber']);
    expect(planChain(DEFAULT_CHANGE_RULES.chains[key], places).steps.map((step) => [step.orgId, step.role])).toEqual([
      ['440106', 'county_admin'],
      ['4401', 'city_admin'],
    ]);
  });
});

const timing: Timing = { now: '2025-09-01T02:00:00Z', stepDays: 10, calendar: {} };
const actorOf = (orgId: string): Actor => ({ userId: `u-${orgId}`, displayName: orgId, orgId });

function newCase(): StatusChange {
  const places = { from: classIn('440106', 'S1'), to: classIn('440104', 'S9') };
  const plan = planChain(DEFAULT_CHANGE_RULES.chains['transfer.otherCounty'], places);
  return openCase(
    { changeId: 'c1', type: 'transfer', chain: 'transfer.otherCounty', studentId: 's1', studentName: '张三', schoolId: 'S1', applicant: { userId: 'u-S9', displayName: 'S9', orgName: 'S9', ...plan.applicant }, request: {} },
    plan.steps.map((step) => ({ ...step, orgName: step.orgId })),
    timing,
  );
}

type Action = { kind: 'approve' | 'reject' | 'cancel'; org: string } | { kind: 'advance'; step: number };
const ORGS = ['S9', '440104', 'S1', '440106', 'S5'];
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constantFrom('approve' as const, 'reject' as const, 'cancel' as const), org: fc.constantFrom(...ORGS) }),
  fc.record({ kind: fc.constant('advance' as const), step: fc.integer({ min: 0, max: 3 }) }),
);

function act(change: StatusChange, next: Action): StatusChange {
  if (next.kind === 'advance') return advance(change, next.step, timing) ?? change;
  const move = next.kind === 'approve' ? approve(change, actorOf(next.org), timing.now) : next.kind === 'reject' ? reject(change, actorOf(next.org), timing.now, '材料不全') : cancel(change, actorOf(next.org), timing.now);
  return move.ok ? move.change : change;
}

describe('a case', () => {
  it('opens with the first step current and its deadline', () => {
    const change = newCase();
    expect(change.steps.map((step) => step.status)).toEqual(['current', 'waiting', 'waiting']);
    expect(change.steps[0]!.dueBy).toBe('2025-09-15');
  });

  it('is decided only by the current step, in order, once', () => {
    let change = newCase();
    expect(approve(change, actorOf('S1'), timing.now)).toEqual({ ok: false, refusal: 'STEP_NOT_CURRENT' });
    expect(approve(change, actorOf('S5'), timing.now)).toEqual({ ok: false, refusal: 'NOT_PARTY' });
    const first = approve(change, actorOf('440104'), timing.now);
    if (!first.ok) throw new Error('refused');
    change = first.change;
    // Approved but not advanced yet: neither the same party again nor the next one can act.
    expect(approve(change, actorOf('440104'), timing.now)).toEqual({ ok: false, refusal: 'STEP_NOT_CURRENT' });
    expect(approve(change, actorOf('S1'), timing.now)).toEqual({ ok: false, refusal: 'STEP_NOT_CURRENT' });
    change = advance(change, 0, timing)!;
    expect(advance(change, 0, timing)).toBeUndefined();
    expect(change.currentStep).toBe(1);
    expect(change.steps[1]).toMatchObject({ status: 'current', dueBy: '2025-09-15' });
  });

  it('completes after the last approval, and ends for good on a rejection or a cancellation', () => {
    let change = newCase();
    for (const [index, org] of ['440104', 'S1', '440106'].entries()) {
      const move = approve(change, actorOf(org), timing.now);
      if (!move.ok) throw new Error(move.refusal);
      change = advance(move.change, index, timing)!;
    }
    expect(change).toMatchObject({ status: 'approved', completedAt: timing.now });

    const rejected = reject(newCase(), actorOf('440104'), timing.now, '学位已满');
    expect(rejected.ok && rejected.change.steps.map((step) => step.status)).toEqual(['rejected', 'skipped', 'skipped']);
    expect(cancel(newCase(), actorOf('440104'), timing.now)).toEqual({ ok: false, refusal: 'NOT_APPLICANT' });
    const cancelled = cancel(newCase(), actorOf('S9'), timing.now);
    expect(cancelled.ok && cancelled.change.status).toBe('cancelled');
  });

  it('keeps its invariants whatever anyone does, in any order, delivered any number of times', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        let change = newCase();
        for (const next of actions) {
          const before = change;
          change = act(change, next);
          // A closed case never changes again.
          if (before.status !== 'pending') expect(change).toBe(before);
          // Steps are decided in order: approved ones, then at most one open step, then the rest untouched.
          const statuses = change.steps.map((step) => step.status).join(',');
          expect(statuses).toMatch(/^(approved,)*(approved|current|rejected|skipped)?(,(waiting|skipped))*$/);
          expect(change.steps.filter((step) => step.status === 'current').length).toBeLessThanOrEqual(1);
          expect(change.status === 'pending').toBe(change.completedAt === undefined);
          if (change.status === 'approved') expect(change.steps.every((step) => step.status === 'approved')).toBe(true);
          expect(change.version).toBeGreaterThanOrEqual(before.version);
        }
      }),
    );
  });

  it('is visible to a later party only once its step is reached', () => {
    const change = newCase();
    expect(visibleTo(change, `${P}/4401/440104/S9`)).toBe(true); // applicant
    expect(visibleTo(change, `${P}/4401/440104`)).toBe(true); // current step
    expect(visibleTo(change, `${P}/4401/440106/S1`)).toBe(false); // sending school: not yet
    expect(visibleTo(change, `${P}/4401`)).toBe(true); // the city above them
  });
});

describe('effects', () => {
  const record = { studentId: 's1', classId: 'S1-G2025-C01', classSeatNo: '07', idType: '1', idNumber: '440106201908150012', nationalStudentNo: 'G440106201908150012', name: '张三' } as unknown as StudentRecord;
  const place: ClassPlace = { classId: 'S9-G2025-C02', gradeId: 'S9-G2025', grade: '2025', schoolId: 'S9', countyId: '440104', orgPath: classIn('440104', 'S9', 'C02') };

  it('moves a transferred record to its new class and school, without its old seat number', () => {
    const effect = effectOf('transfer', record, { place });
    expect(effect.set).toMatchObject({ classId: place.classId, schoolId: 'S9', countyId: '440104', orgPath: place.orgPath, status: 'enrolled' });
    expect(effect.remove).toEqual(['classSeatNo']);
    expect(effect.changes.map((change) => change.field)).toContain('schoolId');
    expect(effect.changes.map((change) => change.field)).not.toContain('status');
  });

  it('changes the status of a record on leave, dropout or death', () => {
    expect(effectOf('leave', record, {}).changes).toEqual([{ field: 'status', old: 'enrolled', new: 'leave' }]);
    expect(effectOf('death', { ...record, status: 'leave' }, {}).changes).toEqual([{ field: 'status', old: 'leave', new: 'deceased' }]);
  });

  it('carries a corrected ID number into the G number built from it', () => {
    const effect = effectOf('keyFieldChange', record, { keyFields: { idNumber: '44010620190815003X' } });
    expect(effect.set).toEqual({ idNumber: '44010620190815003X', nationalStudentNo: 'G44010620190815003X' });
    expect(effectOf('keyFieldChange', { ...record, nationalStudentNo: 'J440106201908150011' }, { keyFields: { idNumber: '44010620190815003X' } }).set).not.toHaveProperty('nationalStudentNo');
  });
});
