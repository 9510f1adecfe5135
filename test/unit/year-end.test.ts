// Year-end batches and jobs, the pure part: which grades a promotion moves and what they are
// called after it, who sees a job, and how a job's counts add up chunk by chunk.
import { describe, expect, it } from 'vitest';
import { afterChunk, failedJob, jobVisibleTo, MAX_ERROR_SAMPLES, type Job } from '#shared/domain/jobs.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ROLES } from '#shared/domain/roles.ts';
import { isOnRoll, nameOneUp, planPromotion, type GradeInfo } from '#shared/domain/year-end.ts';

const grade = (year: number, level: string, onRoll = 10, classes = 2): GradeInfo => ({
  gradeId: `S-G${year}`,
  name: `${year}级 (${level})`,
  classes: Array.from({ length: classes }, (_, index) => ({ classId: `S-G${year}-C0${index + 1}`, name: `${level}(${index + 1})班` })),
  onRoll,
});

describe('nameOneUp', () => {
  it('moves the level in a grade or class name one year up, keeping the rest', () => {
    expect(nameOneUp('2026级 (一年级)', false)).toBe('2026级 (二年级)');
    expect(nameOneUp('一年级(1)班', false)).toBe('二年级(1)班');
    expect(nameOneUp('七年级(3)班', false)).toBe('八年级(3)班');
    expect(nameOneUp('初一(2)班', false)).toBe('初二(2)班');
    expect(nameOneUp('2025级 高二', false)).toBe('2025级 高三');
  });

  it('leaves a last year, and a name without a level, as they are', () => {
    expect(nameOneUp('六年级(1)班', false)).toBe('六年级(1)班');
    expect(nameOneUp('六年级(1)班', true)).toBe('七年级(1)班');
    expect(nameOneUp('九年级(1)班', true)).toBe('九年级(1)班');
    expect(nameOneUp('初三(1)班', false)).toBe('初三(1)班');
    expect(nameOneUp('高三(1)班', false)).toBe('高三(1)班');
    expect(nameOneUp('火箭班', false)).toBe('火箭班');
  });
});

describe('planPromotion', () => {
  it('moves every grade with students up, but the leaving one, in a primary school', () => {
    const plan = planPromotion([grade(2026, '一年级'), grade(2025, '二年级'), grade(2021, '六年级')]);
    expect(plan.moves.map((move) => [move.from, move.to])).toEqual([
      ['2026级 (一年级)', '2026级 (二年级)'],
      ['2025级 (二年级)', '2025级 (三年级)'],
    ]);
    expect(plan.moves[0]!.classes.map((cls) => cls.to)).toEqual(['二年级(1)班', '二年级(2)班']);
    expect(plan.leaving).toEqual(['S-G2021']);
  });

  it('knows a junior school leaves from 九年级 and a nine-year school goes on from 六年级', () => {
    expect(planPromotion([grade(2026, '七年级'), grade(2025, '八年级'), grade(2024, '九年级')]).leaving).toEqual(['S-G2024']);
    const nineYear = planPromotion([grade(2021, '六年级'), grade(2020, '七年级'), grade(2018, '九年级')]);
    expect(nineYear.moves.map((move) => move.to)).toEqual(['2021级 (七年级)', '2020级 (八年级)']);
    expect(nineYear.leaving).toEqual(['S-G2018']);
  });

  it('leaves grades without students on roll alone, and reports a name it cannot read', () => {
    const plan = planPromotion([grade(2027, '一年级', 0), grade(2023, '五年级', 0), grade(2026, '实验', 5)]);
    expect(plan.moves).toEqual([]);
    expect(plan.idle).toEqual(['S-G2027', 'S-G2023']);
    expect(plan.unrecognized).toEqual([{ gradeId: 'S-G2026', name: '2026级 (实验)' }]);
  });
});

describe('on roll', () => {
  it('means enrolled (also without a status) or on leave, and not deleted', () => {
    expect(isOnRoll({})).toBe(true);
    expect(isOnRoll({ status: 'leave' })).toBe(true);
    expect(isOnRoll({ status: 'graduated' })).toBe(false);
    expect(isOnRoll({ status: 'enrolled', deleted: { at: 'x' } })).toBe(false);
  });
});

const creator = { userId: 'local|registrar-x', displayName: 'x', role: 'school_registrar', orgId: 'S', orgPath: '/P/C/K/S' };
const job = (over: Partial<Job> = {}): Job => ({
  jobId: 'j1',
  kind: 'graduation',
  status: 'running',
  total: 10,
  done: 0,
  errors: 0,
  errorSamples: [],
  resultUrl: null,
  orgId: 'S',
  request: {},
  createdBy: creator,
  createdAt: 't0',
  updatedAt: 't0',
  step: 1,
  holds: [],
  ...over,
});

describe('jobs', () => {
  it('are seen by their creator and the organisations above it, not by a colleague or a neighbour', () => {
    expect(jobVisibleTo(job(), { userId: creator.userId, orgPath: creator.orgPath })).toBe(true);
    expect(jobVisibleTo(job(), { userId: 'county', orgPath: '/P/C/K' })).toBe(true);
    expect(jobVisibleTo(job(), { userId: 'colleague', orgPath: '/P/C/K/S' })).toBe(false);
    expect(jobVisibleTo(job(), { userId: 'neighbour', orgPath: '/P/C/K/T' })).toBe(false);
    expect(jobVisibleTo(job(), { userId: 'class', orgPath: '/P/C/K/S/G/C1' })).toBe(false);
  });

  it('add up chunk by chunk, keep a few examples, and end with what they worked through', () => {
    const error = (n: number) => ({ item: `s${n}`, message: 'x' });
    let current = afterChunk(job(), { done: 4, errors: [error(1), error(2), error(3)], state: 'a', finished: false }, 't1', () => '/r');
    expect(current).toMatchObject({ status: 'running', done: 4, errors: 3, step: 2, state: 'a', resultUrl: null });
    current = afterChunk(current, { done: 2, errors: [error(4), error(5), error(6)], state: 'b', finished: true }, 't2', () => '/r');
    expect(current).toMatchObject({ status: 'succeeded', done: 6, errors: 6, total: 12, step: 3, resultUrl: '/r', completedAt: 't2' });
    expect(current.errorSamples).toHaveLength(MAX_ERROR_SAMPLES);
    expect(failedJob(job(), '停止', 't3')).toMatchObject({ status: 'failed', errors: 1, completedAt: 't3', step: 2 });
  });

  it('year-end batches are the school registrar’s alone', () => {
    const at = (role: Principal['role'], orgPath: string): Principal => ({ userId: 'u', username: 'u', role, orgId: orgPath.split('/').at(-1)!, orgPath, displayName: 'u' });
    for (const role of ROLES) {
      const orgPath = role === 'school_registrar' || role === 'teacher' ? '/P/C/K/S' : role === 'county_admin' ? '/P/C/K' : role === 'city_admin' ? '/P/C' : role === 'province_admin' ? '/P' : '/P/C/K/S/G/C1';
      expect(decide(at(role, orgPath), 'school.yearEnd', { orgPath: '/P/C/K/S' }).allowed, role).toBe(role === 'school_registrar');
    }
    expect(decide(at('school_registrar', '/P/C/K/T'), 'school.yearEnd', { orgPath: '/P/C/K/S' })).toEqual({ allowed: false, reason: 'OUT_OF_SCOPE' });
  });
});
