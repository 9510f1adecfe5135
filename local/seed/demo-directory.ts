// The demo organisation tree and users seeded on a first local start: one province, 2 cities,
// 3 counties, 6 schools with 3 grades of 2 classes each, and users of every role at several
// schools. Region codes are real GB/T 2260 codes; school identifiers are made up.
import { childPath, type Org } from '#shared/domain/org.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { Role } from '#shared/domain/roles.ts';

interface SchoolSeed {
  id: string;
  slug: string;
  name: string;
  stage: 'primary' | 'junior';
}

const PROVINCE = { id: '440000', name: '广东省' };
const CITIES = [
  { id: '440100', name: '广州市', slug: 'gz' },
  { id: '440300', name: '深圳市', slug: 'sz' },
];
const COUNTIES: { id: string; name: string; slug: string; city: string; schools: SchoolSeed[] }[] = [
  {
    id: '440106', name: '天河区', slug: 'tianhe', city: '440100',
    schools: [
      { id: '2144010601', slug: 'th-shiyan', name: '广州市天河区第一实验小学', stage: 'primary' },
      { id: '3144010602', slug: 'th-huajing', name: '广州市天河区华景中学', stage: 'junior' },
    ],
  },
  {
    id: '440104', name: '越秀区', slug: 'yuexiu', city: '440100',
    schools: [
      { id: '2144010401', slug: 'yx-dongfeng', name: '广州市越秀区东风路小学', stage: 'primary' },
      { id: '3144010402', slug: 'yx-yucai', name: '广州市越秀区育才中学', stage: 'junior' },
    ],
  },
  {
    id: '440305', name: '南山区', slug: 'nanshan', city: '440300',
    schools: [
      { id: '2144030501', slug: 'ns-qianhai', name: '深圳市南山区前海小学', stage: 'primary' },
      { id: '3144030502', slug: 'ns-shekou', name: '深圳市南山区蛇口中学', stage: 'junior' },
    ],
  },
];

/** Entry years of the three grades in the demo school year 2026–2027, youngest first. */
const ENTRY_YEARS = [2026, 2025, 2024];
const GRADE_NAMES = { primary: ['一年级', '二年级', '三年级'], junior: ['七年级', '八年级', '九年级'] };
const CLASSES_PER_GRADE = 2;

export interface DemoDirectory {
  orgs: Org[];
  users: (Principal & { subject: string })[];
}

export const devSubject = (username: string): string => `local|${username}`;

export function demoDirectory(): DemoDirectory {
  const orgs: Org[] = [];
  const users: DemoDirectory['users'] = [];
  const addUser = (username: string, role: Role, org: Org, displayName: string, classIds?: string[]) =>
    users.push({ subject: devSubject(username), userId: devSubject(username), username, role, orgId: org.orgId, orgPath: org.orgPath, displayName, ...(classIds ? { classIds } : {}) });

  const province: Org = { orgId: PROVINCE.id, kind: 'province', code: PROVINCE.id, name: PROVINCE.name, parentId: null, orgPath: `/${PROVINCE.id}` };
  orgs.push(province);
  addUser('sheng-admin', 'province_admin', province, '广东省学籍管理员');

  const cities = new Map<string, Org>();
  for (const city of CITIES) {
    const org: Org = { orgId: city.id, kind: 'city', code: city.id, name: city.name, parentId: province.orgId, orgPath: childPath(province.orgPath, city.id) };
    cities.set(city.id, org);
    orgs.push(org);
    addUser(`${city.slug}-admin`, 'city_admin', org, `${city.name}教育局`);
  }

  for (const county of COUNTIES) {
    const city = cities.get(county.city)!;
    const countyOrg: Org = { orgId: county.id, kind: 'county', code: county.id, name: county.name, parentId: city.orgId, orgPath: childPath(city.orgPath, county.id) };
    orgs.push(countyOrg);
    addUser(`${county.slug}-admin`, 'county_admin', countyOrg, `${county.name}教育局`);

    for (const school of county.schools) {
      const schoolOrg: Org = { orgId: school.id, kind: 'school', code: school.id, name: school.name, parentId: countyOrg.orgId, orgPath: childPath(countyOrg.orgPath, school.id) };
      orgs.push(schoolOrg);
      addUser(`registrar-${school.slug}`, 'school_registrar', schoolOrg, `${school.name} 学籍管理员`);
      // The teacher teaches both classes of the school's youngest grade.
      addUser(`teacher-${school.slug}`, 'teacher', schoolOrg, `${school.name} 任课教师`, [1, 2].map((n) => `${school.id}-G${ENTRY_YEARS[0]}-C0${n}`));

      ENTRY_YEARS.forEach((year, index) => {
        const gradeId = `${school.id}-G${year}`;
        const gradeOrg: Org = { orgId: gradeId, kind: 'grade', code: String(year), name: `${year}级 (${GRADE_NAMES[school.stage][index]})`, parentId: schoolOrg.orgId, orgPath: childPath(schoolOrg.orgPath, gradeId) };
        orgs.push(gradeOrg);
        for (let number = 1; number <= CLASSES_PER_GRADE; number += 1) {
          const classNo = String(number).padStart(2, '0');
          const classId = `${gradeId}-C${classNo}`;
          const classOrg: Org = { orgId: classId, kind: 'class', code: classNo, name: `${GRADE_NAMES[school.stage][index]}(${number})班`, parentId: gradeOrg.orgId, orgPath: childPath(gradeOrg.orgPath, classId) };
          orgs.push(classOrg);
          if (index === 0 && number === 1) {
            addUser(`advisor-${school.slug}`, 'class_advisor', classOrg, `${school.name} ${classOrg.name}班主任`);
            addUser(`student-${school.slug}`, 'student', classOrg, `${school.name} ${classOrg.name}学生`);
          }
        }
      });
    }
  }
  return { orgs, users };
}
