// Enrolment (注册学籍): checks the record, assigns the national student number and writes the
// record, its uniqueness items and its first history entry in one transaction. Two schools
// enrolling the same ID number at the same moment: the transaction lets exactly one win.
import { randomInt, randomUUID } from 'node:crypto';
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import type { TransactItem } from '#shared/data/audit.ts';
import { claimNext, enrolmentWrites, findByIdNumber, jSequenceKey, likelyDuplicates } from '#shared/data/student-repo.ts';
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
import { placeInClass, type Placement } from './placement.ts';
import { checkExtraFields } from './province-extra.ts';
import { nextSchoolNumber } from './school-number.ts';

/** Attempts at a number: a random L number already taken, or a J number taken by a racing enrolment. */
const MAX_NUMBER_ATTEMPTS = 20;
// Item order of enrolmentWrites: record, national number, person index, ID number, guardians'
// ID index; then the sequence counters the numbers took, then the caller's own items.
const NSN_ITEM = 1;
const ID_ITEM = 3;

/** The national student number, and the counter writes that must commit with it (a J number's sequence). */
async function nationalNumber(plan: NumberPlan, countyId: string, birthDate: string): Promise<{ number: string; takes: TransactItem[] }> {
  if (plan.kind === 'G') return { number: formalNumber(plan.idNumber), takes: [] };
  if (plan.kind === 'L') return { number: temporaryNumber(countyId, birthDate, String(randomInt(0, 10_000)).padStart(4, '0')), takes: [] };
  const sequence = await claimNext(jSequenceKey(countyId, birthDate));
  if (sequence.value > 999) throw ruleViolation('NUMBER_SPACE_EXHAUSTED', '该地区该出生日期的无证件学籍号已用尽，请联系省级管理员');
  return { number: noIdNumber(countyId, birthDate, sequence.value), takes: [sequence.take] };
}

/** What bulk intake adds to an enrolment: its row's done-marker, written in the same transaction. */
export interface EnrolOptions {
  /** The row's marker for the new record's id; fails the transaction (ConditionalCheckFailed) if the row was written before: then RowAlreadyWritten. */
  rowMarker?: (studentId: string) => TransactItem;
  /** The class's placement, read once for a whole chunk. */
  place?: Placement;
  /** Bulk intake checks look-alikes without an ID number for the whole file before it writes. */
  skipLikelyDuplicates?: boolean;
}

/** The row's record was written by an earlier delivery of the same chunk. */
export class RowAlreadyWritten extends Error {
  constructor() {
    super('row already written');
    this.name = 'RowAlreadyWritten';
  }
}

async function duplicateIdError(principal: Principal, idType: string, idNumber: string) {
  const existing = await findByIdNumber(idType, idNumber);
  const where = existing ? await describeLocation(principal, existing) : { text: '其他学校', details: {} };
  return conflict('DUPLICATE_ID_NUMBER', `该身份证件号已在${where.text}注册学籍，一人只能有一个学籍；如需转入请办理转学`, [
    { path: 'idNumber', code: 'duplicate', message: '该身份证件号已有学籍' },
  ]).withDetails(where.details);
}

export async function enrolStudent(principal: Principal, input: NewStudent & { confirmDuplicate?: boolean | undefined }, options: EnrolOptions = {}): Promise<StudentRecord> {
  const { confirmDuplicate, ...fields } = input;
  const place = options.place ?? (await placeInClass(fields.classId));
  const decision = decide(principal, 'student.write', { orgPath: place.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, decision.reason === 'OUT_OF_SCOPE' ? '只能在本校班级注册学籍' : '您的角色不能注册学籍');

  const identity = checkIdentity(fields);
  if (identity.problems.length > 0) throw badRequest('VALIDATION_FAILED', '学生身份信息不正确', identity.problems);
  const extra = checkExtraFields(fields.extra);
  const idNumber = identity.plan.kind === 'G' ? identity.plan.idNumber : fields.idNumber;

  // A duplicate ID number is refused by the transaction's condition on the ID item; reading it
  // first would only cost a read on every enrolment.
  if (!idNumber && !confirmDuplicate && !options.skipLikelyDuplicates) {
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
    const numbered = await nationalNumber(identity.plan, place.countyId, fields.birthDate);
    const record: StudentRecord = {
      ...fields,
      idNumber,
      extra,
      studentId: randomUUID(),
      nationalStudentNo: numbered.number,
      schoolId: place.schoolId,
      gradeId: place.gradeId,
      grade: place.grade,
      countyId: place.countyId,
      orgPath: place.orgPath,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const schoolNumber = await nextSchoolNumber(record);
    if (schoolNumber) record.schoolStudentNo = schoolNumber.value;
    const takes = [...numbered.takes, ...(schoolNumber ? [schoolNumber.take] : [])];
    const writes = enrolmentWrites(record);
    const markerAt = writes.length + takes.length;
    try {
      await commitWithAudit(tableName(RECORDS_TABLE), [...writes, ...takes, ...(options.rowMarker ? [options.rowMarker(record.studentId)] : [])], {
        entity: { type: 'STUDENT', id: record.studentId },
        actor: actorOf(principal),
        action: 'enrol',
        changes: enrolmentChanges(fields),
      });
      return record;
    } catch (error) {
      if (!(error instanceof TransactionConflict)) throw error;
      if (options.rowMarker && error.reasons[markerAt] === 'ConditionalCheckFailed') throw new RowAlreadyWritten();
      if (error.reasons[ID_ITEM] === 'ConditionalCheckFailed' || (identity.plan.kind === 'G' && error.reasons[NSN_ITEM] === 'ConditionalCheckFailed')) {
        throw await duplicateIdError(principal, fields.idType, idNumber!);
      }
      // A random temporary (L) number already taken, or a sequence number (J, the school's) taken
      // by a racing enrolment: draw again.
      const numberTaken = error.reasons[NSN_ITEM] === 'ConditionalCheckFailed' || error.reasons.slice(writes.length, markerAt).includes('ConditionalCheckFailed');
      if (numberTaken && attempt < MAX_NUMBER_ATTEMPTS) {
        // Many enrolments of one bulk intake take numbers of one counter: spread the retries.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 8)));
        continue;
      }
      throw error;
    }
  }
}
