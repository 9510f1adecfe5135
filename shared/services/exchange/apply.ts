// Applies a packet received from a peer province (the queue's `apply` work), once: every effect
// commits in one transaction with the deletion of the packet's work item, so a packet delivered
// twice, or applied again after a crash, has no second effect. By type:
//   transferRequest   (here the sending side) the student found by national number and exact
//                     name opens a case with this side's steps, in the inboxes like any other; not
//                     found, or not free to leave: a rejection goes back, no case.
//   transferRelease   (here the receiving side) the record is created in the class asked for,
//                     under the same national number, with its history; the case completes and
//                     the sending side is told (transferAccepted). An ID number or national number
//                     that already has a record here, or a record that does not pass this side's
//                     checks, ends the case with the reason, and a rejection goes back.
//   transferAccepted  (here the sending side) the record stays at its old school, transferred out;
//                     the case completes.
//   transferRejection (either side) the case ends with the other side's reason.
// A packet that fits no case (a case ended meanwhile) is set aside with an audit entry; its
// content is never logged.
import * as z from 'zod/mini';
import { auditItem, commitWithAudit, TransactionConflict, type AuditEntry, type TransactItem } from '#shared/data/audit.ts';
import { caseRefPut, casePut, caseReplace, getCase, openCaseHold, openCaseOf, openCaseRelease, studentCasesOwner, taskDelete, taskPut } from '#shared/data/change-repo.ts';
import { getOrg } from '#shared/data/directory-repo.ts';
import { getInboxItem } from '#shared/data/exchange-inbox.ts';
import { applyDelete, forgetApply, getApply, getPeerCase, outgoingPut, peerCasePut, sendSoon, type ExchangeWork } from '#shared/data/exchange-outbox.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { newSortableId } from '#shared/data/sortable-id.ts';
import { enrolmentWrites, findByIdNumber, findByNationalNo, getStudent, recordUpdate } from '#shared/data/student-repo.ts';
import { endByPeer, openSendingCase, waitsForRemote, withReportedSteps, type StatusChange } from '#shared/domain/changes/case.ts';
import { planOwnSide } from '#shared/domain/changes/chains.ts';
import { FILED_FROM, RECORD_STATUS_LABEL } from '#shared/domain/changes/kinds.ts';
import { newPacketId, PacketPayloadSchema, type PacketPayload } from '#shared/domain/exchange/packet.ts';
import {
  provinceName,
  TransferAcceptedBodySchema,
  TransferRejectionBodySchema,
  TransferRejectionSecretSchema,
  TransferReleaseBodySchema,
  TransferReleaseSecretSchema,
  TransferRequestBodySchema,
  TransferRequestSecretSchema,
  type TransferReleaseSecret,
} from '#shared/domain/exchange/transfer.ts';
import { enrolmentChanges, statusOf, type StudentRecord } from '#shared/domain/student.ts';
import { checkIdentity } from '#shared/domain/student-identity.ts';
import { NewStudentSchema } from '#shared/domain/student-record.ts';
import { ApiError } from '#shared/http/api-error.ts';
import { logger } from '#shared/http/logger.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { changeRules } from '../changes/rules.ts';
import { packetOf } from '../changes/remote.ts';
import { placeInClass } from '../students/placement.ts';
import { nextSchoolNumber } from '../students/school-number.ts';
import { exchangeKeys } from './settings.ts';

const table = () => tableName(RECORDS_TABLE);
const decoder = new TextDecoder();

/** The other deployment, as the audit names it. */
const peerActor = (from: string) => ({ userId: `exchange:${from}`, displayName: `跨省交换 ${provinceName(from)}`, role: 'system' });

interface Received {
  key: string;
  payload: PacketPayload;
  secret: unknown;
  now: string;
}

/** A change whose effect already committed with the work item's deletion: nothing more to do. */
class AlreadyApplied extends Error {}

/**
 * Commits the work item's deletion (item 0) with `items` and the entry; `AlreadyApplied` when the
 * item had gone (an earlier delivery applied the packet). Other conflicts are thrown as they are.
 */
async function commitApplied(key: string, items: TransactItem[], entry: AuditEntry): Promise<void> {
  try {
    await commitWithAudit(table(), [applyDelete(key), ...items], entry);
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') throw new AlreadyApplied();
    throw error;
  }
}

const sendLater = (work: ExchangeWork[]) => sendSoon(work, (error) => logger.warn('exchange message not sent; the sweeper will send it', { error: error.name }));

/** Sets a packet aside that fits no case (any more): only an audit entry says so. */
async function setAside(received: Received, why: string): Promise<void> {
  const { payload } = received;
  await commitApplied(received.key, [], {
    entity: { type: 'EXCHANGE', id: payload.from },
    actor: peerActor(payload.from),
    action: 'exchange.setAside',
    changes: [{ field: 'inbox', old: null, new: { packetId: payload.packetId, type: payload.type, caseRef: payload.caseRef } }],
    reason: why,
  });
}

const parse = <T extends z.core.$ZodType>(schema: T, value: unknown): z.infer<T> | undefined => {
  const result = z.safeParse(schema, value);
  return result.success ? result.data : undefined;
};

// ---- the sending side ------------------------------------------------------------------------

/** Refuses a request no case is opened for: a rejection goes back with the reason; a later copy of the request finds it refused. */
async function refuseRequest(received: Received, reason: string): Promise<void> {
  const { payload, now } = received;
  const { item, work } = outgoingPut({
    packetId: newPacketId(Date.parse(now)),
    kind: 'transferRejection',
    to: payload.from,
    caseRef: `request:${payload.packetId}`,
    params: { peerCaseRef: payload.caseRef, outcome: 'rejected', reason },
    createdAt: now,
  });
  try {
    await commitApplied(received.key, [peerCasePut(payload.from, payload.caseRef, { refused: reason }), item], {
      entity: { type: 'EXCHANGE', id: payload.from },
      actor: peerActor(payload.from),
      action: 'exchange.requestRefused',
      changes: [{ field: 'request', old: null, new: { packetId: payload.packetId, caseRef: payload.caseRef } }],
      reason,
    });
  } catch (error) {
    // The other side's case was seen before (another copy of its request): that one answered.
    if (error instanceof TransactionConflict && error.reasons[1] === 'ConditionalCheckFailed') return forgetApply(received.key);
    throw error;
  }
  await sendLater([work]);
}

async function applyRequest(received: Received): Promise<void> {
  const { payload, now } = received;
  const body = parse(TransferRequestBodySchema(), payload.body);
  const secret = parse(TransferRequestSecretSchema(), received.secret);
  if (!body || !secret) return refuseRequest(received, '转入申请的内容不完整，无法办理');
  if (await getPeerCase(payload.from, payload.caseRef)) return setAside(received, '该转入申请已办理过或已撤销');

  // As a transfer within the deployment finds its student: national number and exact name, and a mismatch says nothing of which was wrong.
  const pointer = await findByNationalNo(secret.nationalStudentNo);
  const record = pointer ? await getStudent(pointer.studentId) : undefined;
  if (!record || record.deleted || record.name !== secret.name) return refuseRequest(received, '转出省份未找到该学生：请核对全国学籍号和姓名');
  const status = statusOf(record);
  if (!FILED_FROM.transfer.includes(status)) return refuseRequest(received, `该学生在转出省份的学籍状态为「${RECORD_STATUS_LABEL[status]}」，不能转出`);
  if (await openCaseOf(record.studentId)) return refuseRequest(received, '该学生在转出省份有未办结的学籍异动申请，暂不能转出');

  const settings = changeRules();
  const { own } = planOwnSide(settings.chains['transfer.otherProvince'], 'sending', record.orgPath);
  const names = await Promise.all(own.map(async (step) => (await getOrg(step.orgId))?.name ?? step.orgId));
  const receiver = `${provinceName(payload.from)} ${body.toSchoolName}`;
  const change = openSendingCase(
    {
      changeId: newSortableId(),
      type: 'transfer',
      chain: 'transfer.otherProvince',
      studentId: record.studentId,
      studentName: record.name,
      schoolId: record.schoolId,
      applicant: { userId: `exchange:${payload.from}`, displayName: receiver, orgId: body.toSchoolCode, orgPath: '', orgName: receiver },
      request: { toProvince: payload.from, toSchoolCode: body.toSchoolCode, toSchoolName: body.toSchoolName, reason: secret.reason },
      remote: { province: payload.from, side: 'sending', peerCaseRef: payload.caseRef },
    },
    secret.steps,
    own.map((step, index) => ({ ...step, orgName: names[index]! })),
    { role: 'school_registrar', orgId: body.toSchoolCode, orgName: receiver },
    { now, stepDays: settings.stepDays, calendar: settings.calendar },
  );
  const owners = new Set([change.steps[change.currentStep]!.orgId, studentCasesOwner(record.studentId)]);
  const holds = openCaseHold(change);
  try {
    await commitApplied(received.key, [peerCasePut(payload.from, payload.caseRef, { changeId: change.changeId }), casePut(change), ...holds, taskPut(change), ...[...owners].map((owner) => caseRefPut(owner, change))], {
      entity: { type: 'CHANGE', id: change.changeId },
      actor: peerActor(payload.from),
      action: 'change.file',
      changes: [],
      reason: `跨省转入申请（${receiver}）：${secret.reason}`,
    });
  } catch (error) {
    if (!(error instanceof TransactionConflict)) throw error;
    if (error.reasons[1] === 'ConditionalCheckFailed') return forgetApply(received.key);
    // Item 3 is the student's open-case hold: a case was filed here meanwhile.
    if (error.reasons[3] === 'ConditionalCheckFailed') return refuseRequest(received, '该学生在转出省份有未办结的学籍异动申请，暂不能转出');
    throw error;
  }
}

/** The sending side's case of a packet from the receiving side: found by the receiving side's case reference. */
async function sendingCaseOf(payload: PacketPayload): Promise<{ ref?: Awaited<ReturnType<typeof getPeerCase>>; change?: StatusChange }> {
  const ref = await getPeerCase(payload.from, payload.caseRef);
  const change = ref?.changeId ? await getCase(ref.changeId) : undefined;
  return { ref, ...(change && change.remote?.province === payload.from && change.remote.side === 'sending' ? { change } : {}) };
}

async function applyAccepted(received: Received): Promise<void> {
  const { payload, now } = received;
  if (!parse(TransferAcceptedBodySchema(), payload.body)) return setAside(received, '接收确认的内容不完整');
  const { change: read } = await sendingCaseOf(payload);
  if (!read || !waitsForRemote(read)) return setAside(received, '没有等待对方接收的转出申请');
  const record = await getStudent(read.studentId);
  const done = endByPeer(read, { status: 'approved' }, now)!;
  const receiver = `${provinceName(payload.from)} ${String(read.request.toSchoolName ?? '')}`.trim();
  const records = table();
  await commitApplied(
    received.key,
    [
      caseReplace(done, read.version),
      // The record stays at its old school, transferred out: kept, visible and printable there.
      ...(record ? [recordUpdate(record.studentId, record.version, { status: 'transferred', updatedAt: now })] : []),
      ...openCaseRelease(read),
      auditItem(records, { entity: { type: 'CHANGE', id: read.changeId }, actor: peerActor(payload.from), action: 'change.complete', changes: [] }),
    ],
    {
      entity: { type: 'STUDENT', id: read.studentId },
      actor: peerActor(payload.from),
      action: 'change.transfer',
      changes: record ? [{ field: 'status', old: statusOf(record), new: 'transferred' }] : [],
      reason: `跨省转出：转入${receiver}；${String(read.request.reason ?? '')}`.replace(/；$/, ''),
      changeId: read.changeId,
    },
  );
}

// ---- the receiving side ----------------------------------------------------------------------

/** The receiving side's case a packet answers: its own reference, which the sending side repeats. */
async function receivingCaseOf(payload: PacketPayload, peerCaseRef: string | undefined): Promise<StatusChange | undefined> {
  const change = peerCaseRef ? await getCase(peerCaseRef) : undefined;
  return change && change.remote?.province === payload.from && change.remote.side === 'receiving' ? change : undefined;
}

/** The record the release describes, checked as an enrolment here would be; or why it cannot be taken in. */
async function releasedRecordHere(read: StatusChange, secret: TransferReleaseSecret, now: string): Promise<{ record: StudentRecord; fields: Record<string, unknown>; takes: TransactItem[] } | { refused: string }> {
  const { nationalStudentNo, ...fields } = secret.record;
  if (nationalStudentNo !== read.request.nationalStudentNo) return { refused: '转出省份发来的学籍的全国学籍号与申请不符，转入未执行' };
  const parsed = z.safeParse(NewStudentSchema(), { ...fields, classId: read.request.toClassId, extra: {} });
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.join('.') ?? '';
    return { refused: `转出省份发来的学籍信息不完整或不正确${path ? `（${path}）` : ''}，转入未执行` };
  }
  const input = parsed.data;
  const identity = checkIdentity(input);
  if (identity.problems.length > 0) return { refused: `转出省份发来的学生身份信息不正确（${identity.problems[0]!.message}），转入未执行` };
  const idNumber = identity.plan.kind === 'G' ? identity.plan.idNumber : input.idNumber;
  // One person, one record: an ID number or national number already here blocks the move.
  if (idNumber) {
    const holder = await findByIdNumber(input.idType, idNumber);
    if (holder) return { refused: `该学生的身份证件号已在本省注册学籍（${(await getOrg(holder.schoolId))?.name ?? holder.schoolId}），一人只能有一个学籍，转入未执行` };
  }
  const numbered = await findByNationalNo(String(nationalStudentNo));
  if (numbered) return { refused: `该全国学籍号已在本省有学籍（${(await getOrg(numbered.schoolId))?.name ?? numbered.schoolId}），转入未执行` };
  let place;
  try {
    place = await placeInClass(String(read.request.toClassId));
  } catch (error) {
    if (error instanceof ApiError) return { refused: '转入班级已不存在，转入未执行' };
    throw error;
  }
  const record: StudentRecord = {
    ...input,
    idNumber,
    extra: {},
    studentId: read.studentId,
    nationalStudentNo: String(nationalStudentNo),
    schoolId: place.schoolId,
    gradeId: place.gradeId,
    grade: place.grade,
    countyId: place.countyId,
    orgPath: place.orgPath,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  // The receiving school's own number (学号), when it numbers its students; a scheme that cannot number it leaves it without.
  const schoolNumber = await nextSchoolNumber(record).catch((error: unknown) => {
    if (error instanceof ApiError) return undefined;
    throw error;
  });
  if (schoolNumber) record.schoolStudentNo = schoolNumber.value;
  return { record, fields: input, takes: schoolNumber ? [schoolNumber.take] : [] };
}

async function applyRelease(received: Received): Promise<void> {
  const { payload, now } = received;
  const body = parse(TransferReleaseBodySchema(), payload.body);
  const read = await receivingCaseOf(payload, body?.peerCaseRef);
  if (!read || !waitsForRemote(read)) return setAside(received, '没有等待转出省份办理的转入申请（已撤销或已办结）');
  const secret = parse(TransferReleaseSecretSchema(), received.secret);
  const reported: StatusChange = { ...withReportedSteps(read, secret?.steps ?? []), remote: { ...read.remote!, peerCaseRef: payload.caseRef } };
  const outcome = body && secret ? await releasedRecordHere(read, secret, now) : { refused: '转出省份发来的学籍信息格式不正确，转入未执行' };

  if ('refused' in outcome) {
    // The case ends here with the reason; the sending side is told, and keeps its record.
    const ended = packetOf(endByPeer(reported, { status: 'rejected', reason: outcome.refused }, now)!, 'transferRejection', { outcome: 'rejected', reason: outcome.refused }, now);
    await commitApplied(received.key, [caseReplace(ended.change, read.version), ...openCaseRelease(read), ...ended.writes], {
      entity: { type: 'CHANGE', id: read.changeId },
      actor: peerActor(payload.from),
      action: 'change.endUnapplied',
      changes: [],
      reason: outcome.refused,
    });
    await sendLater(ended.work);
    return;
  }

  const { record, fields, takes } = outcome;
  const from = `${provinceName(payload.from)} ${body!.fromSchoolName}`;
  const accepted = packetOf(endByPeer(reported, { status: 'approved' }, now)!, 'transferAccepted', {}, now);
  const records = table();
  const history = secret!.history.map((entry) =>
    auditItem(
      records,
      {
        entity: { type: 'STUDENT', id: record.studentId },
        actor: { userId: `exchange:${payload.from}`, displayName: `${provinceName(payload.from)}（转出省份的记录）`, role: 'system' },
        action: entry.action,
        changes: entry.changes,
        ...(entry.reason ? { reason: entry.reason } : {}),
      },
      new Date(entry.at),
    ),
  );
  try {
    await commitApplied(
      received.key,
      [
        caseReplace(accepted.change, read.version),
        ...enrolmentWrites(record),
        ...takes,
        ...openCaseRelease(read),
        ...accepted.writes,
        ...history,
        auditItem(records, { entity: { type: 'CHANGE', id: read.changeId }, actor: peerActor(payload.from), action: 'change.complete', changes: [] }),
      ],
      {
        entity: { type: 'STUDENT', id: record.studentId },
        actor: peerActor(payload.from),
        action: 'change.transfer',
        changes: enrolmentChanges({ ...fields, nationalStudentNo: record.nationalStudentNo, schoolId: record.schoolId }),
        reason: `跨省转入：自${from}；${String(read.request.reason ?? '')}`.replace(/；$/, ''),
        changeId: read.changeId,
      },
    );
  } catch (error) {
    // The case moved, or an ID or national number was taken meanwhile: the queue tries again, and the checks above then see why.
    if (error instanceof TransactionConflict) throw new Error(`release not applied (${error.reasons.join(',')}); it will be retried`);
    throw error;
  }
  await sendLater(accepted.work);
}

// ---- either side -----------------------------------------------------------------------------

async function applyRejection(received: Received): Promise<void> {
  const { payload, now } = received;
  const body = parse(TransferRejectionBodySchema(), payload.body);
  const secret = parse(TransferRejectionSecretSchema(), received.secret);
  if (!body || !secret) return setAside(received, '退回的内容不完整');
  let read = await receivingCaseOf(payload, body.peerCaseRef);
  if (!read) {
    const found = await sendingCaseOf(payload);
    if (!found.ref) {
      // The withdrawal overtook the request: its request, when it comes, finds it withdrawn.
      try {
        await commitApplied(received.key, [peerCasePut(payload.from, payload.caseRef, { withdrawn: secret.reason })], {
          entity: { type: 'EXCHANGE', id: payload.from },
          actor: peerActor(payload.from),
          action: 'exchange.withdrawnBeforeRequest',
          changes: [{ field: 'request', old: null, new: { caseRef: payload.caseRef } }],
          reason: secret.reason,
        });
      } catch (error) {
        if (error instanceof TransactionConflict && error.reasons[1] === 'ConditionalCheckFailed') return applyRejection(received);
        throw error;
      }
      return;
    }
    read = found.change;
  }
  if (!read || read.status !== 'pending') return setAside(received, '对应的异动申请不存在或已办结');
  const base = read.remote!.side === 'receiving' ? { ...withReportedSteps(read, secret.steps ?? []), remote: { ...read.remote!, ...(payload.caseRef.startsWith('request:') ? {} : { peerCaseRef: payload.caseRef }) } } : read;
  const ended = endByPeer(base, { status: body.outcome, reason: secret.reason }, now)!;
  const current = read.steps[read.currentStep];
  await commitApplied(received.key, [caseReplace(ended, read.version), ...openCaseRelease(read), ...(current && !current.remote && current.status === 'current' ? [taskDelete(read)] : [])], {
    entity: { type: 'CHANGE', id: read.changeId },
    actor: peerActor(payload.from),
    action: body.outcome === 'cancelled' ? 'change.cancelledByPeer' : 'change.rejectedByPeer',
    changes: [],
    reason: secret.reason,
  });
}

// ---- the work --------------------------------------------------------------------------------

const APPLY: Record<string, (received: Received) => Promise<void>> = {
  transferRequest: applyRequest,
  transferRelease: applyRelease,
  transferRejection: applyRejection,
  transferAccepted: applyAccepted,
};

/** The payload of a packet as stored in the inbox (verified when it was taken in). */
function payloadOf(packet: string): PacketPayload {
  const part = packet.split('.')[1] ?? '';
  return z.parse(PacketPayloadSchema(), JSON.parse(decoder.decode(Buffer.from(part, 'base64url'))));
}

/** Applies the received packet whose work item is `key`; nothing when it was applied before. */
export async function applyReceived(key: string): Promise<void> {
  const work = await getApply(key);
  if (!work) return;
  const stored = await getInboxItem(work.packetId);
  const apply = APPLY[work.type];
  if (!stored || !apply) return forgetApply(key);
  const payload = payloadOf(stored.packet);
  const secret = payload.secret === undefined ? undefined : JSON.parse(decoder.decode(await (await exchangeKeys()).decrypt(payload.secret))) as unknown;
  try {
    await apply({ key, payload, secret, now: new Date().toISOString() });
  } catch (error) {
    if (error instanceof AlreadyApplied) return;
    throw error;
  }
}
