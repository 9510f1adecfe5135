// What the packets of a transfer across provinces (跨省转学) carry, and no more (least data): the
// `body` of each packet holds what is not personal (school codes and names, the other case's
// reference), the `secret` (encrypted to the receiver) the rest. Checked with zod on arrival, as
// every boundary is; a packet whose content does not fit is refused by the step that applies it.
//
//   transferRequest    receiving → sending: who is asked for (national number and exact name), the
//                      reason, the receiving school, and the receiving side's steps as decided.
//   transferRelease    sending → receiving: the record's national-form fields and its history, and
//                      the sending side's steps as decided.
//   transferRejection  either way: the case ended there (refused, or withdrawn by the applicant),
//                      with the reason and, when there was a case, its steps.
//   transferAccepted   receiving → sending: the record was taken in; the sending side marks its own
//                      record transferred out.
import * as z from 'zod/mini';
import { ROLES } from '../roles.ts';
import { once } from '../schema-once.ts';
import type { StudentRecord } from '../student.ts';
import { CASE_REF, MAX_PACKET_LIFETIME_HOURS } from './packet.ts';

/** How long a transfer packet stays valid: longer than the sender's retry window (about a day), within the 7-day limit. */
export const TRANSFER_PACKET_LIFETIME_HOURS = Math.min(72, MAX_PACKET_LIFETIME_HOURS);

export { PROVINCE_NAMES, provinceName } from './provinces.ts';

/**
 * The record's fields a release carries: the national collection form's, without what belongs to
 * the sending deployment (its class, its provincial number 学籍辅号, its seat number, its
 * province-defined fields) and without any internal id. The national student number goes with them.
 */
export const RELEASED_FIELDS = [
  'name', 'gender', 'birthDate', 'birthplace', 'nativePlace', 'ethnicity', 'nationality', 'idType', 'idNumber', 'overseasChinese',
  'politicalStatus', 'health', 'namePinyin', 'formerName', 'idValidUntil', 'householdRegion', 'householdType', 'specialty', 'bloodType',
  'enrolledOn', 'admissionMode', 'attendanceMode', 'source', 'currentAddress', 'mailingAddress', 'homeAddress', 'phone', 'postcode', 'email',
  'onlyChild', 'preschool', 'leftBehind', 'migrantChild', 'orphan', 'martyrChild', 'inclusiveEducation', 'disability', 'govFundedPlace',
  'needsAid', 'livingSubsidy', 'commuteKm', 'commuteMode', 'schoolBus', 'guardians', 'guardianBasis',
] as const;

/** Fields of the sending deployment's own a release leaves behind. */
export const KEPT_FIELDS = ['classId', 'provincialNo', 'classSeatNo', 'extra'] as const;

/** History entries a release carries at most (the newest): the record's life at the sending side, within one packet. */
export const MAX_RELEASED_HISTORY = 50;

const text = (max: number) => z.string().check(z.maxLength(max));
const caseRef = () => z.string().check(z.regex(CASE_REF));

export const ReportedStepSchema = once(() =>
  z.strictObject({
    role: z.enum(ROLES),
    orgId: text(64).check(z.minLength(1)),
    orgName: text(100),
    status: z.enum(['waiting', 'current', 'approved', 'rejected', 'skipped']),
    at: z.optional(z.iso.datetime()),
    comment: z.optional(text(500)),
  }),
);
const steps = () => z.array(ReportedStepSchema()).check(z.maxLength(12));

export const TransferRequestBodySchema = once(() => z.strictObject({ toSchoolCode: text(20).check(z.minLength(1)), toSchoolName: text(100) }));
export const TransferRequestSecretSchema = once(() =>
  z.strictObject({
    nationalStudentNo: z.string().check(z.regex(/^[GLJ][0-9X]{18}$/)),
    name: text(50).check(z.minLength(1)),
    reason: text(500),
    steps: steps(),
  }),
);

export const ReleasedHistorySchema = once(() =>
  z.strictObject({
    at: z.iso.datetime(),
    action: text(60),
    changes: z.array(z.strictObject({ field: text(60), old: z.unknown(), new: z.unknown() })).check(z.maxLength(80)),
    reason: z.optional(text(500)),
  }),
);
export type ReleasedHistory = z.infer<ReturnType<typeof ReleasedHistorySchema>>;

export const TransferReleaseBodySchema = once(() => z.strictObject({ peerCaseRef: caseRef(), fromSchoolCode: text(20).check(z.minLength(1)), fromSchoolName: text(100) }));
export const TransferReleaseSecretSchema = once(() =>
  z.strictObject({
    // The national-form fields; the receiver checks them with its own record schema before it writes anything.
    record: z.record(z.string(), z.unknown()),
    history: z.array(ReleasedHistorySchema()).check(z.maxLength(MAX_RELEASED_HISTORY)),
    steps: steps(),
  }),
);

/** `peerCaseRef`: the receiver's own case, when the sender knows it (the sending side is found by the request's caseRef). */
export const TransferRejectionBodySchema = once(() => z.strictObject({ peerCaseRef: z.optional(caseRef()), outcome: z.enum(['rejected', 'cancelled']) }));
export const TransferRejectionSecretSchema = once(() => z.strictObject({ reason: text(500).check(z.minLength(1)), steps: z.optional(steps()) }));

export const TransferAcceptedBodySchema = once(() => z.strictObject({ peerCaseRef: z.optional(caseRef()) }));

export type TransferRequestBody = z.infer<ReturnType<typeof TransferRequestBodySchema>>;
export type TransferRequestSecret = z.infer<ReturnType<typeof TransferRequestSecretSchema>>;
export type TransferReleaseBody = z.infer<ReturnType<typeof TransferReleaseBodySchema>>;
export type TransferReleaseSecret = z.infer<ReturnType<typeof TransferReleaseSecretSchema>>;
export type TransferRejectionBody = z.infer<ReturnType<typeof TransferRejectionBodySchema>>;
export type TransferRejectionSecret = z.infer<ReturnType<typeof TransferRejectionSecretSchema>>;
export type TransferAcceptedBody = z.infer<ReturnType<typeof TransferAcceptedBodySchema>>;

/** The record as a release carries it: its national-form fields and national number, nothing else. */
export function releasedRecord(record: StudentRecord): Record<string, unknown> {
  const source = record as unknown as Record<string, unknown>;
  const picked: Record<string, unknown> = { nationalStudentNo: record.nationalStudentNo };
  for (const field of RELEASED_FIELDS) if (source[field] !== undefined) picked[field] = source[field];
  return picked;
}

const HISTORY_FIELDS = new Set<string>([...RELEASED_FIELDS, 'status', 'nationalStudentNo']);

/**
 * The record's history as a release carries it, newest first: when, what and why, and of each
 * change only the national-form fields (a class or school id of the sending deployment means
 * nothing to the receiver). Who did it stays with the sender.
 */
export function releasedHistory(entries: readonly { at: string; action: string; changes: { field: string; old: unknown; new: unknown }[]; reason?: string }[]): ReleasedHistory[] {
  return entries.slice(0, MAX_RELEASED_HISTORY).map((entry) => ({
    at: entry.at,
    action: entry.action.slice(0, 60),
    changes: entry.changes.filter((change) => HISTORY_FIELDS.has(change.field)).slice(0, 80),
    ...(entry.reason ? { reason: entry.reason.slice(0, 500) } : {}),
  }));
}
