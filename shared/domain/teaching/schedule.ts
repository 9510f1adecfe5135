// Scheduling (排课): a section's time slots book its teacher, its room and its class for that
// term, day and period. Each booking is an item of its own, written only if absent, so two
// sections can never hold the same teacher, room or class at once, even when their requests race.
export const RESOURCES = ['teacher', 'room', 'class'] as const;
export type Resource = (typeof RESOURCES)[number];

export const RESOURCE_LABEL: Record<Resource, string> = { teacher: '任课教师', room: '教室', class: '班级' };

export interface Slot {
  /** 1 (Monday) to 7 (Sunday). */
  day: number;
  /** 1 to 12. */
  period: number;
}

/** A week's periods of one section: moving all of them (3 bookings each released and made) still fits one transaction. */
export const MAX_SLOTS = 15;
export const DAY_LABEL = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;

export interface Booking {
  resource: Resource;
  /** The teacher's user id, the room's name (trimmed, case folded) or the class id. */
  resourceId: string;
  day: number;
  period: number;
}

/** What a section holds: its teacher, room and class in each of its slots (none without slots). */
export function bookingsOf(section: { classId: string; teacherId?: string | undefined; room?: string | undefined; slots: readonly Slot[] }): Booking[] {
  const holders: [Resource, string | undefined][] = [
    ['teacher', section.teacherId],
    ['room', section.room ? roomKey(section.room) : undefined],
    ['class', section.classId],
  ];
  return holders.flatMap(([resource, resourceId]) => (resourceId ? section.slots.map((slot) => ({ resource, resourceId, day: slot.day, period: slot.period })) : []));
}

/** A room is one room however its name is spaced or cased: "A 101", "a101". */
export function roomKey(room: string): string {
  return room.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

const bookingId = (booking: Booking) => `${booking.resource}#${booking.resourceId}#${booking.day}#${booking.period}`;

/** The bookings to add and to release when a section's teacher, room or slots change. */
export function bookingChanges(before: readonly Booking[], after: readonly Booking[]): { add: Booking[]; release: Booking[] } {
  const had = new Set(before.map(bookingId));
  const has = new Set(after.map(bookingId));
  return { add: after.filter((booking) => !had.has(bookingId(booking))), release: before.filter((booking) => !has.has(bookingId(booking))) };
}

/** The same slot twice in one request. */
export function repeatedSlot(slots: readonly Slot[]): Slot | undefined {
  const seen = new Set<string>();
  for (const slot of slots) {
    const key = `${slot.day}#${slot.period}`;
    if (seen.has(key)) return slot;
    seen.add(key);
  }
  return undefined;
}
