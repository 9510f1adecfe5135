// Filing a status-change case (提交异动申请): the student found (for a transfer anywhere in the
// deployment, by national student number or school and exact name), the request checked against
// the record, the chain resolved to the organisations of this case, and the case committed with
// the student's open-case hold, the first step's task and the case's list entries.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { caseRefPut, casePut, openCaseHold, openCaseOf, studentCasesOwner, taskPut, userCasesOwner } from '#shared/data/change-repo.ts';
import { getOrg } from '#shared/data/directory-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { newSortableId } from '#shared/data/sortable-id.ts';
import { findByGuardianIdNumber, findByIdNumber, findByNationalNo, getStudent, listStudents } from '#shared/data/student-repo.ts';
import { openCase, type StatusChange } from '#shared/domain/changes/case.ts';
import { chainKeyOf, planChain } from '#shared/domain/changes/chains.ts';
import { CHANGE_TYPE_LABEL, FILED_BY_PERSON, FILED_FROM, LEAVES_RECORD, RECORD_STATUS_LABEL } from '#shared/domain/changes/kinds.ts';
import { correctedGrade } from './grade-correction.ts';
import { isWithin } from '#shared/domain/org.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ROLE_LABEL } from '#shared/domain/roles.ts';
import { statusOf, type StudentRecord } from '#shared/domain/student.ts';
import { checkIdentity } from '#shared/domain/student-identity.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { NewChange } from '#shared/api/changes.ts';
import { ApiError, badRequest, conflict, forbidden, notFound, ruleViolation } from '#shared/http/api-error.ts';
import { actorOf, loadStudentFor } from '../students/access.ts';
import { placeInClass, type Placement } from '../students/placement.ts';
import { fileFromOtherProvince } from './file-remote.ts';
import { changeRules } from './rules.ts';

const fieldError = (path: string, message: string) => badRequest('VALIDATION_FAILED', message, [{ path, code: 'invalid', message }]);
const noSuchStudent = () => notFound('未找到该学生：请核对全国学籍号（或转出学校、监护人身份证件号）和姓名');

/** A transfer's student, found anywhere in the deployment; a mismatch says nothing about which part was wrong. */
async function transferStudent(input: Extract<NewChange, { type: 'transfer' }>): Promise<StudentRecord> {
  if (input.nationalStudentNo) {
    const pointer = await findByNationalNo(input.nationalStudentNo.toUpperCase());
    const record = pointer ? await getStudent(pointer.studentId) : undefined;
    if (!record || record.deleted || record.name !== input.name) throw noSuchStudent();
    return record;
  }
  if (input.guardianIdNumber) {
    // A child without household registration: found through its guardians, never enrolled anew.
    const pointers = await findByGuardianIdNumber(input.guardianIdNumber.toUpperCase());
    const records = (await Promise.all(pointers.map((pointer) => getStudent(pointer.studentId)))).filter((record): record is StudentRecord => Boolean(record && !record.deleted && record.name === input.name));
    if (records.length === 0) throw noSuchStudent();
    if (records.length > 1) throw conflict('AMBIGUOUS_STUDENT', `该监护人名下有 ${records.length} 名同名学生，请改用全国学籍号查找`);
    return records[0]!;
  }
  if (!input.fromSchoolId) throw fieldError('nationalStudentNo', '请填写全国学籍号，或选择转出学校，或填写监护人身份证件号');
  const named = await listStudents({ kind: 'school', id: input.fromSchoolId }, { namePrefix: input.name, includeDeleted: false, limit: 50 });
  const exact = named.items.filter((row) => row.name === input.name);
  if (exact.length === 0) throw noSuchStudent();
  if (exact.length > 1) throw conflict('AMBIGUOUS_STUDENT', `转出学校有 ${exact.length} 名学生同名，请改用全国学籍号查找`);
  return (await getStudent(exact[0]!.studentId))!;
}

async function targetClass(toClassId: string): Promise<Placement> {
  try {
    return await placeInClass(toClassId);
  } catch (error) {
    if (error instanceof ApiError) throw fieldError('toClassId', '转入班级不存在');
    throw error;
  }
}

/** The class a case moves the student to, checked for its kind; undefined for kinds that stay. */
async function checkTarget(principal: Principal, input: NewChange, record: StudentRecord): Promise<Placement | undefined> {
  if (!('toClassId' in input)) return undefined;
  const place = await targetClass(input.toClassId);
  if (input.type === 'transfer') {
    if (!isWithin(place.orgPath, principal.orgPath)) throw fieldError('toClassId', '转学由转入学校申请：转入班级须为本校班级');
    if (place.schoolId === record.schoolId) throw ruleViolation('SAME_SCHOOL', '该学生已在本校就读；调整班级请直接修改学籍');
    return place;
  }
  if (place.schoolId !== record.schoolId) throw fieldError('toClassId', '须为本校班级；转到其他学校请由转入学校申请转学');
  const [from, to] = [Number(record.grade), Number(place.grade)];
  if (input.type === 'repeat' && !(to > from)) throw fieldError('toClassId', '留级须转入低一个年级的班级');
  if (input.type === 'skip' && !(to < from)) throw fieldError('toClassId', '跳级须转入高一个年级的班级');
  return place;
}

/** A key-field change must change something and leave a valid, unique identity. */
async function checkKeyFields(input: Extract<NewChange, { type: 'keyFieldChange' }>, record: StudentRecord): Promise<void> {
  const current = record as unknown as Record<string, unknown>;
  const changed = Object.entries(input.changes).filter(([field, value]) => value !== undefined && current[field] !== value);
  if (changed.length === 0) throw fieldError('changes', '拟变更的信息与现有记录相同');
  const identity = checkIdentity({ ...record, ...input.changes });
  if (identity.problems.length > 0) throw badRequest('VALIDATION_FAILED', '变更后的身份信息不正确', identity.problems.map((problem) => ({ ...problem, path: `changes.${problem.path}` })));
  const idNumber = input.changes.idNumber;
  if (idNumber && idNumber !== record.idNumber) {
    const holder = await findByIdNumber(input.changes.idType ?? record.idType, idNumber);
    if (holder && holder.studentId !== record.studentId) throw conflict('DUPLICATE_ID_NUMBER', '该身份证件号已有学籍，不能变更为此号码', [{ path: 'changes.idNumber', code: 'duplicate', message: '该身份证件号已有学籍' }]);
  }
}

function checkRequest(input: NewChange): void {
  if (input.type === 'gradeCorrection') return;
  if (input.type === 'leave' && input.until <= input.from) throw fieldError('until', '休学结束日期应晚于开始日期');
}

/**
 * What the case keeps of the request: what it asks for, not how the student was found; with the
 * target class's name, since a party may not be able to read another county's class.
 */
function requestOf(input: NewChange, place: Placement | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const named = place ? { toClassName: place.classOrg.name } : {};
  if (input.type === 'transfer') return { toClassId: input.toClassId, ...named, reason: input.reason };
  const { type: _type, studentId: _studentId, ...rest } = input;
  return { ...rest, ...named, ...extra };
}

const orgName = async (orgId: string) => (await getOrg(orgId))?.name ?? orgId;

export async function fileChange(principal: Principal, input: NewChange): Promise<StatusChange> {
  const corrects = input.type === 'gradeCorrection';
  if (principal.role !== (corrects ? 'teacher' : 'school_registrar')) throw forbidden('ROLE_NOT_ALLOWED', corrects ? '成绩更正由该教学班的任课教师申请' : '学籍异动由学校学籍管理员提交');
  checkRequest(input);
  // A transfer from another province: the student is in another deployment.
  if (input.type === 'transfer' && input.fromProvince) return fileFromOtherProvince(principal, { ...input, fromProvince: input.fromProvince });
  // A grade correction: the submitted grade it corrects (its old value and what it belongs to) goes into the request.
  const correction = input.type === 'gradeCorrection' ? await correctedGrade(principal, input) : undefined;
  const record = input.type === 'transfer' ? await transferStudent(input) : correction ? correction.record : await loadStudentFor(principal, input.studentId, 'student.write');
  if (record.deleted) throw conflict('RECORD_DELETED', '该学籍已删除');
  const status = statusOf(record);
  if (!FILED_FROM[input.type].includes(status)) {
    throw ruleViolation('STATUS_NOT_ALLOWED', `该学生学籍状态为「${RECORD_STATUS_LABEL[status]}」，不能申请${CHANGE_TYPE_LABEL[input.type]}`);
  }
  const place = await checkTarget(principal, input, record);
  if (input.type === 'keyFieldChange') await checkKeyFields(input, record);

  const places = { from: record.orgPath, ...(place ? { to: place.orgPath } : {}) };
  const chainKey = chainKeyOf(input.type, places, input.type === 'keyFieldChange' ? Object.keys(input.changes) : []);
  const settings = changeRules();
  const plan = planChain(settings.chains[chainKey], places);
  if (plan.applicant.orgId !== principal.orgId || plan.applicant.role !== principal.role) {
    throw forbidden('NOT_APPLICANT', `${CHANGE_TYPE_LABEL[input.type]}须由${ROLE_LABEL[plan.applicant.role]}（${await orgName(plan.applicant.orgId)}）提交`);
  }
  const leaves = LEAVES_RECORD.includes(input.type);
  const open = leaves ? undefined : await openCaseOf(record.studentId);
  if (open) throw conflict('CASE_OPEN', '该学生已有未办结的异动申请，办结或撤销后才能再提交').withDetails({ changeId: open });

  const [applicantName, ...stepNames] = await Promise.all([orgName(plan.applicant.orgId), ...plan.steps.map((step) => orgName(step.orgId))]);
  const now = new Date().toISOString();
  const change = openCase(
    {
      changeId: newSortableId(),
      type: input.type,
      chain: chainKey,
      studentId: record.studentId,
      studentName: record.name,
      schoolId: record.schoolId,
      applicant: { userId: principal.userId, displayName: principal.displayName, orgId: plan.applicant.orgId, orgPath: plan.applicant.orgPath, orgName: applicantName! },
      request: requestOf(input, place, correction?.request),
    },
    plan.steps.map((step, index) => ({ ...step, orgName: stepNames[index]! })),
    { now, stepDays: settings.stepDays, calendar: settings.calendar },
  );
  const owners = new Set([change.applicant.orgId, change.steps[0]!.orgId, studentCasesOwner(record.studentId), ...(FILED_BY_PERSON.includes(change.type) ? [userCasesOwner(principal.userId)] : [])]);
  const writes = [casePut(change), ...openCaseHold(change), taskPut(change), ...[...owners].map((owner) => caseRefPut(owner, change))];
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), writes, { entity: { type: 'CHANGE', id: change.changeId }, actor: actorOf(principal), action: 'change.file', changes: [], ...(input.reason ? { reason: input.reason } : {}) });
  } catch (error) {
    // Item 1 is the open-case hold: another case was filed meanwhile (for a grade correction: of the same grade).
    if (error instanceof TransactionConflict && error.reasons[1] === 'ConditionalCheckFailed') {
      throw conflict('CASE_OPEN', leaves ? '该学生这门课的成绩已有未办结的更正申请，办结或撤销后才能再提交' : '该学生已有未办结的异动申请，办结或撤销后才能再提交');
    }
    throw error;
  }
  return change;
}
