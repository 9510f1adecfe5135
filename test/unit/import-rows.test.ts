// Intake from spreadsheets, the pure part: a file's header row matched to the import columns (the
// template's headers, other systems' names, a caller's mapping), each kind of cell read as Excel
// gives it, and a row checked exactly as single enrolment checks it, every problem told at the
// column of the file that fed the field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMISSION_MODE, ETHNICITY, GENDER } from '#shared/domain/code-tables.ts';
import { checkCharacter } from '#shared/domain/id-number.ts';
import { choicesOf, resolveCode } from '#shared/domain/imports/code-values.ts';
import { checkMapping, IMPORT_COLUMNS, isTemplateExample, matchHeaders, normalizeHeader, templateHeader, type HeaderMatch } from '#shared/domain/imports/columns.ts';
import type { Cell } from '#shared/domain/imports/cells.ts';
import { rowToStudent } from '#shared/domain/imports/row.ts';
import { PROVINCE_CODES } from '#shared/domain/region-code.ts';

const today = new Date('2026-11-28T00:00:00Z');
const CLASS_ID = '4401060001-G2025-C01';
const placement = (grade: string, className: string) => (grade === '2025级' && className === '1班' ? CLASS_ID : undefined);

/** The template's example row by header: a row that imports cleanly. */
const EXAMPLE: Record<string, Cell> = Object.fromEntries(IMPORT_COLUMNS.map((column) => [column.header, column.example ?? null]));

/** A file with these headers (by default the template's, ★ and all) and one row. */
function sheet(changes: Record<string, Cell> = {}, options: { without?: string[]; headers?: Record<string, string>; mapping?: Record<string, string> } = {}) {
  const values = { ...EXAMPLE, ...changes };
  const kept = IMPORT_COLUMNS.filter((column) => !options.without?.includes(column.header));
  const headers = kept.map((column) => options.headers?.[column.header] ?? templateHeader(column));
  const extra = Object.keys(changes).filter((header) => !IMPORT_COLUMNS.some((column) => column.header === header));
  const matched = matchHeaders([...headers, ...extra], options.mapping);
  const cells = [...kept.map((column) => values[column.header]), ...extra.map((header) => changes[header])];
  return { matched, cells };
}

function importRow(changes: Record<string, Cell> = {}, options: Parameters<typeof sheet>[1] = {}) {
  const { matched, cells } = sheet(changes, options);
  return rowToStudent(cells, matched, placement, { today });
}

const field = (match: HeaderMatch, header: string) => match.columns.find((column) => column.header === header)?.column.key;

describe('header matching', () => {
  it('finds every column of the template, with nothing unknown or missing', () => {
    const match = matchHeaders(IMPORT_COLUMNS.map(templateHeader));
    expect(match.columns.map((column) => column.column.key)).toEqual(IMPORT_COLUMNS.map((column) => column.key));
    expect([match.unknownHeaders, match.missingRequired, match.duplicateHeaders, match.mappingErrors]).toEqual([[], [], [], []]);
  });

  it('knows the names admissions systems use', () => {
    const names: Record<string, string> = {
      身份证号: 'idNumber', 身份证件号码: 'idNumber', 证件号码: 'idNumber', 公民身份号码: 'idNumber', 性别码: 'gender', 民族码: 'ethnicity',
      出生年月日: 'birthDate', 家长姓名: 'guardians.0.name', 监护人电话: 'guardians.0.phone', 家庭成员2联系电话: 'guardians.1.phone',
      家庭成员二姓名: 'guardians.1.name', 家长2身份证号: 'guardians.1.idNumber', 邮编: 'postcode', 国籍: 'nationality', Email: 'email',
    };
    for (const [header, key] of Object.entries(names)) expect(field(matchHeaders([header]), header), header).toBe(key);
  });

  it('ignores spaces, full width, required marks and bracketed remarks', () => {
    const headers = [' 姓名 ', '性别★', '出生日期*', '＊民族', '性别(男/女)', '身份证件类型（代码）', '身份证号【必填】', 'ＸＭ', '国籍 / 地区', '家庭成员1 联系电话'];
    expect(headers.map(normalizeHeader)).toEqual(['姓名', '性别', '出生日期', '民族', '性别', '身份证件类型', '身份证号', 'xm', '国籍地区', '家庭成员1联系电话']);
    const match = matchHeaders(headers);
    expect(match.columns.map((column) => [column.header, column.column.key])).toEqual([
      ['姓名', 'name'], ['性别★', 'gender'], ['出生日期*', 'birthDate'], ['＊民族', 'ethnicity'], ['身份证件类型（代码）', 'idType'],
      ['身份证号【必填】', 'idNumber'], ['国籍 / 地区', 'nationality'], ['家庭成员1 联系电话', 'guardians.0.phone'],
    ]);
    // The second column for a field already fed is not read, and says which one it repeats.
    expect(match.duplicateHeaders).toEqual([
      { index: 4, header: '性别(男/女)', field: 'gender', firstHeader: '性别★' },
      { index: 7, header: 'ＸＭ', field: 'name', firstHeader: '姓名' },
    ]);
  });

  it('lists unknown headers and missing required columns by their text', () => {
    const match = matchHeaders(['姓名', '', '备注', null, '性别', '父亲单位']);
    expect(match.unknownHeaders).toEqual([{ index: 2, header: '备注' }, { index: 5, header: '父亲单位' }]);
    expect(match.missingRequired).toContainEqual({ field: 'birthDate', header: '出生日期' });
    expect(match.missingRequired).toContainEqual({ field: 'className', header: '班级' });
    expect(match.missingRequired.map((missing) => missing.field)).not.toContain('gender');
    expect(match.missingRequired.map((missing) => missing.field)).not.toContain('idNumber');
  });

  it('lets a caller mapping win over the built-in names, by field key or by header', () => {
    const match = matchHeaders(['姓名', '身份证号', '身份证件号', '父亲姓名', '备注', '学生身份证'], {
      身份证号: 'guardians.0.idNumber',
      父亲姓名: '家庭成员1姓名',
      ' 备注 ': '',
      学生身份证: 'idNumber',
    });
    expect(match.columns.map((column) => [column.header, column.column.key])).toEqual([
      ['姓名', 'name'], ['身份证号', 'guardians.0.idNumber'], ['父亲姓名', 'guardians.0.name'], ['学生身份证', 'idNumber'],
    ]);
    expect(match.duplicateHeaders).toEqual([{ index: 2, header: '身份证件号', field: 'idNumber', firstHeader: '学生身份证' }]);
    expect(match.unknownHeaders).toEqual([]);
    expect(match.mappingErrors).toEqual([]);
  });

  it('refuses a mapping to a field that does not exist, naming it', () => {
    const errors = checkMapping({ 身份证: 'idNo', 姓名: 'name' });
    expect(errors).toEqual([{ header: '身份证', field: 'idNo', code: 'unknown_field', message: expect.stringContaining('idNo') }]);
    expect(matchHeaders(['身份证', '姓名'], { 身份证: 'idNo' }).mappingErrors).toEqual(errors);
    expect(checkMapping({ 班级代码: 'classId' })[0]?.field).toBe('classId');
  });

  it('never gives one name to two columns', () => {
    const owner = new Map<string, string>();
    for (const column of IMPORT_COLUMNS) {
      for (const name of [column.header, ...column.aliases]) {
        const key = normalizeHeader(name);
        expect(owner.get(key) ?? column.key, `${name} of ${column.key}`).toBe(column.key);
        owner.set(key, column.key);
      }
    }
  });
});

describe('cells', () => {
  it('read the example row into the enrolment single enrolment takes', () => {
    const { input, errors } = importRow();
    expect(errors).toEqual([]);
    expect(input).toMatchObject({
      name: '王小明', gender: '1', birthDate: '2019-05-12', ethnicity: '01', nationality: 'CHN', idType: '1', classId: CLASS_ID,
      enrolledOn: '2025-09', admissionMode: '11', onlyChild: '0', preschool: '1', leftBehind: '0', commuteKm: 1.5, extra: {},
    });
    expect(input?.guardians.map((guardian) => [guardian.name, guardian.relation, guardian.isGuardian])).toEqual([['王建国', '父亲', '1'], ['李秀英', '母亲', '1']]);
    // Left in a file, the example is recognisable, so an import can skip it.
    expect(isTemplateExample(input!)).toBe(true);
    expect(isTemplateExample({ ...input!, idNumber: undefined })).toBe(false);
  });

  it('read a code cell as code, number, label, everyday word or both', () => {
    for (const cell of ['1', '01', 1, '男', '男性', '1 男', '男(1)', '１']) expect(importRow({ 性别: cell }).input?.gender, String(cell)).toBe('1');
    for (const cell of ['01', '1', 1, '汉族', '汉', '01 汉族', '01-汉族', '汉族(01)']) expect(importRow({ 民族: cell }).input?.ethnicity, String(cell)).toBe('01');
    for (const cell of ['CHN', 'chn', '中国', '中华人民共和国']) expect(importRow({ '国籍/地区': cell }).input?.nationality).toBe('CHN');
    expect(importRow({ 入学方式: '99 其他' }).input?.admissionMode).toBe('99');
    expect(importRow({ 政治面貌: '团员' }).input?.politicalStatus).toBe('03');
  });

  it('refuse a code outside the table, and a word two codes share', () => {
    expect(importRow({ 性别: '未知' }).errors).toEqual([{ column: '性别★', field: 'gender', code: 'invalid_code', message: '性别“未知”不在代码表中，请填写代码或名称：1 男、2 女' }]);
    expect(importRow({ 民族: '99' }).errors[0]).toMatchObject({ column: '民族★', code: 'invalid_code' });
    expect(importRow({ 入学方式: '其他' }).errors).toEqual([{ column: '入学方式★', field: 'admissionMode', code: 'ambiguous_code', message: '入学方式“其他”对应多个代码 (12、99)，请填写代码' }]);
    expect(importRow({ 性别: '1 女' }).errors[0]).toMatchObject({ code: 'invalid_code' });
    expect(importRow({ 身份证件号: '', 监护人依据: '叔叔' }).errors[0]).toMatchObject({ column: '监护人依据', message: '监护人依据“叔叔”不在代码表中，请填写代码或名称：父母双方、父亲或母亲一方、法定监护人' });
  });

  it('read flags from 是/否, 1/0, booleans and Y/N', () => {
    for (const [cell, flag] of [['是', '1'], ['否', '0'], [1, '1'], [0, '0'], [true, '1'], [false, '0'], ['Y', '1'], ['n', '0'], ['√', '1']] as const) {
      expect(importRow({ 是否独生子女: cell }).input?.onlyChild, String(cell)).toBe(flag);
    }
    expect(importRow({ 是否独生子女: '也许' }).errors[0]).toMatchObject({ column: '是否独生子女★', code: 'invalid_code' });
  });

  it('read dates as text, compact digits, Excel dates and serial numbers', () => {
    const cells: Cell[] = [
      '2019-05-12', '2019/5/12', '2019.5.12', '2019年5月12日', '20190512', 20190512, ' 2019-05-12 00:00:00 ', '２０１９－０５－１２',
      new Date(Date.UTC(2019, 4, 12)), new Date('2019-05-11T16:00:00Z') /* local midnight in China */, 43597, 43597.5,
    ];
    for (const cell of cells) expect(importRow({ 出生日期: cell }).input?.birthDate, String(cell)).toBe('2019-05-12');
    expect(importRow({ 出生日期: '2019-02-30' }).errors[0]).toMatchObject({ column: '出生日期★', code: 'nonexistent_date', message: '出生日期“2019-02-30”不存在，请核对年月日' });
    expect(importRow({ 出生日期: '去年' }).errors[0]).toMatchObject({ column: '出生日期★', code: 'invalid_date' });
    expect(importRow({ 出生日期: true }).errors[0]).toMatchObject({ code: 'invalid_date' });
    // A year typed alone is no serial day of 1905.
    expect(importRow({ 出生日期: 2019 }).errors[0]).toMatchObject({ column: '出生日期★', code: 'invalid_date' });
    expect(importRow({ 身份证件有效期: '长期' }).input?.idValidUntil).toBe('长期');
    expect(importRow({ 身份证件有效期: '2030/1/1' }).input?.idValidUntil).toBe('2030-01-01');
  });

  it('read year and month from text, digits or a whole date', () => {
    for (const cell of ['2025-09', '2025/9', '2025.9', '2025年9月', '202509', 202509, '2025-09-01', new Date(Date.UTC(2025, 8, 1)), 45901]) {
      expect(importRow({ 入学年月: cell }).input?.enrolledOn, String(cell)).toBe('2025-09');
    }
    expect(importRow({ 入学年月: '2025-13' }).errors[0]).toMatchObject({ column: '入学年月★', code: 'invalid_year_month' });
  });

  it('read numbers with or without their unit', () => {
    for (const [cell, km] of [['1.5', 1.5], [2, 2], ['3公里', 3], ['0.8 km', 0.8]] as const) expect(importRow({ '上下学距离(公里)': cell }).input?.commuteKm).toBe(km);
    expect(importRow({ '上下学距离(公里)': '很近' }).errors[0]).toMatchObject({ column: '上下学距离(公里)', code: 'invalid_number' });
    // The schema's own rule, at the same column.
    expect(importRow({ '上下学距离(公里)': -1 }).errors[0]).toMatchObject({ column: '上下学距离(公里)', field: 'commuteKm', message: '上下学距离不能为负数' });
  });

  it('trim and upper-case ID numbers, and refuse one Excel stored as a number', () => {
    const first17 = Array.from({ length: 100 }, (_, seq) => `440106201905121${String(seq).padStart(2, '0')}`).find((digits) => checkCharacter(digits) === 'X' && Number(digits[16]) % 2 === 1)!;
    const idNumber = `${first17}X`;
    const { input, errors } = importRow({ 身份证件号: ` ${idNumber.toLowerCase()} ` });
    expect(errors).toEqual([]);
    expect(input?.idNumber).toBe(idNumber);

    const example = String(EXAMPLE.身份证件号);
    for (const cell of [Number(example), '4.40106E+17']) {
      expect(importRow({ 身份证件号: cell }).errors).toEqual([{ column: '身份证件号', field: 'idNumber', code: 'number_lost_digits', message: expect.stringContaining('文本格式') }]);
    }
  });

  it('refuse a phone or postcode that lost its leading 0 in a number cell', () => {
    expect(importRow({ 联系电话: 13800138000 }).input?.phone).toBe('13800138000');
    expect(importRow({ 联系电话: '020-8765 4321' }).input?.phone).toBe('020-87654321');
    expect(importRow({ 联系电话: 2087654321 }).errors[0]).toMatchObject({ column: '联系电话★', code: 'number_lost_digits' });
    expect(importRow({ 邮政编码: '010010' }).input?.postcode).toBe('010010');
    expect(importRow({ 邮政编码: 10010 }).errors[0]).toMatchObject({ column: '邮政编码★', code: 'number_lost_digits' });
    expect(importRow({ 出生地: 440106001000 }).input?.birthplace).toBe('440106001000');
  });

  it('leave empty optional cells out of the record', () => {
    const { input } = importRow({ 政治面貌: '', 姓名拼音: '   ', '上下学距离(公里)': null, 家庭成员2姓名: undefined, 家庭成员2关系: '', 家庭成员2民族: null, 家庭成员2现住址: null, 家庭成员2户口所在地: null, 家庭成员2联系电话: null, 家庭成员2是否监护人: null, 家庭成员2身份证件类型: null, 家庭成员2身份证件号: null });
    expect(input).toBeDefined();
    expect(Object.keys(input!)).not.toContain('politicalStatus');
    expect(Object.keys(input!)).not.toContain('namePinyin');
    expect(Object.keys(input!)).not.toContain('commuteKm');
    expect(input!.guardians).toHaveLength(1);
  });

  it('keep names exactly: rare characters of Extension B, and no look-alike folding', () => {
    for (const name of ['李𠮷', '𠮷𡈽𤭢', '王淞', '王凇', '阿依古丽·买买提', '\uF900明']) {
      const { input, errors } = importRow({ 姓名: name, 家庭成员1姓名: `${name}父` });
      expect(errors, name).toEqual([]);
      expect(input?.name).toBe(name);
      expect(input?.guardians[0]?.name).toBe(`${name}父`);
    }
  });

  it('refuse text Excel turned into a date', () => {
    expect(importRow({ 班级: new Date(Date.UTC(2025, 0, 1)) }).errors[0]).toMatchObject({ column: '班级★', field: 'className', code: 'cell_is_date' });
  });
});

describe('row errors', () => {
  it('tell the schema rules of single enrolment at the column that fed the field', () => {
    expect(importRow({ 联系电话: 'abc' }).errors).toEqual([{ column: '联系电话★', field: 'phone', code: 'invalid_format', message: '联系电话格式不正确，应为数字，可含区号和短横线' }]);
    expect(importRow({ 籍贯: '990106' }).errors).toEqual([{ column: '籍贯★', field: 'nativePlace', code: 'invalid', message: '籍贯应为6位行政区划代码，如 440106' }]);
    expect(importRow({ 姓名: 'Tom3' }).errors[0]).toMatchObject({ column: '姓名★', field: 'name', code: 'invalid' });
    expect(importRow({ 现住址: '' }).errors).toEqual([{ column: '现住址★', field: 'currentAddress', code: 'required', message: '请填写现住址' }]);
  });

  it('name the family member by its own column, as the file wrote it', () => {
    expect(importRow({ 家庭成员1联系电话: 'abc' }).errors).toEqual([
      { column: '家庭成员1联系电话', field: 'guardians.0.phone', code: 'invalid_format', message: '家庭成员1：联系电话格式不正确，应为数字，可含区号和短横线' },
    ]);
    expect(importRow({ 家庭成员1联系电话: 'abc' }, { headers: { 家庭成员1联系电话: '家长电话' } }).errors[0]).toMatchObject({ column: '家长电话', field: 'guardians.0.phone' });
    const secondOnly = Object.fromEntries(IMPORT_COLUMNS.filter((column) => column.key.startsWith('guardians.0.')).map((column) => [column.header, null]));
    expect(importRow({ ...secondOnly, 家庭成员2联系电话: 'abc' }).errors).toEqual([
      { column: '家庭成员2联系电话', field: 'guardians.1.phone', code: 'invalid_format', message: '家庭成员2：联系电话格式不正确，应为数字，可含区号和短横线' },
    ]);
    expect(importRow({ 家庭成员1关系: '' }).errors).toEqual([{ column: '家庭成员1关系', field: 'guardians.0.relation', code: 'required', message: '家庭成员1：请填写关系' }]);
  });

  it('tell the identity rules at the ID number, birth date and sex', () => {
    const example = String(EXAMPLE.身份证件号);
    const wrong = `${example.slice(0, 17)}${example[17] === '0' ? '1' : '0'}`;
    expect(importRow({ 身份证件号: wrong }).errors).toEqual([{ column: '身份证件号', field: 'idNumber', code: 'id_checksum', message: '身份证件号校验码错误，请核对后重新输入' }]);
    expect(importRow({ 出生日期: '2019-05-13' }).errors).toEqual([{ column: '出生日期★', field: 'birthDate', code: 'id_birth_date_mismatch', message: '出生日期与身份证件号不一致 (证件号中为 2019-05-12)' }]);
    expect(importRow({ 性别: '女' }).errors).toEqual([{ column: '性别★', field: 'gender', code: 'id_gender_mismatch', message: '性别与身份证件号不一致' }]);
    const guardianId = String(EXAMPLE.家庭成员2身份证件号);
    expect(importRow({ 家庭成员2身份证件号: `${guardianId.slice(0, 17)}${guardianId[17] === '1' ? '2' : '1'}` }).errors).toEqual([
      { column: '家庭成员2身份证件号', field: 'guardians.1.idNumber', code: 'id_checksum', message: '家庭成员2：身份证件号校验码错误，请核对后重新输入' },
    ]);
  });

  it('check a student without household registration on its guardians, as enrolment does', () => {
    const noId = { 身份证件号: '', 监护人依据: '父母双方' };
    const both = importRow(noId);
    expect(both.errors).toEqual([]);
    expect(both.input).toMatchObject({ guardianBasis: 'both_parents' });
    expect(Object.keys(both.input!)).not.toContain('idNumber');
    expect(importRow({ ...noId, 家庭成员2身份证件号: '' }).errors).toEqual([
      { column: '家庭成员1身份证件号', field: 'guardians.0.idNumber', code: 'guardian_id_required', message: '无户籍学生须登记父母双方的居民身份证信息' },
    ]);
    expect(importRow({ 身份证件号: '' }).errors[0]).toMatchObject({ column: '身份证件号', code: 'id_number_required' });
  });

  it('tell every problem of a row at once, one per column, in the file order', () => {
    const example = String(EXAMPLE.身份证件号);
    const { input, errors } = importRow({ 联系电话: 'abc', 身份证件号: `${example.slice(0, 17)}${example[17] === '0' ? '1' : '0'}`, 性别: 'x' });
    expect(input).toBeUndefined();
    expect(errors.map((error) => [error.column, error.code])).toEqual([['性别★', 'invalid_code'], ['身份证件号', 'id_checksum'], ['联系电话★', 'invalid_format']]);
  });

  it('tell a required column the file lacks by the template header', () => {
    expect(importRow({}, { without: ['出生地'] }).errors).toEqual([{ column: '出生地', field: 'birthplace', code: 'required', message: '请填写出生地' }]);
  });

  it('place the student by grade and class, or say the pair is unknown at 班级', () => {
    expect(importRow({ 班级: '9班' }).errors).toEqual([{ column: '班级★', field: 'className', code: 'unknown_class', message: '本校没有“2025级”的“9班”，请核对年级和班级名称' }]);
    expect(importRow({ 年级: '' }).errors).toEqual([{ column: '年级★', field: 'gradeName', code: 'required', message: '请填写年级' }]);
    const seen: string[][] = [];
    rowToStudent(sheet({ 班级: 1 }).cells, sheet().matched, (grade, className) => (seen.push([grade, className]), undefined), { today });
    expect(seen).toEqual([['2025级', '1']]);
  });
});

describe('properties', () => {
  const region = fc.tuple(fc.constantFrom(...PROVINCE_CODES), fc.integer({ min: 0, max: 9999 })).map(([p, rest]) => `${p}${String(rest).padStart(4, '0')}`);
  const birth = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2026-11-27T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const validId = fc.tuple(region, birth, fc.integer({ min: 0, max: 999 })).map(([r, b, seq]) => {
    const first17 = `${r}${b.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    return { id: `${first17}${checkCharacter(first17)}`, birthDate: b, gender: seq % 2 === 1 ? '男' : '女' };
  });

  it('any valid ID number imports, as typed or in lower case with spaces around', () => {
    fc.assert(
      fc.property(validId, fc.boolean(), ({ id, birthDate, gender }, sloppy) => {
        const { input, errors } = importRow({ 身份证件号: sloppy ? `  ${id.toLowerCase()} ` : id, 出生日期: birthDate, 性别: gender });
        expect(errors).toEqual([]);
        expect(input?.idNumber).toBe(id);
      }),
      { numRuns: 300 },
    );
  });

  it('a wrong check character is always told at 身份证件号', () => {
    fc.assert(
      fc.property(validId, fc.constantFrom(...'0123456789X'), ({ id, birthDate, gender }, check) => {
        fc.pre(check !== id[17]);
        const { input, errors } = importRow({ 身份证件号: `${id.slice(0, 17)}${check}`, 出生日期: birthDate, 性别: gender });
        expect(input).toBeUndefined();
        expect(errors).toEqual([expect.objectContaining({ column: '身份证件号', field: 'idNumber', code: 'id_checksum' })]);
      }),
      { numRuns: 300 },
    );
  });

  it('every drop-down choice and every code of a table reads back to its own code', () => {
    for (const table of [GENDER, ETHNICITY, ADMISSION_MODE]) {
      const codes = Object.keys(table).sort();
      expect(choicesOf(table).map((choice) => resolveCode(table, choice))).toEqual(codes.map((code) => ({ ok: true, code })));
      for (const code of codes) expect(resolveCode(table, code)).toEqual({ ok: true, code });
    }
    for (const column of IMPORT_COLUMNS) {
      if (column.kind.type !== 'code') continue;
      const table = column.kind.table;
      for (const code of Object.keys(table)) {
        expect(resolveCode(table, code), `${column.header} ${code}`).toEqual({ ok: true, code });
        expect(resolveCode(table, `${code} ${table[code]}`), `${column.header} ${code}`).toEqual({ ok: true, code });
      }
    }
  });
});
