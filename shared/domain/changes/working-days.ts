// Deadlines in working days (工作日): each party of a case has a number of them to decide. Weekends
// do not count, nor the public holidays a deployment lists; the Saturdays and Sundays that China
// makes working days (调休) count when listed. Dates are China's calendar days (UTC+8).

export interface WorkCalendar {
  /** Weekdays that are holidays, `YYYY-MM-DD`. */
  holidays?: readonly string[];
  /** Weekend days that are working days, `YYYY-MM-DD`. */
  workdays?: readonly string[];
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day in China at an instant. */
export function chinaDate(instant: string | Date): string {
  const ms = (typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + CHINA_OFFSET_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkCalendar = {}): boolean {
  if (calendar.workdays?.includes(date)) return true;
  if (calendar.holidays?.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The last day to decide: `days` working days after the day the step began (that day not counted). */
export function dueDate(startedAt: string, days: number, calendar: WorkCalendar = {}): string {
  let date = chinaDate(startedAt);
  for (let counted = 0; counted < days; ) {
    date = nextDay(date);
    if (isWorkingDay(date, calendar)) counted += 1;
  }
  return date;
}

/** Overdue once the due day has passed in China. */
export function isOverdue(dueBy: string, now: string | Date): boolean {
  return chinaDate(now) > dueBy;
}
