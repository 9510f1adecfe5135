// The work of the year-end batches, run by the jobs consumer chunk by chunk (shared/services/jobs/run.ts).
//
// Promotion (升级): plans from the school's grades and classes (shared/domain/year-end.ts), renames
// the moved grades and their classes one level up, each on condition it still has the name the
// plan read, then writes every student on roll in a moved grade a history entry (升级: grade and
// class name, old → new). The record itself does not change: its grade is keyed by the entry year,
// so it keeps its version (and a student's confirmation of it).
//
// Graduation (毕业): every record on roll in the grade becomes `graduated`, under the version read
// (a new version, with a `change.graduation` history entry), unless the student has an open case.
//
// Exactly once per item: a student's write goes into one transaction with the job's done-marker
// for that student, so a chunk run twice finds the marker and only counts the student as done.
import { commitWithAudit, TransactionConflict, type AuditEntry, type TransactItem } from '#shared/data/audit.ts';
import { noOpenCase } from '#shared/data/change-repo.ts';
import { allChildOrgs, forgetOrg, getOrgNow, orgKey } from '#shared/data/directory-repo.ts';
import { isItemDone, itemDonePut } from '#shared/data/job-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { countInClass, getStudent, recordUpdate, studentKey, type RosterRow } from '#shared/data/student-repo.ts';
import type { ChunkOutcome, Job, JobError } from '#shared/domain/jobs.ts';
import { statusOf } from '#shared/domain/student.ts';
import { isOnRoll, ON_ROLL, planPromotion, type GradeInfo } from '#shared/domain/year-end.ts';
import { DIRECTORY_TABLE, RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { CHUNK_ITEMS, rosterChunk, type ItemResult, type RosterCursor } from '../jobs/roster-chunk.ts';
import type { JobWorker } from '../jobs/run.ts';

const actorOf = (job: Job) => ({ userId: job.createdBy.userId, displayName: job.createdBy.displayName, role: job.createdBy.role });
const studentItem = (row: { name: string; studentId: string }) => `${row.name} (${row.studentId})`;
const conditionFailed = (error: unknown, index: number) => error instanceof TransactionConflict && error.reasons[index] === 'ConditionalCheckFailed';

// ---------------------------------------------------------------------------------------------
// Promotion

interface Rename {
  orgId: string;
  from: string;
  to: string;
}

interface PromotionUnit {
  gradeId: string;
  classId: string;
  grade: [from: string, to: string];
  class: [from: string, to: string];
}

interface PromotionState extends RosterCursor {
  renames: Rename[];
  renamed: number;
  units: PromotionUnit[];
}

/** Renames one organisation, on condition it still has the planned name; the same job finding its own rename done counts it done. */
async function rename(job: Job, step: Rename): Promise<ItemResult> {
  const table = tableName(DIRECTORY_TABLE);
  try {
    await commitWithAudit(
      table,
      [
        {
          Update: {
            TableName: table,
            Key: orgKey(step.orgId),
            UpdateExpression: 'SET #name = :to, promotedBy = :job',
            ConditionExpression: '#name = :from',
            ExpressionAttributeNames: { '#name': 'name' },
            ExpressionAttributeValues: { ':to': step.to, ':from': step.from, ':job': job.jobId },
          },
        },
      ],
      { entity: { type: 'ORG', id: step.orgId }, actor: actorOf(job), action: 'org.promote', changes: [{ field: 'name', old: step.from, new: step.to }], reason: '升级' },
    );
    forgetOrg(step.orgId);
    return 'done';
  } catch (error) {
    if (!conditionFailed(error, 0)) throw error;
    const org = await getOrgNow(step.orgId);
    if (org?.name === step.to && org.promotedBy === job.jobId) return 'done';
    return { item: `${step.from} (${step.orgId})`, message: org ? `名称已被改为「${org.name}」，未升级` : '组织机构已不存在，未升级' };
  }
}

/** A history entry for a student still on roll in the grade; the record does not change. */
async function promoteStudent(job: Job, row: RosterRow, unit: PromotionUnit): Promise<ItemResult> {
  if (!isOnRoll(row) || row.gradeId !== unit.gradeId) return 'skipped';
  const table = tableName(RECORDS_TABLE);
  const stillThere: TransactItem = {
    ConditionCheck: {
      TableName: table,
      Key: studentKey(row.studentId),
      ConditionExpression: 'attribute_exists(PK) AND gradeId = :grade AND attribute_not_exists(deleted) AND (attribute_not_exists(#status) OR #status IN (:enrolled, :leave))',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':grade': unit.gradeId, ':enrolled': 'enrolled', ':leave': 'leave' },
    },
  };
  const changes = [{ field: 'gradeName', old: unit.grade[0], new: unit.grade[1] }, ...(unit.class[0] !== unit.class[1] ? [{ field: 'className', old: unit.class[0], new: unit.class[1] }] : [])];
  try {
    await commitWithAudit(table, [stillThere, itemDonePut(job.jobId, row.studentId)], { entity: { type: 'STUDENT', id: row.studentId }, actor: actorOf(job), action: 'change.promotion', changes, reason: '升级' });
    return 'done';
  } catch (error) {
    if (conditionFailed(error, 1)) return 'done';
    // Left the grade, the roll or the registry meanwhile: nothing to write.
    if (conditionFailed(error, 0)) return 'skipped';
    if (error instanceof TransactionConflict) return { item: studentItem(row), message: '记录正被同时修改，未写入升级记录' };
    throw error;
  }
}

async function gradeInfo(grade: { orgId: string; name: string }): Promise<GradeInfo> {
  const classes = (await allChildOrgs(grade.orgId)).filter((org) => org.kind === 'class');
  const counts = await Promise.all(classes.map((cls) => countInClass(cls.orgId, ON_ROLL)));
  return { gradeId: grade.orgId, name: grade.name, classes: classes.map((cls) => ({ classId: cls.orgId, name: cls.name })), onRoll: counts.reduce((sum, count) => sum + count, 0) };
}

export const promotionWorker: JobWorker<PromotionState> = {
  async plan(job) {
    const grades = (await allChildOrgs(job.orgId)).filter((org) => org.kind === 'grade');
    const infos = await Promise.all(grades.map(gradeInfo));
    const plan = planPromotion(infos);
    const renames = plan.moves.flatMap((move) => [{ orgId: move.gradeId, from: move.from, to: move.to }, ...move.classes.filter((cls) => cls.from !== cls.to).map((cls) => ({ orgId: cls.classId, from: cls.from, to: cls.to }))]);
    const units = plan.moves.flatMap((move) => move.classes.map((cls): PromotionUnit => ({ gradeId: move.gradeId, classId: cls.classId, grade: [move.from, move.to], class: [cls.from, cls.to] })));
    const students = infos.filter((info) => plan.moves.some((move) => move.gradeId === info.gradeId)).reduce((sum, info) => sum + info.onRoll, 0);
    const errors = plan.unrecognized.map((grade) => ({ item: `${grade.name} (${grade.gradeId})`, message: '年级名称中没有可识别的年级 (如 一年级、初一、高一)，未升级' }));
    return { total: renames.length + students + errors.length, errors, state: { renames, renamed: 0, units, unit: 0 } };
  },

  async chunk(job, state, budget) {
    if (state.renamed < state.renames.length) {
      // The organisations first (a few dozen): the history entries then say what they became.
      let done = 0;
      const errors: JobError[] = [];
      let renamed = state.renamed;
      while (renamed < state.renames.length && renamed - state.renamed < CHUNK_ITEMS && budget.hasTime()) {
        const result = await rename(job, state.renames[renamed]!);
        if (result === 'done') done += 1;
        else if (result !== 'skipped') errors.push(result);
        renamed += 1;
      }
      return { done, errors, state: { ...state, renamed }, finished: false };
    }
    const step = await rosterChunk(state.units, state, budget, (row, unit) => promoteStudent(job, row, unit));
    const { after: _after, ...rest } = state;
    return { done: step.done, errors: step.errors, state: { ...rest, ...step.cursor }, finished: step.finished } satisfies ChunkOutcome<PromotionState>;
  },

  resultUrl: (job) => `/v1/orgs/${job.orgId}/children`,
};

// ---------------------------------------------------------------------------------------------
// Graduation

interface GraduationState extends RosterCursor {
  gradeId: string;
  units: { classId: string }[];
}

/** The record becomes graduated under the version read, with its history entry, unless the student has an open case. */
async function graduateStudent(job: Job, row: RosterRow, gradeId: string): Promise<ItemResult> {
  const table = tableName(RECORDS_TABLE);
  let record: Pick<RosterRow, 'studentId' | 'name' | 'gradeId' | 'version' | 'status' | 'deleted'> | undefined = row;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (!record || !isOnRoll(record) || record.gradeId !== gradeId) {
      // Graduated already, by this job in an earlier run of the chunk?
      return record?.status === 'graduated' && (await isItemDone(job.jobId, row.studentId)) ? 'done' : 'skipped';
    }
    const now = new Date();
    const entry: AuditEntry = { entity: { type: 'STUDENT', id: row.studentId }, actor: actorOf(job), action: 'change.graduation', changes: [{ field: 'status', old: statusOf(record), new: 'graduated' }], reason: '毕业' };
    try {
      await commitWithAudit(table, [recordUpdate(row.studentId, record.version, { status: 'graduated', updatedAt: now.toISOString() }), itemDonePut(job.jobId, row.studentId, now.getTime()), noOpenCase(row.studentId)], entry);
      return 'done';
    } catch (error) {
      if (conditionFailed(error, 1)) return 'done';
      if (conditionFailed(error, 2)) return { item: studentItem(row), message: '有未办结的学籍异动申请，未毕业' };
      if (!conditionFailed(error, 0)) {
        if (error instanceof TransactionConflict) return { item: studentItem(row), message: '记录正被同时修改，未毕业' };
        throw error;
      }
      // The list's copy was behind, or the record changed meanwhile: read it and decide again.
      record = await getStudent(row.studentId);
    }
  }
  return { item: studentItem(row), message: '记录正被频繁修改，未毕业' };
}

export const graduationWorker: JobWorker<GraduationState> = {
  async plan(job) {
    const gradeId = String(job.request.gradeId);
    const classes = (await allChildOrgs(gradeId)).filter((org) => org.kind === 'class');
    const counts = await Promise.all(classes.map((cls) => countInClass(cls.orgId, ON_ROLL)));
    return { total: counts.reduce((sum, count) => sum + count, 0), errors: [], state: { gradeId, units: classes.map((cls) => ({ classId: cls.orgId })), unit: 0 } };
  },

  async chunk(job, state, budget) {
    const step = await rosterChunk(state.units, state, budget, (row) => graduateStudent(job, row, state.gradeId));
    const { after: _after, ...rest } = state;
    return { done: step.done, errors: step.errors, state: { ...rest, ...step.cursor }, finished: step.finished };
  },

  resultUrl: (job) => `/v1/students?schoolId=${job.orgId}&grade=${String(job.request.gradeId)}&status=graduated`,
};
