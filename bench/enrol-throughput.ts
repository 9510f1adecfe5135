// Enrolment throughput through the HTTP API against raw TransactWriteItems of the very same
// items (record, national number, person index, ID number, audit entry) on the same local
// DynamoDB, alternating rounds so noise hits both alike. The ratio is the cost of the API path:
// gateway, token, validation, scope reads and the duplicate pre-checks.
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { RunningStack } from '#local/child-stack.ts';
import { useStackDynamo } from './local-env.ts';
import { checkCharacter } from '#shared/domain/id-number.ts';
import { RECORDS_TABLE } from '#shared/manifest/app-manifest.ts';
import type { StudentRecord } from '#shared/domain/student.ts';

let serial = 0;
function benchStudent(): Record<string, unknown> {
  serial += 1;
  const day = new Date(Date.UTC(2012, 0, 1) + (serial % 3000) * 86_400_000).toISOString().slice(0, 10);
  const first17 = `440113${day.replaceAll('-', '')}${String(1 + 2 * Math.floor(serial / 3000)).padStart(3, '0')}`;
  const idNumber = `${first17}${checkCharacter(first17)}`;
  return {
    name: '压测学生', gender: '1', birthDate: day, birthplace: '440106001000', nativePlace: '440100', ethnicity: '01', nationality: 'CHN',
    idType: '1', idNumber, overseasChinese: '00', health: '10', householdRegion: '440106', householdType: '2',
    classId: '2144010601-G2026-C02', enrolledOn: '2026-09', admissionMode: '11', attendanceMode: '1',
    currentAddress: '广州市天河区', mailingAddress: '广州市天河区', homeAddress: '广州市天河区', phone: '13800138000', postcode: '510000',
    onlyChild: '1', preschool: '1', guardians: [], extra: {},
  };
}

async function timed(count: number, concurrency: number, one: () => Promise<boolean>): Promise<{ seconds: number; failures: number }> {
  let issued = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < count) {
        issued += 1;
        if (!(await one())) failures += 1;
      }
    }),
  );
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, failures };
}

export async function enrolThroughput(stack: RunningStack, token: string, options: { rounds: number; perRound: number; concurrency: number }): Promise<void> {
  useStackDynamo(stack);
  const { dynamo } = await import('#shared/data/dynamo-client.ts');
  const { enrolmentWrites } = await import('#shared/data/student-repo.ts');
  const { auditItem } = await import('#shared/data/audit.ts');

  const raw = async () => {
    const fields = benchStudent();
    const now = new Date().toISOString();
    const record = { ...fields, studentId: randomUUID(), nationalStudentNo: `G${fields.idNumber as string}`, schoolId: '2144010601', gradeId: '2144010601-G2026', grade: '2026', countyId: '440106', orgPath: '/440000/440100/440106/2144010601/2144010601-G2026/2144010601-G2026-C02', version: 1, createdAt: now, updatedAt: now } as StudentRecord;
    const audit = auditItem(RECORDS_TABLE, { entity: { type: 'STUDENT', id: record.studentId }, actor: { userId: 'bench', displayName: 'bench', role: 'school_registrar' }, action: 'enrol', changes: Object.entries(fields).map(([field, value]) => ({ field, old: null, new: value })) });
    await dynamo.send(new TransactWriteCommand({ TransactItems: [...enrolmentWrites(record), audit] }));
    return true;
  };
  const api = async () => {
    const response = await fetch(`${stack.url}/v1/students`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(benchStudent()) });
    await response.arrayBuffer();
    return response.status === 201;
  };

  await timed(50, options.concurrency, raw);
  await timed(50, options.concurrency, api);
  const totals = { raw: { seconds: 0, count: 0, failures: 0 }, api: { seconds: 0, count: 0, failures: 0 } };
  for (let round = 0; round < options.rounds; round += 1) {
    for (const [name, one] of [['raw', raw], ['api', api]] as const) {
      const result = await timed(options.perRound, options.concurrency, one);
      totals[name].seconds += result.seconds;
      totals[name].count += options.perRound;
      totals[name].failures += result.failures;
    }
  }
  const rate = (name: 'raw' | 'api') => totals[name].count / totals[name].seconds;
  console.log(`\nbench enrol: POST /v1/students vs raw TransactWriteItems of the same items, same DynamoDB Local (${options.rounds} rounds × ${options.perRound}, concurrency ${options.concurrency})`);
  console.log(`  raw transactions  ${rate('raw').toFixed(1)} records/s  failures ${totals.raw.failures}`);
  console.log(`  HTTP enrolment    ${rate('api').toFixed(1)} records/s  failures ${totals.api.failures}`);
  console.log(`  ratio HTTP ÷ raw: throughput ×${(rate('api') / rate('raw')).toFixed(2)}`);
  if (totals.raw.failures + totals.api.failures > 0) process.exitCode = 1;
}
