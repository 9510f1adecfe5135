// Identity rules of a record: the ID number must be real and agree with the record's birth date
// and sex; the national student number's kind follows from what identity the student has; a
// student without household registration (无户籍) stands on its guardians' ID data. Nothing here
// ever produces an ID number: the system only checks the ones people bring.
import { ID_PROBLEM_TEXT, parseIdNumber, type IdNumberProblem } from './id-number.ts';
import type { Guardian } from './student-record.ts';

export interface RuleProblem {
  path: string;
  code: string;
  message: string;
}

export type NumberPlan = { kind: 'G'; idNumber: string } | { kind: 'L' } | { kind: 'J' };

export interface IdentityInput {
  name: string;
  gender: string;
  birthDate: string;
  idType: string;
  idNumber?: string | undefined;
  guardians: Guardian[];
  guardianBasis?: 'both_parents' | 'one_parent' | 'legal_guardian' | undefined;
}

const MAINLAND_ID = '1';

/** The field code of an ID number problem, in the API's lower snake_case: `id_birth_date`. */
const problemCode = (problem: IdNumberProblem) => `id_${problem.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`;

function guardianIdProblems(guardians: Guardian[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  guardians.forEach((guardian, index) => {
    if (guardian.idType === MAINLAND_ID && guardian.idNumber) {
      const parsed = parseIdNumber(guardian.idNumber);
      if (!parsed.ok) problems.push({ path: `guardians.${index}.idNumber`, code: problemCode(parsed.problem), message: `家庭成员${index + 1}：${ID_PROBLEM_TEXT[parsed.problem]}` });
    }
  });
  return problems;
}

const hasMainlandId = (guardian: Guardian) => guardian.idType === MAINLAND_ID && Boolean(guardian.idNumber) && parseIdNumber(guardian.idNumber ?? '').ok;

function householdProblems(input: IdentityInput): RuleProblem[] {
  const withId = input.guardians.filter(hasMainlandId);
  const basis = input.guardianBasis;
  const need = (count: number, who: string): RuleProblem[] =>
    withId.filter((g) => basis !== 'legal_guardian' || g.isGuardian === '1').length >= count
      ? []
      : [{ path: 'guardians', code: 'guardian_id_required', message: `无户籍学生须登记${who}的居民身份证信息` }];
  if (basis === 'both_parents') return need(2, '父母双方');
  if (basis === 'one_parent') return need(1, '父亲或母亲一方 (另一方已故或下落不明)');
  if (basis === 'legal_guardian') return need(1, '法定监护人');
  return [{ path: 'idNumber', code: 'id_number_required', message: '居民身份证类型须填写身份证件号；无户籍学生请选择监护人依据并登记监护人的居民身份证信息' }];
}

/** Checks the identity rules and says which kind of national student number the record gets. */
export function checkIdentity(input: IdentityInput, today: Date = new Date()): { problems: RuleProblem[]; plan: NumberPlan } {
  const problems = guardianIdProblems(input.guardians);
  if (input.birthDate > today.toISOString().slice(0, 10)) problems.push({ path: 'birthDate', code: 'birth_date_in_future', message: '出生日期不能晚于今天' });

  if (input.idType !== MAINLAND_ID) {
    if (input.guardianBasis) problems.push({ path: 'guardianBasis', code: 'guardian_basis_not_applicable', message: '仅无户籍 (无身份证件号) 的居民身份证类型学生适用监护人依据' });
    return { problems, plan: { kind: 'J' } };
  }
  if (!input.idNumber) {
    problems.push(...householdProblems(input));
    return { problems, plan: { kind: 'L' } };
  }
  if (input.guardianBasis) problems.push({ path: 'guardianBasis', code: 'guardian_basis_not_applicable', message: '已有身份证件号的学生不适用无户籍监护人依据' });
  const parsed = parseIdNumber(input.idNumber, today);
  if (!parsed.ok) {
    problems.push({ path: 'idNumber', code: problemCode(parsed.problem), message: ID_PROBLEM_TEXT[parsed.problem] });
    return { problems, plan: { kind: 'L' } };
  }
  if (parsed.value.birthDate !== input.birthDate) {
    problems.push({ path: 'birthDate', code: 'id_birth_date_mismatch', message: `出生日期与身份证件号不一致 (证件号中为 ${parsed.value.birthDate})` });
  }
  if (parsed.value.gender !== input.gender) {
    problems.push({ path: 'gender', code: 'id_gender_mismatch', message: '性别与身份证件号不一致' });
  }
  return { problems, plan: { kind: 'G', idNumber: parsed.value.idNumber } };
}
