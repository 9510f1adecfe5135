// Evidence (佐证材料) of a problem record: files that show a record right as it stands (a 户口簿
// or 身份证 scan). They are a case's evidence in all but their owner (shared/domain/changes/
// evidence.ts: types, sizes, limits, the check of the bytes); uploads land under the prefix the
// check listens on, in a folder of their own, and accepted files live apart from a case's.
import { INCOMING_PREFIX, type Evidence } from '../changes/evidence.ts';

/** A problem's file as kept. */
export type ProblemEvidence = Omit<Evidence, 'changeId'> & { problemId: string };

const INCOMING = `${INCOMING_PREFIX}problems/`;

/** Object keys hold ids only, never a file name or anything personal. */
export const problemIncomingKey = (problemId: string, evidenceId: string) => `${INCOMING}${problemId}/${evidenceId}`;
export const problemAcceptedKey = (problemId: string, evidenceId: string) => `problem-evidence/${problemId}/${evidenceId}`;

export function parseProblemIncomingKey(key: string): { problemId: string; evidenceId: string } | undefined {
  const match = /^incoming\/evidence\/problems\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/.exec(key);
  return match ? { problemId: match[1]!, evidenceId: match[2]! } : undefined;
}
