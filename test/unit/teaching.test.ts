// Teaching, the pure part: terms, and the bookings a section holds and gives up when it is
// rearranged (property-tested: applying the changes to the old bookings gives the new ones).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookingChanges, bookingsOf, repeatedSlot, roomKey, type Booking, type Slot } from '#shared/domain/teaching/schedule.ts';
import { isTerm, termLabel } from '#shared/domain/teaching/term.ts';

const key = (booking: Booking) => `${booking.resource}|${booking.resourceId}|${booking.day}|${booking.period}`;

describe('terms', () => {
  it('are a school year and its half', () => {
    expect(['2026-2027-1', '2026-2027-2'].every(isTerm)).toBe(true);
    expect(['2026-2028-1', '2026-2027-3', '2026-1', '2026-2027'].some(isTerm)).toBe(false);
    expect(termLabel('2026-2027-2')).toBe('2026-2027学年第二学期');
  });
});

describe('bookings', () => {
  it('are the teacher, the room and the class in each slot, and only what is set', () => {
    const slots = [{ day: 1, period: 1 }, { day: 3, period: 2 }];
    expect(bookingsOf({ classId: 'C1', teacherId: 'T1', room: ' a 101', slots }).map(key)).toEqual(['teacher|T1|1|1', 'teacher|T1|3|2', 'room|A101|1|1', 'room|A101|3|2', 'class|C1|1|1', 'class|C1|3|2']);
    expect(bookingsOf({ classId: 'C1', slots }).map((booking) => booking.resource)).toEqual(['class', 'class']);
    expect(bookingsOf({ classId: 'C1', teacherId: 'T1', room: 'A101', slots: [] })).toEqual([]);
  });

  it('name one room however it is spaced, cased or written in full-width characters', () => {
    expect(new Set(['A101', 'a 101', 'Ａ１０１', ' A101 ']).size).toBe(4);
    expect(new Set(['A101', 'a 101', 'Ａ１０１', ' A101 '].map(roomKey))).toEqual(new Set(['A101']));
  });

  it('change by exactly what was added and released', () => {
    const slot = fc.record({ day: fc.integer({ min: 1, max: 7 }), period: fc.integer({ min: 1, max: 12 }) });
    const section = fc.record({ classId: fc.constantFrom('C1', 'C2'), teacherId: fc.option(fc.constantFrom('T1', 'T2'), { nil: undefined }), room: fc.option(fc.constantFrom('A101', 'B2'), { nil: undefined }), slots: fc.uniqueArray(slot, { selector: (s: Slot) => `${s.day}#${s.period}`, maxLength: 6 }) });
    fc.assert(
      fc.property(section, section, (before, after) => {
        const { add, release } = bookingChanges(bookingsOf(before), bookingsOf(after));
        const released = new Set(release.map(key));
        const result = [...bookingsOf(before).filter((booking) => !released.has(key(booking))), ...add].map(key).sort();
        expect(result).toEqual(bookingsOf(after).map(key).sort());
        expect(add.some((booking) => released.has(key(booking)))).toBe(false);
      }),
    );
  });

  it('find a slot given twice', () => {
    expect(repeatedSlot([{ day: 1, period: 1 }, { day: 1, period: 2 }])).toBeUndefined();
    expect(repeatedSlot([{ day: 1, period: 1 }, { day: 2, period: 3 }, { day: 1, period: 1 }])).toEqual({ day: 1, period: 1 });
  });
});
