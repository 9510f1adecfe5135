// The pure rules of a transfer across provinces (跨省转学): the chain split between the two
// deployments, the case on each side with the other side's steps shown but never decided here,
// the case ended by the other side's word, and what the packets carry (least data).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance, approve, cancel, endByPeer, openCase, openSendingCase, reject, remotePlaceholder, reportSteps, visibleTo, waitsForRemote, withReportedSteps, type Actor, type ReportedStep, type StatusChange, type Timing } from '#shared/domain/changes/case.ts';
import { DEFAULT_CHANGE_RULES, otherProvinceChainProblem, planOwnSide } from '#shared/domain/changes/chains.ts';
import { changeRulesFrom } from '#shared/domain/changes/rules-config.ts';
import { contribution } from '#shared/domain/stats/contribution.ts';
import {
  KEPT_FIELDS,
  MAX_RELEASED_HISTORY,
  RELEASED_FIELDS,
  releasedHistory,
  releasedRecord,
  TransferReleaseSecretSchema,
  TransferRequestSecretSchema,
} from '#shared/domain/exchange/transfer.ts';
import { DEFAULT_RETRY, deliveryNote, EXCHANGE_MAX_RECEIVES, refusalIsTransient, retryDelaySeconds, retrySettingsFrom, retryWindowSeconds } from '#shared/domain/exchange/delivery.ts';
import { NewStudentSchema } from '#shared/domain/student-record.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import * as z from 'zod/mini';

const timing: Timing = { now: '2025-09-01T02:00:00Z', stepDays: 10, calendar: {} };
const later: Timing = { ...timing, now: '2025-09-03T02:00:00Z' };
const actorOf = (orgId: string): Actor => ({ userId: `u-${orgId}`, displayName: orgId, orgId });

// The receiving deployment (广东, 440000) and the sending one (江苏, 320000).
const GD_CLASS = '/440000/440100/440104/S9/S9-G2025/S9-G2025-C01';
const JS_CLASS = '/320000/320100/320102/J1/J1-G2025/J1-G2025-C01';
const chain = DEFAULT_CHANGE_RULES.chains['transfer.otherProvince'];

function receivingCase(): StatusChange {
  const { own, other } = planOwnSide(chain, 'receiving', GD_CLASS);
  return openCase(
    {
      changeId: 'gd1',
      type: 'transfer',
      chain: 'transfer.otherProvince',
      studentId: 'new-1',
      studentName: '王小明',
      schoolId: 'S9',
      applicant: { userId: 'u-S9', displayName: 'S9', orgId: 'S9', orgPath: '/440000/440100/440104/S9', orgName: 'S9' },
      request: {},
      remote: { province: '320000', side: 'receiving' },
    },
    [...own.map((step) => ({ ...step, orgName: step.orgId })), ...other.map((party) => remotePlaceholder(party, '320000', '江苏省'))],
    timing,
  );
}

const gdSteps: ReportedStep[] = [{ role: 'county_admin', orgId: '440104', orgName: '越秀区', status: 'approved', at: timing.now }];

function sendingCase(): StatusChange {
  const { own } = planOwnSide(chain, 'sending', JS_CLASS);
  return openSendingCase(
    {
      changeId: 'js1',
      type: 'transfer',
      chain: 'transfer.otherProvince',
      studentId: 's-js',
      studentName: '王小明',
      schoolId: 'J1',
      applicant: { userId: 'exchange:440000', displayName: '广东省 S9', orgId: 'S9', orgPath: '', orgName: '广东省 S9' },
      request: {},
      remote: { province: '440000', side: 'sending', peerCaseRef: 'gd1' },
    },
    gdSteps,
    own.map((step) => ({ ...step, orgName: step.orgId })),
    { role: 'school_registrar', orgId: 'S9', orgName: '广州市越秀区东风路小学' },
    timing,
  );
}

describe('the chain of a transfer from another province', () => {
  it('puts the receiving parties here, first, and the sending parties there', () => {
    expect(otherProvinceChainProblem(chain)).toBeUndefined();
    const receiving = planOwnSide(chain, 'receiving', GD_CLASS);
    expect(receiving.own.map((step) => [step.party, step.orgId, step.role])).toEqual([['receivingCounty', '440104', 'county_admin']]);
    expect(receiving.other).toEqual(['sendingSchool', 'sendingCounty']);
    const sending = planOwnSide(chain, 'sending', JS_CLASS);
    expect(sending.own.map((step) => [step.party, step.orgId])).toEqual([
      ['sendingSchool', 'J1'],
      ['sendingCounty', '320102'],
    ]);
  });

  it('takes the provinces as parties when a deployment names them, and refuses a chain in the wrong order', () => {
    const rules = changeRulesFrom(JSON.stringify({ chains: { 'transfer.otherProvince': { applicant: 'receivingSchool', steps: ['receivingCounty', 'receivingProvince', 'sendingSchool', 'sendingCounty', 'sendingProvince'] } } }));
    const { own } = planOwnSide(rules.chains['transfer.otherProvince'], 'receiving', GD_CLASS);
    expect(own.map((step) => [step.orgId, step.role])).toEqual([
      ['440104', 'county_admin'],
      ['440000', 'province_admin'],
    ]);
    expect(planOwnSide(rules.chains['transfer.otherProvince'], 'sending', JS_CLASS).own.map((step) => step.orgId)).toEqual(['J1', '320102', '320000']);
    expect(() => changeRulesFrom(JSON.stringify({ chains: { 'transfer.otherProvince': { applicant: 'receivingSchool', steps: ['sendingSchool', 'receivingCounty'] } } }))).toThrow(/before/);
    expect(() => changeRulesFrom(JSON.stringify({ chains: { 'transfer.otherProvince': { applicant: 'receivingSchool', steps: ['receivingCounty'] } } }))).toThrow(/sending party/);
    expect(() => changeRulesFrom(JSON.stringify({ chains: { 'transfer.otherProvince': { applicant: 'sendingSchool', steps: ['sendingCounty'] } } }))).toThrow(/receivingSchool/);
  });
});

describe('the receiving side’s case', () => {
  it('shows the other side’s steps, which nobody here decides and nobody here sees', () => {
    const change = receivingCase();
    expect(change.steps.map((step) => [step.orgName, step.status, step.remote ?? null])).toEqual([
      ['440104', 'current', null],
      ['江苏省 转出学校', 'waiting', '320000'],
      ['江苏省 转出地教育局', 'waiting', '320000'],
    ]);
    // The other province's code is not an organisation here.
    expect(approve(change, actorOf('320000'), timing.now)).toEqual({ ok: false, refusal: 'NOT_PARTY' });
    expect(visibleTo(change, '/320000')).toBe(false);
    expect([...contribution({ itemType: 'change', ...change }).keys()]).toEqual(['440000', '440100', '440104', 'S9']);
  });

  it('waits for the other side once its own steps are approved: the remote step is current, without a deadline here', () => {
    const move = approve(receivingCase(), actorOf('440104'), timing.now);
    if (!move.ok) throw new Error(move.refusal);
    const waiting = advance(move.change, 0, later)!;
    expect(waitsForRemote(waiting)).toBe(true);
    expect(waiting.steps[1]).toMatchObject({ status: 'current', startedAt: later.now, remote: '320000' });
    expect(waiting.steps[1]).not.toHaveProperty('dueBy');
    expect(approve(waiting, actorOf('320000'), later.now)).toEqual({ ok: false, refusal: 'NOT_PARTY' });
    // Still the applicant's to withdraw.
    expect(cancel(waiting, actorOf('S9'), later.now).ok).toBe(true);
  });

  it('completes with the sending side’s steps as reported, or ends with its reason', () => {
    const move = approve(receivingCase(), actorOf('440104'), timing.now);
    if (!move.ok) throw new Error(move.refusal);
    const waiting = advance(move.change, 0, later)!;
    const jsSteps: ReportedStep[] = [
      { role: 'school_registrar', orgId: 'J1', orgName: '南京市玄武区实验小学', status: 'approved', at: later.now },
      { role: 'county_admin', orgId: '320102', orgName: '玄武区', status: 'approved', at: later.now },
    ];
    const done = endByPeer(withReportedSteps(waiting, jsSteps), { status: 'approved' }, later.now)!;
    expect(done.status).toBe('approved');
    expect(done.steps.map((step) => [step.orgName, step.status])).toEqual([
      ['440104', 'approved'],
      ['南京市玄武区实验小学', 'approved'],
      ['玄武区', 'approved'],
    ]);
    expect(endByPeer(done, { status: 'approved' }, later.now)).toBeUndefined();

    const refused = [jsSteps[0]!, { ...jsSteps[1]!, status: 'rejected' as const, comment: '学籍信息有误' }];
    const rejected = endByPeer(withReportedSteps(waiting, refused), { status: 'rejected', reason: '学籍信息有误' }, later.now)!;
    expect(rejected).toMatchObject({ status: 'rejected', endReason: '学籍信息有误', currentStep: 2 });
    expect(rejected.steps[2]).toMatchObject({ status: 'rejected', comment: '学籍信息有误', orgName: '玄武区' });

    // Refused before any case was opened there (the student not found): the first remote step takes the reason.
    const notFound = endByPeer(waiting, { status: 'rejected', reason: '未找到该学生' }, later.now)!;
    expect(notFound.steps.map((step) => step.status)).toEqual(['approved', 'rejected', 'skipped']);
    expect(notFound.steps[1]!.comment).toBe('未找到该学生');
  });
});

describe('the sending side’s case', () => {
  it('opens at its own first step, after the receiving side’s decided steps, and ends with the receiving school taking the record', () => {
    const change = sendingCase();
    expect(change.currentStep).toBe(1);
    expect(change.steps.map((step) => [step.orgId, step.status, step.remote ?? null])).toEqual([
      ['440104', 'approved', '440000'],
      ['J1', 'current', null],
      ['320102', 'waiting', null],
      ['S9', 'waiting', '440000'],
    ]);
    expect(change.steps[1]!.dueBy).toBe('2025-09-15');
    expect(visibleTo(change, '/320000/320100/320102/J1')).toBe(true);
    expect(visibleTo(change, '/320000/320100/320102')).toBe(true);
    // Nobody here withdraws it: the applicant is in the other deployment.
    for (const org of ['S9', 'J1', '320102']) expect(cancel(change, actorOf(org), timing.now).ok).toBe(false);
    expect(reportSteps(change).map((step) => step.orgId)).toEqual(['J1', '320102']);
    expect(JSON.stringify(reportSteps(change))).not.toMatch(/u-|orgPath|by/);
  });

  it('ends when the receiving side withdraws, whichever of its own steps is current', () => {
    const ended = endByPeer(sendingCase(), { status: 'cancelled', reason: '转入学校已撤销申请' }, later.now)!;
    expect(ended).toMatchObject({ status: 'cancelled', endReason: '转入学校已撤销申请', completedAt: later.now });
    expect(ended.steps.map((step) => step.status)).toEqual(['approved', 'skipped', 'skipped', 'skipped']);
  });

  it('keeps its invariants whatever the parties and the other side do, in any order', () => {
    type Act = { kind: 'approve' | 'reject'; org: string } | { kind: 'advance'; step: number } | { kind: 'peer'; status: 'approved' | 'rejected' | 'cancelled' };
    const act: fc.Arbitrary<Act> = fc.oneof(
      fc.record({ kind: fc.constantFrom('approve' as const, 'reject' as const), org: fc.constantFrom('J1', '320102', 'S9', '440104') }),
      fc.record({ kind: fc.constant('advance' as const), step: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('peer' as const), status: fc.constantFrom('approved' as const, 'rejected' as const, 'cancelled' as const) }),
    );
    fc.assert(
      fc.property(fc.array(act, { maxLength: 25 }), (acts) => {
        let change = sendingCase();
        for (const next of acts) {
          const before = change;
          if (next.kind === 'advance') change = advance(change, next.step, timing) ?? change;
          else if (next.kind === 'peer') {
            // The receiving side confirms only a release, which leaves once this side's own steps are done.
            if (next.status !== 'approved' || waitsForRemote(change)) change = endByPeer(change, next.status === 'approved' ? { status: 'approved' } : { status: next.status, reason: '对方退回' }, timing.now) ?? change;
          } else {
            const move = next.kind === 'approve' ? approve(change, actorOf(next.org), timing.now) : reject(change, actorOf(next.org), timing.now, '不同意');
            if (move.ok) change = move.change;
          }
          if (before.status !== 'pending') expect(change).toBe(before);
          expect(change.steps.filter((step) => step.status === 'current').length).toBeLessThanOrEqual(1);
          // Only this side's steps are ever decided here by a person.
          for (const step of change.steps) if (step.remote && step.by) throw new Error('a remote step decided here');
          if (change.status === 'approved') expect(change.steps.every((step) => step.status === 'approved')).toBe(true);
          expect(change.status === 'pending').toBe(change.completedAt === undefined);
        }
      }),
    );
  });
});

describe('what a release carries', () => {
  const record = {
    studentId: 'internal-id',
    nationalStudentNo: 'G320102201503070016',
    name: '王小明',
    gender: '1',
    birthDate: '2015-03-07',
    idType: '1',
    idNumber: '320102201503070016',
    classId: 'J1-G2025-C01',
    schoolId: 'J1',
    orgPath: JS_CLASS,
    provincialNo: 'JS-0001',
    classSeatNo: '07',
    extra: { jsField: 'x' },
    phone: '13912345678',
    guardians: [{ name: '王大明', relation: '父亲', isGuardian: '1' }],
    version: 7,
  } as unknown as StudentRecord;

  it('takes the national form’s fields and the national number, nothing of the sending deployment', () => {
    const released = releasedRecord(record);
    expect(released).toEqual({ nationalStudentNo: 'G320102201503070016', name: '王小明', gender: '1', birthDate: '2015-03-07', idType: '1', idNumber: '320102201503070016', phone: '13912345678', guardians: record.guardians });
    // Every field of the form is either carried or explicitly the sender's own.
    const formFields = Object.keys(NewStudentSchema().shape).sort();
    expect([...RELEASED_FIELDS, ...KEPT_FIELDS].sort()).toEqual(formFields);
  });

  it('takes the history’s when, what and why, with the form’s fields only and no person', () => {
    const history = releasedHistory(
      Array.from({ length: 60 }, (_, index) => ({
        at: new Date(Date.UTC(2025, 0, 1) + index * 1000).toISOString(),
        action: 'update',
        actor: { displayName: '张老师' },
        changes: [
          { field: 'phone', old: '1', new: '2' },
          { field: 'schoolId', old: 'A', new: 'B' },
        ],
        reason: '家长申请',
      })),
    );
    expect(history).toHaveLength(MAX_RELEASED_HISTORY);
    expect(history[0]).toEqual({ at: '2025-01-01T00:00:00.000Z', action: 'update', changes: [{ field: 'phone', old: '1', new: '2' }], reason: '家长申请' });
    expect(z.safeParse(TransferReleaseSecretSchema(), { record: releasedRecord(record), history, steps: [] }).success).toBe(true);
  });

  it('asks for a student by a national number and a name only', () => {
    expect(z.safeParse(TransferRequestSecretSchema(), { nationalStudentNo: 'G320102201503070016', name: '王小明', reason: '随父母工作调动', steps: gdSteps }).success).toBe(true);
    expect(z.safeParse(TransferRequestSecretSchema(), { nationalStudentNo: 'G320102201503070016', name: '王小明', reason: '', steps: [], idNumber: '320102201503070016' }).success).toBe(false);
  });
});

describe('delivery to the other deployment', () => {
  it('waits longer after each failed attempt, up to an hour, so the retries span about a day', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((attempt) => retryDelaySeconds(attempt))).toEqual([30, 60, 120, 240, 1920, 3600, 3600]);
    const window = retryWindowSeconds(DEFAULT_RETRY, EXCHANGE_MAX_RECEIVES);
    expect(window).toBeGreaterThan(20 * 3600);
    expect(window).toBeLessThan(30 * 3600);
    // The packet outlives the window: a retry near its end still sends a valid packet.
    expect(window).toBeLessThan(72 * 3600);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (attempt) => retryDelaySeconds(attempt + 1) >= retryDelaySeconds(attempt) && retryDelaySeconds(attempt) <= 3600));
  });

  it('takes shorter waits from the environment (the tests), never beyond what SQS allows', () => {
    expect(retrySettingsFrom({ EXCHANGE_RETRY_BASE_SECONDS: '1', EXCHANGE_RETRY_MAX_SECONDS: '2' })).toEqual({ baseSeconds: 1, maxSeconds: 2 });
    expect(retrySettingsFrom({ EXCHANGE_RETRY_MAX_SECONDS: '999999' }).maxSeconds).toBe(12 * 3600);
    expect(retrySettingsFrom({ EXCHANGE_RETRY_BASE_SECONDS: 'soon' })).toEqual(DEFAULT_RETRY);
  });

  it('tries again while the peer is down or not ready, and gives up on what it will refuse again', () => {
    expect(refusalIsTransient(503, 'EXCHANGE_NOT_CONFIGURED')).toBe(true);
    expect(refusalIsTransient(502, undefined)).toBe(true);
    expect(refusalIsTransient(400, 'UNKNOWN_PEER')).toBe(true);
    expect(refusalIsTransient(401, 'BAD_SIGNATURE')).toBe(true);
    for (const code of ['MALFORMED', 'NOT_FOR_US', 'EXPIRED']) expect(refusalIsTransient(400, code), code).toBe(false);
    expect(refusalIsTransient(409, 'REPLAYED')).toBe(false);
  });

  it('says on the case where its packet is', () => {
    const delivery = { state: 'pending' as const, packetId: 'p', kind: 'transferRequest', since: timing.now };
    expect(deliveryNote(delivery, true)).toBe('正在发送至对方省份');
    expect(deliveryNote({ ...delivery, attempts: 3 }, true)).toBe('等待对方省份响应');
    expect(deliveryNote({ ...delivery, state: 'delivered' }, true)).toBe('已送达对方省份，等待对方办理');
    expect(deliveryNote({ ...delivery, state: 'delivered' }, false)).toBeUndefined();
    expect(deliveryNote({ ...delivery, state: 'failed' }, true)).toMatch(/死信队列/);
  });
});

describe('who sees a case that ended', () => {
  it('the party whose step was current when it was withdrawn still sees it; a party never reached does not', () => {
    const ended = endByPeer(sendingCase(), { status: 'cancelled', reason: '转入学校已撤销申请' }, later.now)!;
    expect(visibleTo(ended, '/320000/320100/320102/J1')).toBe(true);
    const { own } = planOwnSide(chain, 'sending', JS_CLASS);
    expect(own[1]!.orgPath).toBe('/320000/320100/320102');
    // The county's step was never reached: only its place above the school lets it see the case.
    expect(ended.steps[2]).toMatchObject({ status: 'skipped' });
    expect(ended.steps[2]).not.toHaveProperty('startedAt');
  });
});
