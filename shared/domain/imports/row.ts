// One spreadsheet row to the enrolment a registrar would have typed: cells read per column, 年级
// and 班级 resolved to the class, then exactly the checks of single enrolment (the record schema
// with the API's own messages, and the identity rules). Every problem is told at the column of the
// file that fed the field, so a registrar can find the cell. Pure: placement is the caller's.
import { parseFields } from '#shared/http/zod-issues.ts';
import { checkIdentity, type IdentityInput } from '#shared/domain/student-identity.ts';
import { NewStudentSchema, type Guardian, type NewStudent } from '#shared/domain/student-record.ts';
import { readCell, type Cell } from './cells.ts';
import { columnByKey, PLACEMENT_KEYS, type HeaderMatch } from './columns.ts';

export interface RowError {
  /** The header as written in the file (the template's header for a column the file lacks). */
  column: string;
  /** The field key of the column (`idNumber`, `guardians.1.phone`, `className`). */
  field: string;
  code: string;
  /** For a registrar, in Chinese. */
  message: string;
}

/** The class id of a grade and class name in the importing school, if it has them. */
export type Placement = (gradeName: string, className: string) => string | undefined;

export interface RowResult {
  /** The enrolment, only when the row has no error. */
  input?: NewStudent;
  errors: RowError[];
}

// The fields that decide which identity rules apply: while one has an error of its own, their
// verdict would be about a guess. (A wrong sex or birth date only makes them repeat that field's
// error, which firstPerField drops.)
const IDENTITY_FIELD = /^(idType|idNumber|guardianBasis|guardians\.\d+\.(idType|idNumber|isGuardian))$/;

type Draft = Record<string, unknown> & { guardians?: Record<string, unknown>[] };
type Report = (field: string, code: string, message: string) => void;

export function rowToStudent(cells: readonly Cell[], matched: Pick<HeaderMatch, 'columns'>, placement: Placement, options: { today?: Date } = {}): RowResult {
  const headers = new Map(matched.columns.map((entry) => [entry.column.key, entry.header]));
  const errors: RowError[] = [];
  const report: Report = (field, code, message) => errors.push({ column: headers.get(field) ?? columnByKey(field)?.header ?? field, field, code, message });
  const failed = () => new Set(errors.map((error) => error.field));

  const values = new Map<string, string | number>();
  for (const { index, column } of matched.columns) {
    const read = readCell(column, cells[index]);
    if (read.kind === 'value') values.set(column.key, read.value);
    else if (read.kind === 'error') report(column.key, read.code, read.message);
  }
  const { draft, slots } = draftOf(values, failed());
  const classId = place(values, failed(), placement, report);
  if (classId) draft.classId = classId;

  // A family member's index in the record is not its slot in the sheet when 家庭成员1 is empty.
  const reportAt = (path: string, code: string, message: string) => {
    const field = fieldOf(path, slots);
    const slot = /^guardians\.(\d+)\./.exec(field)?.[1];
    report(field, code, slot === undefined ? message : message.replace(/^家庭成员\d+：/, `家庭成员${Number(slot) + 1}：`));
  };

  const parsed = parseFields(NewStudentSchema(), draft);
  if (!parsed.ok) {
    for (const problem of parsed.fields) {
      // Without a class id, 年级 or 班级 has already said why.
      if (problem.path !== 'classId' || classId) reportAt(problem.path, problem.code, problem.message);
    }
  }
  if (![...failed()].some((field) => IDENTITY_FIELD.test(field))) {
    const identity = parsed.ok ? parsed.data : identityOf(draft);
    for (const problem of checkIdentity(identity, options.today).problems) reportAt(problem.path, problem.code, problem.message);
  }

  const result = firstPerField(errors, matched);
  return result.length === 0 && parsed.ok ? { input: parsed.data, errors: [] } : { errors: result };
}

/** The record's fields from the read cells; `slots[i]` is the sheet's family member of guardians[i]. */
function draftOf(values: Map<string, string | number>, failed: Set<string>): { draft: Draft; slots: number[] } {
  const draft: Draft = {};
  const guardians = new Map<number, Record<string, unknown>>();
  for (const [key, value] of values) {
    const guardian = /^guardians\.(\d+)\.(\w+)$/.exec(key);
    if (guardian) guardians.set(Number(guardian[1]), { ...guardians.get(Number(guardian[1])), [guardian[2]!]: value });
    else if (key !== PLACEMENT_KEYS.grade && key !== PLACEMENT_KEYS.class) draft[key] = value;
  }
  // A family member is there when any of its cells is filled (a cell that could not be read counts).
  const unread = [...failed].flatMap((field) => /^guardians\.(\d+)\./.exec(field)?.[1] ?? []).map(Number);
  const slots = [...new Set([...guardians.keys(), ...unread])].sort((a, b) => a - b);
  if (slots.length > 0) draft.guardians = slots.map((slot) => guardians.get(slot) ?? {});
  return { draft, slots };
}

/** The field key of a record path (`guardians.0.phone` → the sheet's family member's field). */
function fieldOf(path: string, slots: readonly number[]): string {
  if (path === 'classId') return PLACEMENT_KEYS.class;
  // A rule on the family members as a whole (无户籍: whose ID numbers stand in) is told at the first one's ID number.
  if (path === 'guardians') return 'guardians.0.idNumber';
  const guardian = /^guardians\.(\d+)(\..*)?$/.exec(path);
  return guardian ? `guardians.${slots[Number(guardian[1])] ?? guardian[1]}${guardian[2] ?? ''}` : path;
}

function place(values: Map<string, string | number>, failed: Set<string>, placement: Placement, report: Report): string | undefined {
  const grade = values.get(PLACEMENT_KEYS.grade);
  const className = values.get(PLACEMENT_KEYS.class);
  if (grade === undefined && !failed.has(PLACEMENT_KEYS.grade)) report(PLACEMENT_KEYS.grade, 'required', '请填写年级');
  if (className === undefined && !failed.has(PLACEMENT_KEYS.class)) report(PLACEMENT_KEYS.class, 'required', '请填写班级');
  if (grade === undefined || className === undefined) return undefined;
  const classId = placement(String(grade), String(className));
  if (!classId) report(PLACEMENT_KEYS.class, 'unknown_class', `本校没有“${grade}”的“${className}”，请核对年级和班级名称`);
  return classId;
}

// The identity rules on a row whose other fields failed, so that a wrong ID number is told in the
// same pass as a wrong phone number. Only reached when the fields deciding the rules were read.
function identityOf(draft: Draft): IdentityInput {
  return {
    name: String(draft.name ?? ''),
    gender: String(draft.gender ?? ''),
    birthDate: String(draft.birthDate ?? ''),
    idType: String(draft.idType ?? ''),
    idNumber: typeof draft.idNumber === 'string' ? draft.idNumber : undefined,
    guardians: (draft.guardians ?? []) as Guardian[],
    guardianBasis: draft.guardianBasis as IdentityInput['guardianBasis'],
  };
}

// One problem per field is enough to fix a cell (the first: a cell Excel damaged comes before what
// the schema then says about the field); listed in the file's column order.
function firstPerField(errors: RowError[], matched: Pick<HeaderMatch, 'columns'>): RowError[] {
  const order = new Map(matched.columns.map((entry) => [entry.column.key, entry.index]));
  const seen = new Set<string>();
  return errors
    .filter((error) => !seen.has(error.field) && seen.add(error.field))
    .map((error, position) => ({ error, position, index: order.get(error.field) ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.index - b.index || a.position - b.position)
    .map(({ error }) => error);
}
