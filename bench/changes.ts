// A cross-county transfer (转学) end to end over HTTP against the raw DynamoDB and SQS operations
// it needs, behind the same gateway with the same `jwt` auth, measured in the same run:
//   the API   POST /v1/changes (registrar-yx-dongfeng, the receiving school), then POST
//             /v1/changes/{id}/approve by yuexiu-admin, registrar-th-shiyan and tianhe-admin in
//             turn; each approval is answered at once and the queue opens the next step (on the
//             last one it moves the record), so the approver polls GET /v1/changes/{id} until it has
//   raw       the same client sequence against bench/fixtures/raw-changes.ts (each HTTP step's
//             raw operations) and its FIFO queue, consumed by raw-change-steps.ts (each queue
//             hop's raw operations) under the same local poller as the real consumer
// Latency: one transfer at a time, filing until the case is approved (and so the record is in
// its new school: the same transaction), median per flow; rounds alternate which flow goes first.
// Throughput: `atOnce` transfers started together, cases per second until the last is done.
// Every transfer's record is then read through the API: in the new school, or the bench fails.
import type { RunningStack } from '#local/child-stack.ts';
import { checkCharacter } from '#shared/domain/id-number.ts';
import { percentile } from './load.ts';

export interface ChangesOptions {
  /** Latency rounds (each flow `perRound` transfers per round); throughput runs ceil(rounds / 2). */
  rounds: number;
  perRound: number;
  /** Transfers started together in a throughput round. */
  atOnce: number;
  /** Enrolment requests in flight while the students are made. */
  concurrency: number;
}

const FROM_CLASS = '2144010601-G2026-C02';
const TO_CLASSES = ['2144010401-G2026-C01', '2144010401-G2026-C02'];
const TO_SCHOOL = '2144010401';
const APPLICANT = 'registrar-yx-dongfeng';
const APPROVERS = ['yuexiu-admin', 'registrar-th-shiyan', 'tianhe-admin'];
/** Everyone the bench signs in as: the parties (registrar-th-shiyan also enrols the students). */
const PARTIES = [APPLICANT, ...APPROVERS];
/**
 * How an approver waits for the queue to move the case on: every 5 ms when one transfer runs
 * alone; with many at once from 20 ms on, each wait half as long again, up to 1 s (the web app
 * polls every 600 ms), so the polls do not crowd out the work they wait for.
 */
interface Polling {
  first: number;
  max: number;
}
const POLL: Record<'alone' | 'busy', Polling> = { alone: { first: 5, max: 5 }, busy: { first: 20, max: 1000 } };
/** How long one queue hop may take before the transfer counts as failed. */
const HOP_TIMEOUT_MS = 60_000;

interface Flow {
  name: 'raw' | 'api';
  label: string;
  base: string;
}
const FLOWS: Flow[] = [
  { name: 'raw', label: 'raw operations', base: '/v1/bench/raw' },
  { name: 'api', label: 'HTTP API', base: '/v1' },
];

interface Student {
  studentId: string;
  nationalStudentNo: string;
  name: string;
  toClassId: string;
}

interface Case {
  changeId: string;
  status: string;
  currentStep: number;
  /** When the queue's consumer took up a step (it stamps the step it opens, or the completion). */
  steps: { startedAt?: string }[];
  completedAt?: string;
}

/** Where one transfer's time went, in ms. */
interface Timing {
  total: number;
  filing: number;
  /** The three approvals' HTTP requests. */
  approvals: number;
  /** From each approval's answer until the approver saw the case moved on (queue hop plus polling). */
  hops: number;
  /** Of the hops, until the consumer had received the step's message and read the case. */
  queued: number;
  /** GET requests of the case while waiting. */
  polls: number;
}

const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

// Valid, unique ID numbers from a district no demo data, test or other bench uses; two guardians
// each, with ID numbers, as most records have (their lookup items move with the record).
let serial = 0;
function idNumber(region: string, birth: Date, sequence: number): string {
  const first17 = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return `${first17}${checkCharacter(first17)}`;
}
function benchStudent(): Record<string, unknown> {
  serial += 1;
  const birth = new Date(Date.UTC(2019, 8, 1) + (serial % 365) * 86_400_000);
  const id = idNumber('440114', birth, 1 + 2 * Math.floor(serial / 365));
  const parent = (year: number, sequence: number) => idNumber('440114', new Date(Date.UTC(year, 0, 1) + (serial % 365) * 86_400_000), sequence);
  return {
    name: '转学压测', gender: '1', birthDate: birth.toISOString().slice(0, 10), birthplace: '440106001000', nativePlace: '440100', ethnicity: '01', nationality: 'CHN',
    idType: '1', idNumber: id, overseasChinese: '00', health: '10', householdRegion: '440106', householdType: '2',
    classId: FROM_CLASS, enrolledOn: '2026-09', admissionMode: '11', attendanceMode: '1',
    currentAddress: '广州市天河区', mailingAddress: '广州市天河区', homeAddress: '广州市天河区', phone: '13800138000', postcode: '510000',
    onlyChild: '1', preschool: '1', extra: {},
    guardians: [
      { name: '转学家长', relation: '父亲', isGuardian: '1', idType: '1', idNumber: parent(1988, 1 + 2 * Math.floor(serial / 365)), phone: '13900139000' },
      { name: '转学家长', relation: '母亲', isGuardian: '1', idType: '1', idNumber: parent(1989, 2 + 2 * Math.floor(serial / 365)), phone: '13800138001' },
    ],
  };
}

class Client {
  private readonly url: string;
  private readonly tokens: Map<string, string>;

  constructor(url: string, tokens: Map<string, string>) {
    this.url = url;
    this.tokens = tokens;
  }

  async send<T>(user: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.tokens.get(user)!}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!(response.headers.get('content-type') ?? '').includes('json')) throw new Error(`${method} ${path} as ${user}: ${response.status} ${response.headers.get('content-type') ?? ''} ${text.slice(0, 100)}`);
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async expect<T>(status: number, user: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const reply = await this.send<T>(user, method, path, body);
    if (reply.status !== status) throw new Error(`${method} ${path} as ${user}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
    return reply.body;
  }
}

/** Files a transfer and has each party approve as soon as its step is current; the case's timing. */
async function transfer(client: Client, flow: Flow, student: Student, polling: Polling): Promise<Timing> {
  const started = process.hrtime.bigint();
  const body = { type: 'transfer', nationalStudentNo: student.nationalStudentNo, name: student.name, toClassId: student.toClassId, reason: '随父母工作调动' };
  let change = await client.expect<Case>(201, APPLICANT, 'POST', `${flow.base}/changes`, body);
  const filing = ms(started);
  let approvals = 0;
  let hops = 0;
  let polls = 0;
  let queued = 0;
  for (const [step, approver] of APPROVERS.entries()) {
    const asked = process.hrtime.bigint();
    await client.expect<Case>(200, approver, 'POST', `${flow.base}/changes/${change.changeId}/approve`, { comment: '同意' });
    approvals += ms(asked);
    const answered = process.hrtime.bigint();
    const answeredAt = Date.now();
    for (let wait = polling.first; ; wait = Math.min(polling.max, wait * 1.5)) {
      await sleep(wait);
      polls += 1;
      change = await client.expect<Case>(200, approver, 'GET', `${flow.base}/changes/${change.changeId}`);
      if (change.currentStep > step || change.status !== 'pending') break;
      if (ms(answered) > HOP_TIMEOUT_MS) throw new Error(`${flow.name} case ${change.changeId}: step ${step} still current after ${HOP_TIMEOUT_MS / 1000} s`);
    }
    hops += ms(answered);
    // The consumer's clock is this machine's: how long the step waited for the queue's poller
    // (and the consumer's read of the case) before it was taken up.
    const takenUp = step + 1 < APPROVERS.length ? change.steps[step + 1]?.startedAt : change.completedAt;
    queued += Date.parse(takenUp ?? '') - answeredAt;
  }
  if (change.status !== 'approved') throw new Error(`${flow.name} case ${change.changeId} ended ${change.status}`);
  return { total: ms(started), filing, approvals, hops, queued, polls };
}

/** Runs `count` tasks, at most `concurrency` at a time; the failures' messages. */
async function pool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<string[]> {
  let next = 0;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: Math.min(count, concurrency) }, async () => {
      while (next < count) {
        const index = next++;
        await task(index).catch((error: unknown) => failures.push(error instanceof Error ? error.message : String(error)));
      }
    }),
  );
  return failures;
}

const median = (values: number[]) => percentile(values, 50);

export async function changesBench(stack: RunningStack, login: (username: string) => Promise<string>, options: ChangesOptions): Promise<void> {
  const tokens = new Map<string, string>();
  for (const user of new Set(PARTIES)) tokens.set(user, await login(user));
  const client = new Client(stack.url, tokens);
  const throughputRounds = Math.max(1, Math.ceil(options.rounds / 2));
  const needed = 2 * (1 + options.rounds * options.perRound + throughputRounds * options.atOnce);

  // The students: enrolled through the API into a Tianhe class, each transferred once.
  const students: Student[] = [];
  const enrolStarted = process.hrtime.bigint();
  const enrolFailures = await pool(needed, options.concurrency, async (index) => {
    const created = await client.expect<Student>(201, 'registrar-th-shiyan', 'POST', '/v1/students', benchStudent());
    students.push({ studentId: created.studentId, nationalStudentNo: created.nationalStudentNo, name: created.name, toClassId: TO_CLASSES[index % TO_CLASSES.length]! });
  });
  if (enrolFailures.length > 0) throw new Error(`bench changes: ${enrolFailures.length} of ${needed} enrolments failed: ${enrolFailures[0]}`);
  const enrolSeconds = ms(enrolStarted) / 1000;
  const take = (count: number) => students.splice(0, count);
  const moved: Student[] = [];
  const failures: string[] = [];

  // Warm-up: one transfer each (module loads, caches, the consumers' first batches).
  for (const flow of FLOWS) {
    const [student] = take(1);
    await transfer(client, flow, student!, POLL.alone);
    moved.push(student!);
  }

  // Latency: one transfer at a time.
  const latency = new Map<Flow['name'], Timing[]>(FLOWS.map((flow) => [flow.name, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    for (let i = 0; i < FLOWS.length; i += 1) {
      const flow = FLOWS[(round + i) % FLOWS.length]!;
      for (const student of take(options.perRound)) {
        try {
          latency.get(flow.name)!.push(await transfer(client, flow, student, POLL.alone));
          moved.push(student);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }
  }

  // Throughput: `atOnce` transfers started together.
  const throughput = new Map<Flow['name'], { seconds: number; failures: number; timings: Timing[] }>(FLOWS.map((flow) => [flow.name, { seconds: 0, failures: 0, timings: [] }]));
  for (let round = 0; round < throughputRounds; round += 1) {
    for (let i = 0; i < FLOWS.length; i += 1) {
      const flow = FLOWS[(round + i) % FLOWS.length]!;
      const batch = take(options.atOnce);
      const result = throughput.get(flow.name)!;
      const started = process.hrtime.bigint();
      const settled = await Promise.allSettled(batch.map((student) => transfer(client, flow, student, POLL.busy)));
      result.seconds += ms(started) / 1000;
      settled.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled') {
          result.timings.push(outcome.value);
          moved.push(batch[index]!);
        } else {
          result.failures += 1;
          failures.push(outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason));
        }
      });
    }
  }

  // Every approved transfer moved its record: read through the API by the new school.
  const notMoved = await pool(moved.length, options.concurrency, async (index) => {
    const student = moved[index]!;
    const record = await client.expect<{ schoolId: string; classId: string }>(200, APPLICANT, 'GET', `/v1/students/${student.studentId}`);
    if (record.schoolId !== TO_SCHOOL || record.classId !== student.toClassId) throw new Error(`record ${student.studentId} is in ${record.classId}, not ${student.toClassId}`);
  });
  failures.push(...notMoved);

  const summary = (timings: Timing[]) => ({
    total: median(timings.map((t) => t.total)),
    p90: percentile(timings.map((t) => t.total), 90),
    filing: median(timings.map((t) => t.filing)),
    approvals: median(timings.map((t) => t.approvals)),
    hops: median(timings.map((t) => t.hops)),
    queued: median(timings.map((t) => t.queued)),
    polls: median(timings.map((t) => t.polls)),
  });
  const table = (of: (flow: Flow) => Timing[], extra: (flow: Flow) => string) => {
    console.log(`  ${''.padEnd(16)}${'total'.padStart(9)}${'p90'.padStart(9)}${'filing'.padStart(9)}${'approvals'.padStart(11)}${'hops'.padStart(9)}${'queued'.padStart(9)}${'polls'.padStart(7)}`);
    for (const flow of FLOWS) {
      const s = summary(of(flow));
      const f = (value: number, width = 9) => value.toFixed(0).padStart(width);
      console.log(`  ${flow.label.padEnd(16)}${f(s.total)}${f(s.p90)}${f(s.filing)}${f(s.approvals, 11)}${f(s.hops)}${f(s.queued)}${f(s.polls, 7)}${extra(flow)}`);
    }
  };
  const [raw, api] = [summary(latency.get('raw')!), summary(latency.get('api')!)];
  const rate = (name: Flow['name']) => throughput.get(name)!.timings.length / throughput.get(name)!.seconds;

  console.log(`\nbench changes: a cross-county transfer over HTTP (filed by the receiving school; approved by 越秀区, the sending school, 天河区),`);
  console.log(`  against the raw DynamoDB and SQS calls of each step behind the same gateway and \`jwt\` auth, with the same items:`);
  console.log(`    filing    GetItem national number, record, 6 orgs; TransactWriteItems of 8`);
  console.log(`    approval  GetItem case; TransactWriteItems of 4; SendMessage to a bench FIFO queue`);
  console.log(`    queue hop a bench consumer under the same local poller: receive; GetItem case; TransactWriteItems of 5; delete`);
  console.log(`              (the last: GetItem case and record; TransactWriteItems of 12, the record moved with its lookup items)`);
  console.log(`  ${needed} students enrolled through the API first (${(needed / enrolSeconds).toFixed(0)}/s); afterwards every moved record read through the API`);
  console.log(`  per transfer, medians in ms: total (p90), filing, the 3 approvals' requests, the 3 hops (approval answered → approver sees`);
  console.log(`  the case moved on), of which queued (until the consumer had the message and had read the case), GETs polled`);
  console.log(`  latency, one transfer at a time: ${options.rounds} rounds × ${options.perRound} per flow, order alternated, polling every ${POLL.alone.first} ms`);
  table((flow) => latency.get(flow.name)!, () => '');
  const ratio = (key: keyof typeof raw) => (api[key] / raw[key]).toFixed(2);
  console.log(`  ratio HTTP ÷ raw: latency ×${ratio('total')}   (filing ×${ratio('filing')}, approvals ×${ratio('approvals')}, hops ×${ratio('hops')}, queued ×${ratio('queued')})`);
  console.log(`  throughput, ${options.atOnce} transfers at once: ${throughputRounds} rounds per flow, order alternated, polls from ${POLL.busy.first} ms, ×1.5 each, up to ${POLL.busy.max} ms`);
  table(
    (flow) => throughput.get(flow.name)!.timings,
    (flow) => `${rate(flow.name).toFixed(1).padStart(9)} cases/s   failures ${throughput.get(flow.name)!.failures}`,
  );
  console.log(`  ratio HTTP ÷ raw: throughput ×${(rate('api') / rate('raw')).toFixed(2)}`);
  if (failures.length > 0) {
    console.log(`  failures: ${failures.length}; first: ${failures.slice(0, 3).join(' | ')}`);
    process.exitCode = 1;
  }
}
