// 问题学籍, the browser's side (docs/api-guide.md "Data quality"): the caller's queue (a school's
// registrar its school's, a county its county's), what each way of settling a problem asks first,
// and the problem's evidence files, uploaded as a case's are (../changes/evidence.ts).
import { addProblemEvidenceRoute, listProblemEvidenceRoute, listProblemsRoute } from '#shared/api/problems.ts';
import type { EvidenceType } from '#shared/domain/changes/evidence.ts';
import type { ProblemKind, ProblemStatus, Resolution } from '#shared/domain/problems/kinds.ts';
import { request, type ResponseOf } from '../../api/client.ts';
import type { Me } from '../../auth/session.tsx';

export type Queue = ResponseOf<typeof listProblemsRoute>;
export type Problem = Queue['items'][number];
export type ProblemStudent = Problem['students'][number];
export type ProblemFile = ResponseOf<typeof listProblemEvidenceRoute>['items'][number];

/** The roles with a queue of their own: the school's registrar and the county; they settle problems too. */
export const hasQueue = (me: Me): boolean => me.role === 'school_registrar' || me.role === 'county_admin';

export const problemsKey = ['problems'] as const;
export const queueKey = (orgId: string, status: ProblemStatus, kind: ProblemKind | undefined) => [...problemsKey, orgId, status, kind ?? 'all'];
export const evidenceKey = (problemId: string) => [...problemsKey, 'evidence', problemId];

export const PAGE = 20;

export async function queuePage(orgId: string, status: ProblemStatus, kind: ProblemKind | undefined, cursor: string | undefined): Promise<Queue> {
  return (await request(listProblemsRoute, { query: { orgId, status, kind, limit: PAGE, cursor } })).data;
}

export const listFiles = async (problemId: string) => (await request(listProblemEvidenceRoute, { params: { problemId } })).data.items;

export async function openSlot(problemId: string, file: File, contentType: EvidenceType) {
  return (await request(addProblemEvidenceRoute, { params: { problemId }, body: { fileName: file.name, contentType, size: file.size } })).data;
}

/** Whether the caller may open a record of the problem: its own school's, or its county's (the other side of a cross-county duplicate is not). */
export const ownRecord = (me: Me, student: ProblemStudent): boolean => student.schoolId === me.orgId || student.countyId === me.orgId;

/** Each way of settling, and what must be true first, in words. */
export const RESOLUTION_TEXT: Record<Resolution, { label: string; help: string }> = {
  corrected: { label: '已更正', help: '学籍已更正，不再有这个问题。姓名、性别、出生日期、身份证件号是关键信息，须先在学籍档案中办理关键信息变更，审批通过后再选此项。' },
  deleted: { label: '已删除', help: '错误或重复的学籍已在学籍档案中删除 (写明删除原因)；删除后学校和区县仍可查看。' },
  evidence: { label: '有佐证材料', help: '学籍信息无误：上传户口簿、身份证等扫描件 (JPG、PNG 或 PDF，不超过 2 MB)，核验通过后提交。' },
  notDuplicate: { label: '不是同一人', help: '经核实是两个人 (如双胞胎、同名同生日)。请写明核实的依据；以后的检查不再提示这两条学籍。' },
};
