// About 2,000 demo students spread over the demo classes: deterministic (a seeded PRNG), valid
// and consistent with the record rules (real ID checksums agreeing with birth date and sex,
// code-table values, unique ID numbers), with a few rare-character names, foreign students on
// J numbers and students without household registration on L numbers.
import { checkCharacter } from '#shared/domain/id-number.ts';
import { formalNumber, noIdNumber, temporaryNumber } from '#shared/domain/national-student-no.ts';
import type { Org } from '#shared/domain/org.ts';
import { placeOfClass, type StudentRecord } from '#shared/domain/student.ts';
import type { Guardian } from '#shared/domain/student-record.ts';

export const DEMO_STUDENT_COUNT = 2000;

/** A small seeded PRNG (mulberry32): the demo data is the same on every machine. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '梁', '欧阳', '司马'];
const GIVEN = ['子涵', '欣怡', '梓轩', '浩然', '雨桐', '宇航', '思彤', '俊杰', '嘉怡', '一诺', '诗涵', '子墨', '晨曦', '家豪', '淞', '凇', '嘉', '彤', '睿', '悦'];
// Names with characters outside the basic CJK block (Extension A and B): stored and searched intact.
const RARE_GIVEN = ['𠮷祥', '䶮', '𡈼', '𪚥明'];
const ETHNIC = ['01', '01', '01', '01', '01', '01', '01', '03', '08', '11', '15'];

export interface DemoStudents {
  records: StudentRecord[];
  /** National-number counters used by J numbers, so later enrolments continue after them. */
  jCounters: Map<string, number>;
}

/** `seed`, `idPrefix` and `entryAge` let another group of students (the demo college's) be made alongside, distinct from these. */
export function demoStudents(classes: Org[], grades: Map<string, Org>, count = DEMO_STUDENT_COUNT, options: { seed?: number; idPrefix?: string; entryAge?: number } = {}): DemoStudents {
  const random = prng(options.seed ?? 20260901);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const usedIds = new Set<string>();
  const usedNumbers = new Set<string>();
  const jCounters = new Map<string, number>();
  const records: StudentRecord[] = [];
  const now = '2026-09-01T08:00:00.000Z';

  const idFor = (region: string, birth: string, gender: '1' | '2'): string => {
    for (;;) {
      let sequence = Math.floor(random() * 500) * 2 + (gender === '1' ? 1 : 0);
      if (sequence === 0) sequence = 2;
      const first17 = `${region}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
      const id = `${first17}${checkCharacter(first17)}`;
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  const birthIn = (year: number): string => {
    const start = Date.UTC(year - 1, 8, 1);
    const day = new Date(start + Math.floor(random() * 365) * 86_400_000);
    return day.toISOString().slice(0, 10);
  };

  if (count <= 0) return { records, jCounters };
  const perClass = Math.ceil(count / classes.length);
  for (const classOrg of classes) {
    const place = placeOfClass(classOrg.orgPath)!;
    const grade = grades.get(place.gradeId)!;
    const entryYear = Number(grade.code);
    const junior = place.schoolId.startsWith('3');
    const region = place.countyId;
    for (let seat = 1; seat <= perClass && records.length < count; seat += 1) {
      const index = records.length;
      const gender: '1' | '2' = random() < 0.52 ? '1' : '2';
      const birthDate = birthIn(entryYear - (options.entryAge ?? (junior ? 12 : 6)));
      const name = `${pick(SURNAMES)}${index % 97 === 0 ? pick(RARE_GIVEN) : pick(GIVEN)}`;
      const parentYear = Number(birthDate.slice(0, 4)) - 28 - Math.floor(random() * 8);
      const guardians: Guardian[] = [
        { name: `${name.slice(0, 1)}${pick(['建国', '志强', '伟', '军'])}`, relation: '父亲', isGuardian: '1', idType: '1', idNumber: idFor(region, `${parentYear}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`, '1'), phone: `139${digits(8)}`, employer: '个体经营' },
        { name: `${pick(SURNAMES)}${pick(['秀英', '丽', '敏', '静'])}`, relation: '母亲', isGuardian: '1', idType: '1', idNumber: idFor(region, `${parentYear + 1}-1${Math.floor(random() * 3)}-0${1 + Math.floor(random() * 9)}`, '2'), phone: `138${digits(8)}` },
      ];
      // Every 150th student is a foreign national on a passport (J number); every 211th has no
      // household registration yet (L number, standing on both parents' IDs).
      const foreign = index % 150 === 149;
      const withoutHousehold = !foreign && index % 211 === 210;
      let nationalStudentNo: string;
      let idNumber: string | undefined;
      if (foreign) {
        const key = `${region}${birthDate.replaceAll('-', '')}`;
        const sequence = (jCounters.get(key) ?? 0) + 1;
        jCounters.set(key, sequence);
        nationalStudentNo = noIdNumber(region, birthDate, sequence);
        idNumber = `E${digits(8)}`;
      } else if (withoutHousehold) {
        do nationalStudentNo = temporaryNumber(region, birthDate, digits(4));
        while (usedNumbers.has(nationalStudentNo));
      } else {
        idNumber = idFor(region, birthDate, gender);
        nationalStudentNo = formalNumber(idNumber);
      }
      usedNumbers.add(nationalStudentNo);
      const address = `${junior ? '广东省' : '广东省'}${region === '440305' ? '深圳市南山区' : '广州市'}${pick(['华景路', '东风路', '天河北路', '海德三道', '环市东路'])}${1 + Math.floor(random() * 300)}号`;
      records.push({
        studentId: `${options.idPrefix ?? 'demo-'}${String(index + 1).padStart(4, '0')}`,
        nationalStudentNo,
        name,
        gender,
        birthDate,
        birthplace: `${region}001000`,
        nativePlace: pick(['440100', '440300', '430100', '450100', '360100', '510100']),
        ethnicity: foreign ? '98' : pick(ETHNIC),
        nationality: foreign ? pick(['SGP', 'MYS', 'USA']) : 'CHN',
        idType: foreign ? 'A' : '1',
        ...(idNumber ? { idNumber } : {}),
        ...(withoutHousehold ? { guardianBasis: 'both_parents' as const } : {}),
        overseasChinese: foreign ? '51' : '00',
        health: random() < 0.95 ? '10' : '20',
        householdRegion: region,
        householdType: random() < 0.8 ? '2' : '1',
        classId: classOrg.orgId,
        classSeatNo: String(seat),
        enrolledOn: `${entryYear}-09`,
        admissionMode: junior || options.entryAge ? '21' : '11',
        attendanceMode: random() < 0.9 ? '1' : '2',
        currentAddress: address,
        mailingAddress: address,
        homeAddress: address,
        phone: `13${digits(9)}`,
        postcode: region === '440305' ? '518000' : '510000',
        onlyChild: random() < 0.4 ? '1' : '0',
        preschool: '1',
        leftBehind: random() < 0.05 ? '1' : '0',
        migrantChild: random() < 0.2 ? '1' : '0',
        guardians,
        extra: {},
        schoolId: place.schoolId,
        gradeId: place.gradeId,
        grade: grade.code,
        countyId: region,
        orgPath: classOrg.orgPath,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  return { records, jCounters };
}
