// Filing a transfer from another province (跨省转学, the receiving side): the receiving school asks
// for a student of another deployment by national student number and exact name. Nothing of the
// student is here yet, so the case holds the national number (one open request per student) and
// the id the record will have once it arrives. The receiving side's own parties decide first;
// then the request goes out through the exchange (shared/services/changes/advance.ts), and the
// sending side's steps, shown here under the other province's name until it reports them, are
// decided there.
import { randomUUID } from 'node:crypto';
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { caseRefPut, casePut, openCaseHold, studentCasesOwner, taskPut } from '#shared/data/change-repo.ts';
import { getOrg } from '#shared/data/directory-repo.ts';
import { sendSoon } from '#shared/data/exchange-outbox.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { newSortableId } from '#shared/data/sortable-id.ts';
import { findByIdNumber, findByNationalNo, getStudent } from '#shared/data/student-repo.ts';
import { openCase, remotePlaceholder, waitsForRemote, type StatusChange } from '#shared/domain/changes/case.ts';
import { planChain, planOwnSide } from '#shared/domain/changes/chains.ts';
import { provinceName } from '#shared/domain/exchange/provinces.ts';
import { isWithin } from '#shared/domain/org.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ROLE_LABEL } from '#shared/domain/roles.ts';
import type { NewChange } from '#shared/api/changes.ts';
import { ApiError, badRequest, conflict, forbidden, ruleViolation } from '#shared/http/api-error.ts';
import { logger } from '#shared/http/logger.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { ExchangeNotReady } from '../exchange/keys.ts';
import { ownProvinceCode, peerProvinces } from '../exchange/peer-source.ts';
import { actorOf } from '../students/access.ts';
import { placeInClass, type Placement } from '../students/placement.ts';
import { toOtherSide } from './remote.ts';
import { changeRules } from './rules.ts';

type Transfer = Extract<NewChange, { type: 'transfer' }>;

const fieldError = (path: string, message: string) => badRequest('VALIDATION_FAILED', message, [{ path, code: 'invalid', message }]);
const orgName = async (orgId: string) => (await getOrg(orgId))?.name ?? orgId;

/**
 * The other province must be one this deployment exchanges with (and not itself). Only the peers'
 * codes are read here; the exchange function checks the list strictly when it sends the request.
 */
function checkPeer(fromProvince: string): void {
  let self: string;
  let peers: string[];
  try {
    self = ownProvinceCode();
    peers = peerProvinces(self);
  } catch (error) {
    if (error instanceof ExchangeNotReady) throw new ApiError(503, 'EXCHANGE_NOT_CONFIGURED', error.message);
    throw error;
  }
  if (fromProvince === self) throw fieldError('fromProvince', '转出省份就是本省：省内转学请不要填写转出省份');
  if (!peers.includes(fromProvince)) throw ruleViolation('PEER_NOT_CONFIGURED', `本省尚未与${provinceName(fromProvince)}开通跨省转学交换，请联系省级学籍管理员`);
}

/** Nobody holding this national number or its ID number may be here already: the record would be a duplicate. */
async function checkNotHere(nationalStudentNo: string): Promise<void> {
  const pointer = await findByNationalNo(nationalStudentNo);
  const here = pointer ? await getStudent(pointer.studentId) : undefined;
  if (here && !here.deleted) throw conflict('ALREADY_ENROLLED', `该全国学籍号在本省已有学籍（${await orgName(here.schoolId)}）；本省内转学请不要填写转出省份`);
  // A G number is the ID number: a record here under another national number with it would be a second record.
  if (nationalStudentNo.startsWith('G')) {
    const holder = await findByIdNumber('1', nationalStudentNo.slice(1));
    if (holder) throw conflict('DUPLICATE_ID_NUMBER', `该学生的身份证件号已在本省注册学籍（${await orgName(holder.schoolId)}），一人只能有一个学籍，不能再转入`);
  }
}

async function targetClass(principal: Principal, toClassId: string): Promise<Placement> {
  let place: Placement;
  try {
    place = await placeInClass(toClassId);
  } catch (error) {
    if (error instanceof ApiError) throw fieldError('toClassId', '转入班级不存在');
    throw error;
  }
  if (!isWithin(place.orgPath, principal.orgPath)) throw fieldError('toClassId', '转学由转入学校申请：转入班级须为本校班级');
  return place;
}

export async function fileFromOtherProvince(principal: Principal, input: Transfer & { fromProvince: string }): Promise<StatusChange> {
  if (!input.nationalStudentNo) throw fieldError('nationalStudentNo', '跨省转学请填写学生的全国学籍号和姓名');
  const nationalStudentNo = input.nationalStudentNo.toUpperCase();
  checkPeer(input.fromProvince);
  const place = await targetClass(principal, input.toClassId);
  await checkNotHere(nationalStudentNo);

  const settings = changeRules();
  const chain = settings.chains['transfer.otherProvince'];
  const applicant = planChain({ applicant: chain.applicant, steps: [] }, { from: '', to: place.orgPath }).applicant;
  if (applicant.orgId !== principal.orgId || applicant.role !== principal.role) throw forbidden('NOT_APPLICANT', `转学须由${ROLE_LABEL[applicant.role]}（${await orgName(applicant.orgId)}）提交`);
  const { own, other } = planOwnSide(chain, 'receiving', place.orgPath);
  const [applicantName, ...ownNames] = await Promise.all([orgName(applicant.orgId), ...own.map((step) => orgName(step.orgId))]);
  const now = new Date().toISOString();
  const opened = openCase(
    {
      changeId: newSortableId(),
      type: 'transfer',
      chain: 'transfer.otherProvince',
      // The id the record will have here once the sending side releases it.
      studentId: randomUUID(),
      studentName: input.name,
      schoolId: place.schoolId,
      applicant: { userId: principal.userId, displayName: principal.displayName, orgId: applicant.orgId, orgPath: applicant.orgPath, orgName: applicantName! },
      request: { fromProvince: input.fromProvince, nationalStudentNo, toClassId: input.toClassId, toClassName: place.classOrg.name, reason: input.reason },
      remote: { province: input.fromProvince, side: 'receiving' },
    },
    [...own.map((step, index) => ({ ...step, orgName: ownNames[index]! })), ...other.map((party) => remotePlaceholder(party, input.fromProvince, provinceName(input.fromProvince)))],
    { now, stepDays: settings.stepDays, calendar: settings.calendar },
  );
  // A chain without receiving steps asks the sending side at once.
  const first = waitsForRemote(opened) ? toOtherSide(opened, now) : { change: opened, writes: [taskPut(opened)], work: [] };
  const change = first.change;
  const step = change.steps[0]!;
  const owners = new Set([change.applicant.orgId, ...(step.remote ? [] : [step.orgId]), studentCasesOwner(change.studentId)]);
  const writes = [casePut(change), ...openCaseHold(change), ...first.writes, ...[...owners].map((owner) => caseRefPut(owner, change))];
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), writes, { entity: { type: 'CHANGE', id: change.changeId }, actor: actorOf(principal), action: 'change.file', changes: [], reason: input.reason });
  } catch (error) {
    // Item 1 is the hold on the national number: another school here asked for the same student.
    if (error instanceof TransactionConflict && error.reasons[1] === 'ConditionalCheckFailed') throw conflict('CASE_OPEN', '本省已有学校为该学生提交了跨省转入申请，办结或撤销后才能再提交');
    throw error;
  }
  await sendSoon(first.work, (error) => logger.warn('exchange message not sent; the sweeper will send it', { changeId: change.changeId, error: error.name }));
  return change;
}
