// The columns of an intake spreadsheet (招生导入): every field of the national collection form that
// a sheet carries, in the form's order, with the template's header, the names other systems' Excel
// files use for it, and how its cells are read. 年级 and 班级 stand for the class id, which only
// the school's own tree can resolve. Matching a file's header row to these columns is here too.
// Pure.
import {
  ADMISSION_MODE, ATTENDANCE_MODE, BLOOD_TYPE, COMMUTE_MODE, DISABILITY, ETHNICITY, FLAG, GENDER, HEALTH,
  HOUSEHOLD_TYPE, ID_TYPE, LEFT_BEHIND, OVERSEAS_CHINESE, POLITICAL_STATUS, STUDENT_SOURCE, type CodeTable,
} from '#shared/domain/code-tables.ts';
import { checkCharacter } from '#shared/domain/id-number.ts';
import { NATIONALITY } from '#shared/domain/nationality.ts';
import { GUARDIAN_BASIS } from '#shared/domain/student-record.ts';
import { choicesOf, tableText } from './code-values.ts';

export type CellKind =
  | { type: 'text' }
  /** A person's name: kept exactly as typed (trimmed), since look-alike characters are different names. */
  | { type: 'name' }
  | { type: 'code'; table: CodeTable; preferred?: readonly string[] }
  | { type: 'flag' }
  | { type: 'date'; longTerm?: true }
  | { type: 'yearMonth' }
  | { type: 'number'; unit: string }
  | { type: 'idNumber' }
  /** A fixed-width code of digits (region 6, division 12, postcode 6). */
  | { type: 'digits'; length: number }
  | { type: 'phone' }
  /** 年级 or 班级: a name the school's tree resolves. */
  | { type: 'placement' };

export interface ImportColumn {
  /** The field it feeds: a NewStudent key, `guardians.<n>.<key>`, or `gradeName`/`className`. */
  key: string;
  /** The template's header, without the ★ of a required column. */
  header: string;
  required: boolean;
  kind: CellKind;
  /** Other headers meaning the same column (compared as normalizeHeader compares). */
  aliases: readonly string[];
  /** The template's example row. */
  example?: string;
  /** More on what to fill in, for the template's 填写说明. */
  hint?: string;
}

export const GUARDIAN_SLOTS = 2;
export const PLACEMENT_KEYS = { grade: 'gradeName', class: 'className' } as const;

const text = { type: 'text' } as const;
const name = { type: 'name' } as const;
const flag = { type: 'flag' } as const;
const date = { type: 'date' } as const;
const phone = { type: 'phone' } as const;
const idNumber = { type: 'idNumber' } as const;
const region = { type: 'digits', length: 6 } as const;
const code = (table: CodeTable, preferred?: readonly string[]): CellKind => (preferred ? { type: 'code', table, preferred } : { type: 'code', table });

type Spec = Omit<ImportColumn, 'aliases' | 'required'> & { aliases?: readonly string[]; required?: boolean };
const column = (spec: Spec): ImportColumn => ({ ...spec, required: spec.required ?? false, aliases: spec.aliases ?? [] });

// Made-up example numbers (天河区, born 2019-05-12, sequence 123: male) with the check character
// GB 11643 asks for, so that the example row passes every rule.
const withCheck = (first17: string) => `${first17}${checkCharacter(first17)}`;

/** The template's example student's ID number: well-formed and made up, so never to be imported. */
export const EXAMPLE_ID_NUMBER = withCheck('44010620190512123');

/** The template's example row, left in a file: an import should skip it, not enrol 王小明. */
export const isTemplateExample = (input: { idNumber?: string | undefined }) => input.idNumber === EXAMPLE_ID_NUMBER;

const STUDENT_COLUMNS: ImportColumn[] = [
  // 基本信息
  column({ key: 'name', header: '姓名', required: true, kind: name, aliases: ['学生姓名', 'XM'], example: '王小明' }),
  column({ key: 'gender', header: '性别', required: true, kind: code(GENDER), aliases: ['性别码', '学生性别', 'XB'], example: '男' }),
  column({ key: 'birthDate', header: '出生日期', required: true, kind: date, aliases: ['出生年月日', '出生年月', '生日', 'CSRQ'], example: '2019-05-12' }),
  column({ key: 'birthplace', header: '出生地', required: true, kind: { type: 'digits', length: 12 }, aliases: ['出生地代码', '出生地码', '出生地行政区划代码'], example: '440106001000', hint: '12位统计用区划代码' }),
  column({ key: 'nativePlace', header: '籍贯', required: true, kind: region, aliases: ['籍贯代码', '籍贯码'], example: '440106', hint: '6位行政区划代码' }),
  column({ key: 'ethnicity', header: '民族', required: true, kind: code(ETHNICITY), aliases: ['民族码', '民族代码', 'MZ'], example: '汉族' }),
  column({ key: 'nationality', header: '国籍/地区', required: true, kind: code(NATIONALITY, ['CHN', 'HKG', 'MAC', 'TWN']), aliases: ['国籍', '国籍码', '国籍代码', '国籍地区码', '国别'], example: '中国' }),
  column({ key: 'idType', header: '身份证件类型', required: true, kind: code(ID_TYPE), aliases: ['身份证件类型码', '证件类型', '证件类型码', 'ZJLX'], example: '居民身份证' }),
  column({
    key: 'idNumber', header: '身份证件号', kind: idNumber,
    aliases: ['身份证件号码', '身份证号', '身份证号码', '证件号码', '证件号', '公民身份号码', '公民身份证号', '身份证', 'ZJHM'],
    example: EXAMPLE_ID_NUMBER,
    hint: '居民身份证须为18位并通过校验；无户籍学生留空，并填写监护人依据和家庭成员的居民身份证信息',
  }),
  column({ key: 'overseasChinese', header: '港澳台侨外', required: true, kind: code(OVERSEAS_CHINESE), aliases: ['港澳台侨外码', '港澳台侨胞', '港澳台侨外标识'], example: '否' }),
  column({ key: 'politicalStatus', header: '政治面貌', kind: code(POLITICAL_STATUS), aliases: ['政治面貌码', 'ZZMM'], example: '群众' }),
  column({ key: 'health', header: '健康状况', required: true, kind: code(HEALTH), aliases: ['健康状况码'], example: '健康或良好' }),
  // 辅助信息
  column({ key: 'namePinyin', header: '姓名拼音', kind: text, aliases: ['拼音', '姓名全拼'], example: 'WANG XIAOMING', hint: '字母和空格' }),
  column({ key: 'formerName', header: '曾用名', kind: name }),
  column({ key: 'idValidUntil', header: '身份证件有效期', kind: { type: 'date', longTerm: true }, aliases: ['证件有效期', '身份证有效期', '身份证件有效期截止日期'], hint: '证件的截止日期' }),
  column({ key: 'householdRegion', header: '户口所在地', required: true, kind: region, aliases: ['户口所在地代码', '户口所在地区', '户口所在地行政区划', '户籍所在地'], example: '440106', hint: '6位行政区划代码' }),
  column({ key: 'householdType', header: '户口性质', required: true, kind: code(HOUSEHOLD_TYPE), aliases: ['户口性质码', '户籍性质'], example: '非农业' }),
  column({ key: 'specialty', header: '特长', kind: text }),
  column({ key: 'bloodType', header: '血型', kind: code(BLOOD_TYPE), aliases: ['血型码'] }),
  // 学习信息
  column({ key: 'provincialNo', header: '学籍辅号', kind: text, hint: '字母、数字和短横线，最多30位' }),
  column({ key: 'classSeatNo', header: '班内学号', kind: text, aliases: ['班内序号', '班级学号'], example: '1', hint: '1至3位数字' }),
  column({ key: PLACEMENT_KEYS.grade, header: '年级', required: true, kind: { type: 'placement' }, aliases: ['年级名称', '所在年级'], example: '2025级', hint: '本校已有的年级名称' }),
  column({ key: PLACEMENT_KEYS.class, header: '班级', required: true, kind: { type: 'placement' }, aliases: ['班级名称', '所在班级'], example: '1班', hint: '该年级下已有的班级名称' }),
  column({ key: 'enrolledOn', header: '入学年月', required: true, kind: { type: 'yearMonth' }, aliases: ['入学日期', '入学时间', 'RXNY'], example: '2025-09' }),
  column({ key: 'admissionMode', header: '入学方式', required: true, kind: code(ADMISSION_MODE), aliases: ['入学方式码'], example: '就近入学' }),
  column({ key: 'attendanceMode', header: '就读方式', required: true, kind: code(ATTENDANCE_MODE), aliases: ['就读方式码'], example: '走读' }),
  column({ key: 'source', header: '学生来源', kind: code(STUDENT_SOURCE), aliases: ['学生来源码'], example: '正常入学' }),
  // 联系方式
  column({ key: 'currentAddress', header: '现住址', required: true, kind: text, aliases: ['现居住地址', '现住地址', '居住地址', '现居住地'], example: '广州市天河区天河路1号' }),
  column({ key: 'mailingAddress', header: '通信地址', required: true, kind: text, aliases: ['通讯地址', '邮寄地址'], example: '广州市天河区天河路1号' }),
  column({ key: 'homeAddress', header: '家庭地址', required: true, kind: text, aliases: ['家庭住址'], example: '广州市天河区天河路1号' }),
  column({ key: 'phone', header: '联系电话', required: true, kind: phone, aliases: ['电话', '电话号码', '联系方式', '手机号', '手机号码', '学生联系电话'], example: '13800138000' }),
  column({ key: 'postcode', header: '邮政编码', required: true, kind: { type: 'digits', length: 6 }, aliases: ['邮编'], example: '510000' }),
  column({ key: 'email', header: '电子信箱', kind: text, aliases: ['电子邮箱', '邮箱', 'Email', 'E-mail'], hint: '如 name@example.com' }),
  // 扩展信息
  column({ key: 'onlyChild', header: '是否独生子女', required: true, kind: flag, aliases: ['独生子女'], example: '否' }),
  column({ key: 'preschool', header: '是否受过学前教育', required: true, kind: flag, aliases: ['受过学前教育', '学前教育'], example: '是' }),
  column({ key: 'leftBehind', header: '是否留守儿童', kind: code(LEFT_BEHIND), aliases: ['留守儿童', '留守儿童码'], example: '非留守儿童' }),
  column({ key: 'migrantChild', header: '是否进城务工人员随迁子女', kind: flag, aliases: ['进城务工人员随迁子女', '随迁子女'], example: '否' }),
  column({ key: 'orphan', header: '是否孤儿', kind: flag, aliases: ['孤儿'], example: '否' }),
  column({ key: 'martyrChild', header: '是否烈士或优抚子女', kind: flag, aliases: ['烈士或优抚子女', '是否烈士优抚子女'], example: '否' }),
  column({ key: 'inclusiveEducation', header: '随班就读', kind: flag, aliases: ['是否随班就读'] }),
  column({ key: 'disability', header: '残疾类型', kind: code(DISABILITY), aliases: ['残疾类型码'] }),
  column({ key: 'govFundedPlace', header: '是否由政府购买学位', kind: flag, aliases: ['是否政府购买学位', '政府购买学位'] }),
  column({ key: 'needsAid', header: '是否需要申请资助', kind: flag, aliases: ['需要申请资助', '是否需要资助'] }),
  column({ key: 'livingSubsidy', header: '是否享受一补', kind: flag, aliases: ['享受一补'] }),
  // 交通方式
  column({ key: 'commuteKm', header: '上下学距离(公里)', kind: { type: 'number', unit: '公里' }, aliases: ['上下学距离'], example: '1.5' }),
  column({ key: 'commuteMode', header: '上下学交通方式', kind: code(COMMUTE_MODE), aliases: ['交通方式', '上下学交通方式码'], example: '步行' }),
  column({ key: 'schoolBus', header: '是否需要乘坐校车', kind: flag, aliases: ['乘坐校车', '是否乘坐校车'], example: '否' }),
  // 无户籍学生 (not a column of the national form, but without it such a student cannot be imported)
  column({ key: 'guardianBasis', header: '监护人依据', kind: code(GUARDIAN_BASIS), aliases: ['无户籍监护人依据'], hint: '仅无户籍 (无身份证件号) 的学生填写' }),
];

interface GuardianSpec {
  key: string;
  header: string;
  kind: CellKind;
  aliases?: readonly string[];
  required?: boolean;
  examples?: readonly [string, string];
  hint?: string;
}

// A guardian's own required fields (姓名, 关系, 是否监护人) are required only once any of its cells
// is filled; the schema says so then. As columns, family members are optional.
const GUARDIAN_FIELDS: GuardianSpec[] = [
  { key: 'name', header: '姓名', kind: name, examples: ['王建国', '李秀英'] },
  { key: 'relation', header: '关系', kind: text, aliases: ['与学生关系', '与本人关系', '家庭关系', '称谓'], examples: ['父亲', '母亲'], hint: '如 父亲、母亲、祖父、祖母' },
  { key: 'ethnicity', header: '民族', kind: code(ETHNICITY), aliases: ['民族码'], examples: ['汉族', '汉族'] },
  { key: 'employer', header: '工作单位', kind: text, aliases: ['工作单位名称', '单位'] },
  { key: 'address', header: '现住址', kind: text, aliases: ['住址', '现居住地址'], examples: ['广州市天河区天河路1号', '广州市天河区天河路1号'] },
  { key: 'householdRegion', header: '户口所在地', kind: region, aliases: ['户口所在地代码', '户籍所在地'], examples: ['440106', '440106'], hint: '6位行政区划代码' },
  { key: 'phone', header: '联系电话', kind: phone, aliases: ['电话', '联系方式', '手机', '手机号', '手机号码'], examples: ['13900139000', '13700137000'] },
  { key: 'isGuardian', header: '是否监护人', kind: flag, aliases: ['监护人'], examples: ['是', '是'] },
  { key: 'idType', header: '身份证件类型', kind: code(ID_TYPE), aliases: ['证件类型'], examples: ['居民身份证', '居民身份证'] },
  {
    key: 'idNumber', header: '身份证件号', kind: idNumber,
    aliases: ['身份证件号码', '身份证号', '身份证号码', '证件号码', '证件号', '公民身份号码'],
    examples: [withCheck('44010619850301235'), withCheck('44010619870715246')],
  },
  { key: 'position', header: '职务', kind: text },
];

// How other files number family members: 家庭成员1, 家庭成员一, 成员1, 家长1, 监护人1, and for the
// first one also plain 家长 and 监护人 (家长姓名, 监护人电话).
const NUMERALS = ['一', '二', '三', '四', '五', '六'];
const guardianPrefixes = (slot: number) => {
  const n = String(slot + 1);
  const numeral = NUMERALS[slot]!;
  const prefixes = [`家庭成员${numeral}`, `成员${n}`, `家长${n}`, `监护人${n}`, `第${n}家庭成员`, `第${numeral}家庭成员`];
  return slot === 0 ? [...prefixes, '家长', '监护人'] : prefixes;
};

const guardianColumns = (slot: number): ImportColumn[] =>
  GUARDIAN_FIELDS.map((field) => {
    const prefix = `家庭成员${slot + 1}`;
    const names = [field.header, ...(field.aliases ?? [])];
    const example = field.examples?.[slot];
    return column({
      key: `guardians.${slot}.${field.key}`,
      header: `${prefix}${field.header}`,
      kind: field.kind,
      aliases: guardianPrefixes(slot).flatMap((other) => names.map((part) => `${other}${part}`)).concat(names.slice(1).map((part) => `${prefix}${part}`)),
      ...(example ? { example } : {}),
      ...(field.hint ? { hint: field.hint } : {}),
    });
  });

/** Every column of the template, in its order. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [...STUDENT_COLUMNS, ...Array.from({ length: GUARDIAN_SLOTS }, (_, slot) => guardianColumns(slot)).flat()];

const BY_KEY = new Map(IMPORT_COLUMNS.map((entry) => [entry.key, entry]));
export const columnByKey = (key: string): ImportColumn | undefined => BY_KEY.get(key);

/** The header as the template writes it: required columns end in ★. */
export const templateHeader = (entry: ImportColumn) => (entry.required ? `${entry.header}★` : entry.header);

const MARKS = /^[★☆*※\s]+|[★☆*※\s]+$/gu;
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|<[^<>]*>|《[^《》]*》/gu;

/**
 * A header as compared: full width read as half width (NFKC), the required marks (★, *) and
 * bracketed remarks (性别(男/女), 身份证号【必填】) dropped, and spaces, separators and case ignored.
 */
export function normalizeHeader(header: string): string {
  return header.normalize('NFKC').replace(MARKS, '').replace(BRACKETED, '').replace(MARKS, '').replace(/[\s_\-:./、]/gu, '').toLowerCase();
}

// Built once: each normalized name to its column. A name two columns claimed would be a bug, which
// the unit tests check.
const BY_NAME = new Map(IMPORT_COLUMNS.flatMap((entry) => [entry.header, ...entry.aliases].map((text) => [normalizeHeader(text), entry] as const)));

export interface MatchedColumn {
  /** Zero-based index of the column in the file's rows. */
  index: number;
  /** The header as written in the file. */
  header: string;
  column: ImportColumn;
}

export interface MappingError {
  header: string;
  field: string;
  code: 'unknown_field';
  message: string;
}

export interface HeaderMatch {
  columns: MatchedColumn[];
  /** Headers that feed no field (empty headers are not listed). */
  unknownHeaders: { index: number; header: string }[];
  /** A second column for a field that an earlier column already feeds; it is not read. */
  duplicateHeaders: { index: number; header: string; field: string; firstHeader: string }[];
  /** Required columns the file lacks, by the template's header. */
  missingRequired: { field: string; header: string }[];
  /** Entries of the caller's mapping naming no field: the mapping is unusable while any remain. */
  mappingErrors: MappingError[];
}

/** The column a mapping's target names: a field key (`idNumber`, `guardians.0.phone`) or a known header. */
const targetOf = (target: string): ImportColumn | undefined => BY_KEY.get(target.trim()) ?? BY_NAME.get(normalizeHeader(target));

/** Checks a caller's mapping `{"表头": "fieldKey"}`; an empty target means "skip this column". */
export function checkMapping(mapping: Readonly<Record<string, string>>): MappingError[] {
  return Object.entries(mapping)
    .filter(([, field]) => field.trim() !== '' && !targetOf(field))
    .map(([header, field]) => ({ header, field, code: 'unknown_field', message: `对应关系中的字段“${field}”不存在 (表头“${header}”)` }));
}

/**
 * Which column of the file feeds which field. An explicit mapping `{"表头": "fieldKey"}` wins over
 * the built-in names; its headers are compared as the file's are.
 */
export function matchHeaders(headers: readonly (string | null | undefined)[], mapping: Readonly<Record<string, string>> = {}): HeaderMatch {
  const mappingErrors = checkMapping(mapping);
  const mapped = new Map<string, ImportColumn | null>();
  for (const [header, target] of Object.entries(mapping)) {
    if (target.trim() === '') mapped.set(normalizeHeader(header), null);
    else {
      const entry = targetOf(target);
      if (entry) mapped.set(normalizeHeader(header), entry);
    }
  }

  const result: HeaderMatch = { columns: [], unknownHeaders: [], duplicateHeaders: [], missingRequired: [], mappingErrors };
  const fed = new Map<string, MatchedColumn>();
  const claim = (index: number, header: string, entry: ImportColumn) => {
    const first = fed.get(entry.key);
    if (first) result.duplicateHeaders.push({ index, header, field: entry.key, firstHeader: first.header });
    else {
      const matched = { index, header, column: entry };
      fed.set(entry.key, matched);
      result.columns.push(matched);
    }
  };

  const cells = headers.map((header, index) => ({ index, header: (header ?? '').trim(), key: normalizeHeader(header ?? '') }));
  const present = cells.filter((cell) => cell.header !== '');
  // Mapped columns first, so that a built-in name elsewhere in the file cannot take their field.
  for (const cell of present) {
    const entry = mapped.get(cell.key);
    if (entry) claim(cell.index, cell.header, entry);
  }
  for (const cell of present) {
    if (mapped.has(cell.key)) continue;
    const entry = BY_NAME.get(cell.key);
    if (entry) claim(cell.index, cell.header, entry);
    else result.unknownHeaders.push({ index: cell.index, header: cell.header });
  }
  result.columns.sort((a, b) => a.index - b.index);
  result.missingRequired = IMPORT_COLUMNS.filter((entry) => entry.required && !fed.has(entry.key)).map((entry) => ({ field: entry.key, header: entry.header }));
  return result;
}

/** What a column accepts, for people (the template's 填写说明, an import's report). */
export function acceptedValues(entry: ImportColumn): string {
  const kind = entry.kind;
  const hint = entry.hint ? `；${entry.hint}` : '';
  switch (kind.type) {
    case 'code': {
      const codes = Object.keys(kind.table);
      const first = [...(kind.preferred ?? []), ...codes.sort().filter((value) => !kind.preferred?.includes(value))].slice(0, 3).map((value) => `${value} ${kind.table[value]}`);
      const values = codes.length <= 16 ? tableText(kind.table) : `如 ${first.join('、')} 等 ${codes.length} 项，见下拉列表`;
      return `代码或名称：${values}${hint}`;
    }
    case 'flag':
      return `是 或 否 (也可填 1 或 0)${hint}`;
    case 'date':
      return `日期，如 2019-05-12、2019/5/12 或 20190512${kind.longTerm ? '，或“长期”' : ''}${hint}`;
    case 'yearMonth':
      return `年月，如 2025-09、2025/9 或 202509${hint}`;
    case 'number':
      return `数字，单位${kind.unit}${hint}`;
    case 'idNumber':
      return `证件号码 (文本格式，勿让 Excel 转成数字)${hint}`;
    case 'digits':
      return `${entry.hint ?? `${kind.length}位数字`} (文本格式，开头的 0 不能省)`;
    case 'phone':
      return `手机号或带区号的固定电话，如 13800138000、020-12345678 (文本格式)${hint}`;
    case 'name':
      return '汉字 (可含生僻字)、拉丁字母、间隔号和空格，与户口登记一致';
    case 'placement':
    case 'text':
      return entry.hint ?? '文本';
  }
}

/** The values a column's drop-down offers; undefined for columns typed freely. */
export function choicesFor(entry: ImportColumn): string[] | undefined {
  if (entry.kind.type === 'code') return choicesOf(entry.kind.table, entry.kind.preferred);
  if (entry.kind.type === 'flag') return choicesOf(FLAG, ['1', '0']);
  return undefined;
}
