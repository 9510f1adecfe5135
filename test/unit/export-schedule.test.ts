// Export schedules' rules (shared/domain/exports/schedule.ts): five fields in China time, at most
// hourly, the next run strictly after a moment, in UTC.
import { describe, expect, it } from 'vitest';
import { cronProblem, nextRunAfter } from '#shared/domain/exports/schedule.ts';

describe('cronProblem', () => {
  it('takes five fields with a fixed minute', () => {
    for (const cron of ['0 7 * * 1', '30 6 1 * *', '0 7 * * 1-5', ' 15  8 1 9 * ']) expect(cronProblem(cron), cron).toBeUndefined();
  });

  it('refuses, in words, what is not five fields, runs more than hourly, or cannot be read', () => {
    expect(cronProblem('0 7 * *')).toMatch(/5 段/);
    expect(cronProblem('0 7 * * 1 2026')).toMatch(/5 段/);
    expect(cronProblem('* 7 * * *')).toMatch(/每小时至多一次/);
    expect(cronProblem('*/5 7 * * *')).toMatch(/每小时至多一次/);
    expect(cronProblem('60 7 * * *')).toMatch(/每小时至多一次/);
    expect(cronProblem('0 25 * * *')).toMatch(/无法识别/);
    expect(cronProblem('0 7 31 2 *')).toBeDefined();
  });
});

describe('nextRunAfter', () => {
  it('reads the rule in China time and answers UTC', () => {
    // Monday 30 November 2026, 7:00 in Beijing is Sunday 23:00 UTC.
    expect(nextRunAfter('0 7 * * 1', new Date('2026-11-29T12:00:00Z'))).toBe('2026-11-29T23:00:00.000Z');
    // Strictly after: at that very moment, the next Monday.
    expect(nextRunAfter('0 7 * * 1', new Date('2026-11-29T23:00:00Z'))).toBe('2026-12-06T23:00:00.000Z');
    // Daily at 1:30 in Beijing is 17:30 UTC the day before.
    expect(nextRunAfter('30 1 * * *', new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-30T17:30:00.000Z');
  });
});
