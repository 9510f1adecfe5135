// The 学信网 registration files without the stack: the certificate number's parts, the settings'
// codes, the pre-export checks (birth date against the ID number, rare characters, look-alike
// characters, missing fields) and the rows (columns in 学信网's order, values as it expects them).
import { describe, expect, it } from 'vitest';
import { certificateNo, certificatePrefix, MAX_SEQUENCE, parseCertificateNo } from '#shared/domain/exports/chsi-certificate.ts';
import { chsiProblems, refusedItem } from '#shared/domain/exports/chsi-checks.ts';
import { chinaDate, chsiColumns, chsiFile, chsiRow, expectedGraduation, graduatedAt, newestIntake, type ChsiStudent } from '#shared/domain/exports/chsi-file.ts';
import { checkedSettings, settingsProblems, type RegistrationInput, type RegistrationSettings } from '#shared/domain/exports/chsi-settings.ts';
import { checkCharacter } from '#shared/domain/id-number.ts';
import type { StudentRecord } from '#shared/domain/student.ts';

const idFor = (birth: string, sequence = '123') => {
  const first17 = `440106${birth.replaceAll('-', '')}${sequence}`;
  return `${first17}${checkCharacter(first17)}`;
};

function record(overrides: Partial<StudentRecord> = {}): StudentRecord {
  const birthDate = overrides.birthDate ?? '2006-03-15';
  return {
    studentId: 's1',
    nationalStudentNo: `G${idFor(birthDate)}`,
    schoolId: '4144010603',
    gradeId: '4144010603-G2024',
    grade: '2024',
    countyId: '440106',
    orgPath: '/440000/440100/440106/4144010603/4144010603-G2024/4144010603-G2024-C01',
    version: 1,
    createdAt: '2024-09-01T00:00:00.000Z',
    updatedAt: '2024-09-01T00:00:00.000Z',
    name: '王子涵',
    gender: '1',
    birthDate,
    birthplace: '440106001000',
    nativePlace: '440100',
    ethnicity: '01',
    nationality: 'CHN',
    idType: '1',
    idNumber: idFor(birthDate),
    overseasChinese: '00',
    politicalStatus: '03',
    health: '10',
    householdRegion: '440106',
    householdType: '2',
    classId: '4144010603-G2024-C01',
    enrolledOn: '2024-09',
    admissionMode: '21',
    attendanceMode: '1',
    currentAddress: '广东省广州市天河区华景路1号',
    mailingAddress: '广东省广州市天河区华景路1号',
    homeAddress: '广东省广州市天河区华景路1号',
    phone: '13800138000',
    postcode: '510000',
    onlyChild: '1',
    preschool: '1',
    guardians: [],
    extra: {},
    ...overrides,
  };
}

const programme = { majorCode: '510201', majorName: '计算机应用技术', level: '06' as const, studyForm: '普通全日制', years: 3, department: '信息工程系' };
const settings: RegistrationSettings = { institutionCode: '90603', schoolName: '广州市天河区职业技术学校', schoolType: '1', adultEducation: false, grades: { '4144010603-G2024': programme } };
const student = (overrides: Partial<StudentRecord> = {}): ChsiStudent => ({ record: record(overrides), className: '24计算机应用1班', programme });

describe('certificate numbers', () => {
  it('are 18 digits: institution code, school type, year, level, a 6-digit sequence', () => {
    const prefix = certificatePrefix({ institutionCode: '90603', schoolType: '1', year: '2027', level: '06' });
    expect(prefix).toBe('906031202706');
    expect(certificateNo(prefix, 1)).toBe('906031202706000001');
    expect(certificateNo(prefix, 123_456)).toBe('906031202706123456');
    expect(parseCertificateNo('906031202706000042')).toEqual({ prefix, institutionCode: '90603', schoolType: '1', year: '2027', level: '06', sequence: 42 });
  });

  it('run out after 999999, and a malformed number is not one', () => {
    expect(certificateNo('906031202706', MAX_SEQUENCE)).toBe('906031202706999999');
    expect(certificateNo('906031202706', MAX_SEQUENCE + 1)).toBeUndefined();
    expect(certificateNo('906031202706', 0)).toBeUndefined();
    for (const bad of ['906031202706000000', '906032202706000001', '906031202703000001', '90603120270600001', '9060312027060000011']) expect(parseCertificateNo(bad), bad).toBeUndefined();
  });
});

describe('the registration settings', () => {
  const input: RegistrationInput = { ...settings, grades: { g1: { ...programme } } };

  it('take 5-digit institution codes, the four school types, 6-digit majors, the five levels and whole years', () => {
    expect(settingsProblems(input)).toEqual([]);
    expect(checkedSettings(input)).toEqual(input);
    for (const schoolType of ['1', '5', '6', '7']) expect(settingsProblems({ ...input, schoolType })).toEqual([]);
    for (const level of ['01', '02', '04', '05', '06']) expect(settingsProblems({ ...input, grades: { g1: { ...programme, level } } })).toEqual([]);
  });

  it('refuse bad codes field by field, in Chinese', () => {
    const bad: RegistrationInput = { ...input, institutionCode: '9060', schoolType: '2', grades: { g1: { ...programme, majorCode: '5102', level: '03', years: 2.5 } } };
    expect(settingsProblems(bad)).toEqual([
      { path: 'institutionCode', code: 'invalid_code', message: '院校代码应为 5 位数字' },
      { path: 'schoolType', code: 'invalid_code', message: expect.stringContaining('办学类型') },
      { path: 'grades.g1.majorCode', code: 'invalid_code', message: '专业代码应为 6 位数字' },
      { path: 'grades.g1.level', code: 'invalid_code', message: expect.stringContaining('层次应为') },
      { path: 'grades.g1.years', code: 'invalid_code', message: expect.stringContaining('学制') },
    ]);
    expect(checkedSettings(bad)).toBeUndefined();
    expect(settingsProblems({ ...input, institutionCode: '9O603' })).toHaveLength(1);
  });
});

describe('the pre-export checks', () => {
  it('pass a complete record whose ID number holds its birth date', () => {
    expect(chsiProblems(record())).toEqual([]);
    // A foreign student on a passport: nothing to compare, a name of Latin letters is fine.
    expect(chsiProblems(record({ idType: 'A', idNumber: 'E12345678', name: 'John Smith', ethnicity: '98' }))).toEqual([]);
    // A minority name with the interpunct GB standards use.
    expect(chsiProblems(record({ name: '买买提·吐尔逊' }))).toEqual([]);
  });

  it('refuse a birth date the ID number does not hold', () => {
    expect(chsiProblems(record({ birthDate: '2006-03-16', idNumber: idFor('2006-03-15') }))).toEqual(['出生日期与身份证件号中的出生日期不符']);
  });

  it('refuse a name with characters beyond GB 18030’s two-byte set, telling to register by hand, and never change it', () => {
    for (const name of ['李𠮷祥', '刘䶮', '王𪚥明']) {
      const [problem] = chsiProblems(record({ name }));
      expect(problem, name).toMatch(/^姓名含生僻字「.+」.*手工注册/u);
      expect(problem).toContain([...name].find((char) => char.codePointAt(0)! < 0x4e00 || char.codePointAt(0)! > 0x9fa5)!);
    }
    // U+9FA6 and later are in the basic block but not in the two-byte set.
    expect(chsiProblems(record({ name: '王\u9fb4' }))[0]).toContain('生僻字');
  });

  it('refuse look-alike characters: full width, digits, 〇, dot variants, radicals, mixed scripts', () => {
    const lookAlike = (name: string) => chsiProblems(record({ name })).join('');
    expect(lookAlike('王Ｌｉ')).toContain('全角字符「Ｌｉ」');
    expect(lookAlike('李0明')).toContain('数字「0」');
    expect(lookAlike('李〇明')).toContain('「〇」');
    expect(lookAlike('买买提•吐尔逊')).toContain('间隔号「•」');
    expect(lookAlike('买买提・吐尔逊')).toContain('间隔号「・」');
    expect(lookAlike('王\u2f08')).toContain('部首或兼容汉字'); // ⼈ KANGXI RADICAL MAN, drawn as 人
    expect(lookAlike('王\uf92c')).toContain('部首或兼容汉字'); // a compatibility ideograph
    expect(lookAlike('王Li')).toContain('汉字姓名中的字母「Li」');
    expect(lookAlike('Jоhn')).toContain('西里尔或希腊字母「о」'); // a Cyrillic о among Latin letters
    // Each problem once, in one message: the row is refused once.
    expect(chsiProblems(record({ name: '王Ｌ0' }))).toHaveLength(1);
  });

  it('refuse missing fields the file needs', () => {
    expect(chsiProblems(record({ idNumber: undefined, idType: '1' }))).toEqual(['缺少证件号码']);
    expect(chsiProblems(record({ ethnicity: '00', gender: '9' }))).toEqual(['缺少性别、民族']);
  });

  it('name a refused row by its 学号, or its masked ID number, never the number in full', () => {
    expect(refusedItem(record({ schoolStudentNo: '2024010001' }))).toBe('王子涵 (学号 2024010001)');
    const item = refusedItem(record());
    expect(item).toBe(`王子涵 (证件号 440106********${idFor('2006-03-15').slice(-4)})`);
    expect(refusedItem(record({ idNumber: undefined, nationalStudentNo: 'L44010620060315' + '1234' }))).toBe('王子涵 (学籍号 L440106200603151234)');
  });
});

describe('the rows', () => {
  it('have the 学信网 columns in order; an adult-education school adds YXDM and YXMC, graduates BYRQ, BYJL and ZSBH', () => {
    const base = ['KSH', 'XH', 'XM', 'XB', 'CSRQ', 'ZJLX', 'ZJHM', 'ZZMM', 'MZ', 'ZYDM', 'ZYMC', 'FY', 'XSH', 'BH', 'CC', 'XXXS', 'XZ', 'RXRQ', 'YJBYRQ'];
    expect(chsiColumns({ adult: false, graduate: false })).toEqual(base);
    expect(chsiColumns({ adult: true, graduate: false })).toEqual([...base, 'YXDM', 'YXMC']);
    expect(chsiColumns({ adult: true, graduate: true })).toEqual([...base, 'YXDM', 'YXMC', 'BYRQ', 'BYJL', 'ZSBH']);
  });

  it('hold the values as 学信网 reads them: names of codes, yyyyMMdd dates, the school number or else the national one', () => {
    const one = student({ extra: { examineeNo: '24440106150001' }, schoolStudentNo: '2024010001' });
    expect(chsiRow(settings, one)).toEqual([
      '24440106150001', '2024010001', '王子涵', '男', '20060315', '居民身份证', idFor('2006-03-15'), '共青团员', '汉族',
      '510201', '计算机应用技术', '信息工程系', '', '24计算机应用1班', '专科', '普通全日制', '3', '20240901', '20270701',
    ]);
    const plain = chsiRow(settings, student({ politicalStatus: undefined, gender: '2', ethnicity: '03' }));
    expect(plain.slice(0, 9)).toEqual(['', `G${idFor('2006-03-15')}`, '王子涵', '女', '20060315', '居民身份证', idFor('2006-03-15'), '', '回族']);
  });

  it('add the school for adult education and the graduation for graduates', () => {
    const graduate = { ...student(), graduation: { date: '20270630', conclusion: '毕业' as const, certificateNo: '906035202706000001' } };
    expect(chsiRow({ ...settings, adultEducation: true }, graduate).slice(-5)).toEqual(['90603', '广州市天河区职业技术学校', '20270630', '毕业', '906035202706000001']);
    const file = chsiFile('chsiGraduate', settings, '广州市天河区职业技术学校_2024级', [graduate]);
    expect(file.fileName).toBe('学信网毕业生注册_广州市天河区职业技术学校_2024级');
    expect(file.tables[0]!.columns.slice(-3)).toEqual(['BYRQ', 'BYJL', 'ZSBH']);
    expect(file.tables[0]!.rows).toHaveLength(1);
  });

  it('date the expected graduation in July after the programme’s years, and days in China time', () => {
    expect(expectedGraduation('2024-09', 3)).toBe('20270701');
    expect(expectedGraduation('2025-03', 5)).toBe('20300701');
    expect(chinaDate('2027-06-30T17:00:00.000Z')).toBe('20270701');
    expect(chinaDate('2027-06-30T15:59:59.000Z')).toBe('20270630');
  });

  it('take the newest intake for the new-student file, and the graduation from the history', () => {
    const records = [record({ grade: '2024' }), record({ grade: '2026', studentId: 's2' }), record({ grade: '2025', studentId: 's3' }), record({ grade: '2026', studentId: 's4' })];
    expect(newestIntake(records).map((each) => each.studentId)).toEqual(['s2', 's4']);
    expect(newestIntake([])).toEqual([]);
    const history = [
      { at: '2027-07-01T02:00:00.000Z', changes: [{ field: 'phone', new: '13900000000' }] },
      { at: '2027-06-30T02:00:00.000Z', changes: [{ field: 'status', new: 'graduated' }] },
      { at: '2024-09-01T02:00:00.000Z', changes: [{ field: 'status', new: 'enrolled' }] },
    ];
    expect(graduatedAt(history)).toBe('2027-06-30T02:00:00.000Z');
    expect(graduatedAt(history.slice(0, 1))).toBeUndefined();
  });
});
