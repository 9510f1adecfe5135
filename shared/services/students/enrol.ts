// Enrolment (注册学籍): checks the record, assigns the national student number and writes the
// record, its uniqueness items and its first history entry in one transaction. Two schools
// enrolling the same ID number at the same moment: the transaction lets exactly one win.
import { randomInt, randomUUID } from 'node:crypto';
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { enrolmentWrites, findByIdNumber, likelyDuplicates, nextJSequence } from '#shared/data/student-repo.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { formalNumber, noIdNumber, temporaryNumber } from '#shared/domain/national-student-no.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { enrolmentChanges, type StudentRecord } from '#shared/domain/student.ts';
import { checkIdentity, type NumberPlan } from '#shared/domain/student-identity.ts';
import type { NewStudent } from '#shared/domain/student-record.ts';
import { badRequest, conflict, forbidden, ruleViolation } from '#shared/http/api-error.ts';
import { actorOf } from './access.ts';
import { describeLocation } from './duplicate-location.ts';
import { placeInClass } from './placement.ts';
import { checkExtraFields } from './province-extra.ts';

const MAX_NUMBER_ATTEMPTS = 5;
// Item order of enrolmentWrites: record, national number, person index, ID number.
const NSN_ITEM = 1;
const ID_ITEM = 3;

async function nationalNumber(plan: NumberPlan, countyId: string, birthDate: string): Promise<string> {
  if (plan.kind === 'G') return formalNumber(plan.idNumber);
  if (plan.kind === 'L') return temporaryNumber(countyId, birthDate, String(randomInt(0, 10_000)).padStart(4, '0'));
  const sequence = await nextJSequence(countyId, birthDate);
  if (sequence > 999) throw ruleViolation('NUMBER_SPACE_EXHAUSTED', '该地区该出生日期的无证件学籍号已用尽，请联系省级管理员');
  return noIdNumber(countyId, birthDate, sequence);
}

async function duplicateIdError(principal: Principal, idType: string, idNumber: string) {
  const existing = await findByIdNumber(idType, idNumber);
  const where = existing ? await describeLocation(principal, existing) : { text: '其他学校', details: {} };
  return conflict('DUPLICATE_ID_NUMBER', `该身份证件号已在${where.text}注册学籍，一人只能有一个学籍；如需转入请办理转学`, [
    { path: 'idNumber', code: 'duplicate', message: '该身份证件号已有学籍' },
  ]).withDetails(where.details);
}

export async function enrolStudent(principal: Principal, input: NewStudent & { confirmDuplicate?: boolean | undefined }): Promise<StudentRecord> {
  const { confirmDuplicate, ...fields } = input;
  const place = await placeInClass(fields.classId);
  const decision = decide(principal, 'student.write', { orgPath: place.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, decision.reason === 'OUT_OF_SCOPE' ? '只能在本校班级注册学籍' : '您的角色不能注册学籍');

  const identity = checkIdentity(fields);
  if (identity.problems.length > 0) throw badRequest('VALIDATION_FAILED', '学生身份信息不正确', identity.problems);
  const extra = checkExtraFields(fields.extra);
  const idNumber = identity.plan.kind === 'G' ? identity.plan.idNumber : fields.idNumber;

  // A duplicate ID number is refused by the transaction's condition on the ID item; reading it
  // first would only cost a read on every enrolment.
  if (!idNumber && !confirmDuplicate) {
    const similar = (await likelyDuplicates(fields.name, fields.gender, fields.birthDate)).filter((p) => !p.hasId);
    if (similar.length > 0) {
      const places = await Promise.all(similar.map((pointer) => describeLocation(principal, pointer)));
      throw conflict('POSSIBLE_DUPLICATE', `已有 ${similar.length} 条姓名、性别、出生日期相同且无身份证件号的学籍，请核实；确认不是同一人后带 confirmDuplicate: true 重新提交`).withDetails({
        matches: places.map((place) => place.details),
      });
    }
  }

  const now = new Date().toISOString();
  for (let attempt = 1; ; attempt += 1) {
    const record: StudentRecord = {
      ...fields,
      idNumber,
      extra,
      studentId: randomUUID(),
      nationalStudentNo: await nationalNumber(identity.plan, place.countyId, fields.birthDate),
      schoolId: place.schoolId,
      gradeId: place.gradeId,
      grade: place.grade,
      countyId: place.countyId,
      orgPath: place.orgPath,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await commitWithAudit(tableName(RECORDS_TABLE), enrolmentWrites(record), {
        entity: { type: 'STUDENT', id: record.studentId },
        actor: actorOf(principal),
        action: 'enrol',
        changes: enrolmentChanges(fields),
      });
      return record;
    } catch (error) {
      if (!(error instanceof TransactionConflict)) throw error;
      if (error.reasons[ID_ITEM] === 'ConditionalCheckFailed' || (identity.plan.kind === 'G' && error.reasons[NSN_ITEM] === 'ConditionalCheckFailed')) {
        throw await duplicateIdError(principal, fields.idType, idNumber!);
      }
      // A random temporary (L) number that is already taken: draw another.
      if (error.reasons[NSN_ITEM] === 'ConditionalCheckFailed' && attempt < MAX_NUMBER_ATTEMPTS) continue;
      throw error;
    }
  }
}
