// Scheduled triggers, locally: the manifest's EventBridge-style cron fields run through croner
// in UTC, each firing a Scheduled Event at the function; a run still going skips the next tick.
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { ScheduledEvent } from 'aws-lambda';
import type { CronSchedule, FunctionDef } from '#shared/manifest/types.ts';
import type { LocalFunctions } from './functions.ts';

export function cronPattern(cron: CronSchedule): string {
  const field = (value: string | undefined) => (value === undefined || value === '?' ? '*' : value);
  return [cron.minute, field(cron.hour), field(cron.day), field(cron.month), field(cron.weekDay)].join(' ');
}

export function scheduledEvent(fn: FunctionDef, region: string): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date().toISOString(),
    region,
    resources: [`local:rule/${fn.id}`],
    detail: {},
  };
}

export function isScheduled(fn: FunctionDef): boolean {
  return fn.triggers.some((trigger) => trigger.kind === 'schedule');
}

export function startSchedules(functions: FunctionDef[], local: LocalFunctions, region: string): { stop(): void } {
  const jobs: Cron[] = [];
  for (const fn of functions) {
    for (const trigger of fn.triggers) {
      if (trigger.kind !== 'schedule') continue;
      jobs.push(
        new Cron(cronPattern(trigger.cron), { timezone: 'UTC', protect: true }, async () => {
          try {
            await local.invoke(fn, trigger.input ?? scheduledEvent(fn, region));
          } catch (error) {
            console.error(`[schedule ${fn.id}] failed:`, error instanceof Error ? error.message : error);
          }
        }),
      );
    }
  }
  return { stop: () => jobs.forEach((job) => job.stop()) };
}
