// Valid test students: real ID numbers (checksum, region, birth date, sex) and complete records.
import { randomInt } from 'node:crypto';
import { checkCharacter } from '#shared/domain/id-number.ts';

// Demo data uses the demo counties' codes; tests draw from other Guangzhou districts, one per
// test process, and never repeat within a process, so parallel suites do not collide.
const REGIONS = ['440111', '440112', '440113', '440114', '440115', '440117', '440118'];
const issued = new Set<string>();

/** A valid ID number, unique within this run unless a region, birth date and sex pin it down. */
export function validIdNumber(options: { region?: string; birthDate?: string; gender?: '1' | '2' } = {}): string {
  const gender = options.gender ?? (randomInt(2) === 0 ? '1' : '2');
  for (;;) {
    const birth = (options.birthDate ?? new Date(Date.UTC(2010, 0, 1) + randomInt(3650) * 86_400_000).toISOString().slice(0, 10)).replaceAll('-', '');
    const sequence = randomInt(1, 500) * 2 - (gender === '1' ? 1 : 0);
    const first17 = `${options.region ?? REGIONS[process.pid % REGIONS.length]}${birth}${String(sequence).padStart(3, '0')}`;
    const id = `${first17}${checkCharacter(first17)}`;
    if (!issued.has(id)) {
      issued.add(id);
      return id;
    }
  }
}

/** A parent's birth date in 1975-1994: enough IDs for thousands of test students per process. */
const parentBirthDate = () => new Date(Date.UTC(1975, 0, 1) + randomInt(7300) * 86_400_000).toISOString().slice(0, 10);

export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

export function newStudent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const idNumber = (overrides.idNumber as string | undefined) ?? validIdNumber();
  return {
    name: '测试学生',
    gender: Number(idNumber[16]) % 2 === 1 ? '1' : '2',
    birthDate: birthDateOf(idNumber),
    birthplace: '440106001000',
    nativePlace: '440100',
    ethnicity: '01',
    nationality: 'CHN',
    idType: '1',
    idNumber,
    overseasChinese: '00',
    health: '10',
    householdRegion: '440106',
    householdType: '2',
    classId: '2144010601-G2026-C01',
    enrolledOn: '2026-09',
    admissionMode: '11',
    attendanceMode: '1',
    currentAddress: '广东省广州市天河区华景路1号',
    mailingAddress: '广东省广州市天河区华景路1号',
    homeAddress: '广东省广州市天河区华景路1号',
    phone: '13800138000',
    postcode: '510000',
    onlyChild: '1',
    preschool: '1',
    guardians: [{ name: '测试家长', relation: '父亲', isGuardian: '1', idType: '1', idNumber: validIdNumber({ birthDate: parentBirthDate(), gender: '1' }), phone: '13900139000' }],
    ...overrides,
  };
}
