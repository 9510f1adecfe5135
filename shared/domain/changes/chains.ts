// Who files each kind of case and which organisations approve it, in order (审批流程). The defaults
// follow the national rules (DOMAIN: Status changes); a province replaces any chain by
// configuration. A chain names parties relative to the student, and planSteps resolves them to
// the organisations of one case.
import type { Role } from '../roles.ts';
import type { ChangeType } from './kinds.ts';
import type { WorkCalendar } from './working-days.ts';

/**
 * Parties of a case. For a transfer: the school, county and province the student leaves (sending)
 * and the ones it joins (receiving). For every other kind: the student's own school, county and city.
 */
export const TRANSFER_PARTIES = ['sendingSchool', 'sendingCounty', 'sendingProvince', 'receivingSchool', 'receivingCounty', 'receivingProvince'] as const;
/** The receiving side's parties and the sending side's: across provinces each side decides its own in its own deployment. */
export const RECEIVING_PARTIES = ['receivingSchool', 'receivingCounty', 'receivingProvince'] as const;
export const SENDING_PARTIES = ['sendingSchool', 'sendingCounty', 'sendingProvince'] as const;
export const OWN_PARTIES = ['school', 'county', 'city'] as const;
/** A grade correction is filed by the teacher of the section (a person of the student's school). */
export const TEACHER_PARTIES = ['teacher', ...OWN_PARTIES] as const;
export type Party = (typeof TRANSFER_PARTIES)[number] | (typeof TEACHER_PARTIES)[number];

/**
 * Which chain a case follows: a transfer within one county, across two, or from another province
 * (another deployment: the receiving parties decide here, then the sending parties there); a
 * key-field change touching the ID number or birth date, or not.
 */
export const CHAIN_KEYS = [
  'transfer.sameCounty',
  'transfer.otherCounty',
  'transfer.otherProvince',
  'leave',
  'return',
  'repeat',
  'skip',
  'dropout',
  'abroad',
  'death',
  'withdraw',
  'majorChange',
  'keyFieldChange',
  'keyFieldChange.identity',
  'gradeCorrection',
] as const;
export type ChainKey = (typeof CHAIN_KEYS)[number];

export interface Chain {
  applicant: Party;
  steps: Party[];
}

export interface ChangeRules {
  chains: Record<ChainKey, Chain>;
  /** Working days each step has (2013 rules: 10). */
  stepDays: number;
  calendar: WorkCalendar;
}

const bySchoolThenCounty: Chain = { applicant: 'school', steps: ['county'] };

export const DEFAULT_CHANGE_RULES: ChangeRules = {
  chains: {
    'transfer.sameCounty': { applicant: 'receivingSchool', steps: ['sendingSchool', 'sendingCounty'] },
    'transfer.otherCounty': { applicant: 'receivingSchool', steps: ['receivingCounty', 'sendingSchool', 'sendingCounty'] },
    // The receiving parties here, then (relayed to the sending deployment) the sending parties
    // there; each deployment's own setting decides its own side's parties.
    'transfer.otherProvince': { applicant: 'receivingSchool', steps: ['receivingCounty', 'sendingSchool', 'sendingCounty'] },
    leave: bySchoolThenCounty,
    return: bySchoolThenCounty,
    repeat: bySchoolThenCounty,
    skip: bySchoolThenCounty,
    dropout: bySchoolThenCounty,
    abroad: bySchoolThenCounty,
    death: bySchoolThenCounty,
    withdraw: bySchoolThenCounty,
    majorChange: bySchoolThenCounty,
    keyFieldChange: bySchoolThenCounty,
    'keyFieldChange.identity': { applicant: 'school', steps: ['county', 'city'] },
    gradeCorrection: { applicant: 'teacher', steps: ['school'] },
  },
  stepDays: 10,
  calendar: {},
};

export function isTransferChain(key: ChainKey): boolean {
  return key.startsWith('transfer.');
}

/** The parties a chain may name: a transfer's sides, or the student's own organisations. */
export function partiesAllowed(key: ChainKey): readonly Party[] {
  if (key === 'gradeCorrection') return TEACHER_PARTIES;
  return isTransferChain(key) ? TRANSFER_PARTIES : OWN_PARTIES;
}

const PARTY_ROLE: Record<Party, Role> = {
  sendingSchool: 'school_registrar',
  receivingSchool: 'school_registrar',
  school: 'school_registrar',
  sendingCounty: 'county_admin',
  receivingCounty: 'county_admin',
  sendingProvince: 'province_admin',
  receivingProvince: 'province_admin',
  county: 'county_admin',
  city: 'city_admin',
  teacher: 'teacher',
};

/** Organisations along a class's path: /province/city/county/school/grade/class. */
interface Levels {
  provincePath: string;
  cityPath: string;
  countyPath: string;
  schoolPath: string;
}

function levelsOf(classPath: string): Levels | undefined {
  const parts = classPath.split('/');
  if (parts.length !== 7) return undefined;
  return { provincePath: parts.slice(0, 2).join('/'), cityPath: parts.slice(0, 3).join('/'), countyPath: parts.slice(0, 4).join('/'), schoolPath: parts.slice(0, 5).join('/') };
}

export interface PlacePaths {
  /** The student's class today (empty on the receiving side of a transfer from another province: it is there). */
  from: string;
  /** For a transfer: the class it joins. */
  to?: string;
}

export interface PlannedParty {
  party: Party;
  role: Role;
  orgId: string;
  orgPath: string;
}

export function chainKeyOf(type: ChangeType, places: PlacePaths, keyFields: readonly string[] = []): ChainKey {
  if (type === 'transfer') {
    const from = levelsOf(places.from);
    const to = places.to ? levelsOf(places.to) : undefined;
    return from && to && from.countyPath === to.countyPath ? 'transfer.sameCounty' : 'transfer.otherCounty';
  }
  if (type === 'keyFieldChange') return keyFields.some((field) => field === 'idNumber' || field === 'birthDate' || field === 'idType') ? 'keyFieldChange.identity' : 'keyFieldChange';
  return type;
}

function resolve(party: Party, places: PlacePaths): string | undefined {
  const from = levelsOf(places.from);
  const to = places.to ? levelsOf(places.to) : undefined;
  switch (party) {
    case 'school':
    case 'sendingSchool':
    case 'teacher':
      return from?.schoolPath;
    case 'county':
    case 'sendingCounty':
      return from?.countyPath;
    case 'city':
      return from?.cityPath;
    case 'receivingSchool':
      return to?.schoolPath;
    case 'receivingCounty':
      return to?.countyPath;
    case 'sendingProvince':
      return from?.provincePath;
    case 'receivingProvince':
      return to?.provincePath;
  }
}

function planned(party: Party, places: PlacePaths): PlannedParty {
  const orgPath = resolve(party, places);
  if (!orgPath) throw new Error(`party ${party} cannot be resolved for this case`);
  return { party, role: PARTY_ROLE[party], orgId: orgPath.split('/').at(-1)!, orgPath };
}

/** The applicant and the approving organisations of one case, in order. */
export function planChain(chain: Chain, places: PlacePaths): { applicant: PlannedParty; steps: PlannedParty[] } {
  return { applicant: planned(chain.applicant, places), steps: chain.steps.map((party) => planned(party, places)) };
}

export const PARTY_ROLE_OF = (party: Party): Role => PARTY_ROLE[party];

/** What each party is called where the other side shows it (its organisation is only named later). */
export const PARTY_LABEL: Record<Party, string> = {
  sendingSchool: '转出学校',
  sendingCounty: '转出地教育局',
  sendingProvince: '转出省级教育部门',
  receivingSchool: '转入学校',
  receivingCounty: '转入地教育局',
  receivingProvince: '转入省级教育部门',
  school: '学校',
  county: '区县教育局',
  city: '市教育局',
  teacher: '任课教师',
};

export const isSendingParty = (party: Party): boolean => (SENDING_PARTIES as readonly Party[]).includes(party);
export const isReceivingParty = (party: Party): boolean => (RECEIVING_PARTIES as readonly Party[]).includes(party);

/**
 * What is wrong with a chain of transfers from another province, if anything: it is filed by the
 * receiving school, its receiving parties come first (they decide here, before the request goes
 * out) and it names at least one sending party (the other deployment must decide something).
 */
export function otherProvinceChainProblem(chain: Chain): string | undefined {
  if (chain.applicant !== 'receivingSchool') return 'is filed by receivingSchool';
  const firstSending = chain.steps.findIndex(isSendingParty);
  if (firstSending < 0) return 'names at least one sending party (sendingSchool, sendingCounty, sendingProvince)';
  if (chain.steps.slice(firstSending).some(isReceivingParty)) return 'names its receiving parties before its sending parties';
  if (new Set(chain.steps).size !== chain.steps.length) return 'names each party once';
  return undefined;
}

/**
 * One deployment's side of a transfer from another province: its own parties of the chain
 * resolved to its organisations (the receiving ones under the class the student joins, or the
 * sending ones under the class it leaves), in order, and the other side's parties by name only.
 */
export function planOwnSide(chain: Chain, side: 'receiving' | 'sending', classPath: string): { own: PlannedParty[]; other: Party[] } {
  const ours = side === 'receiving' ? isReceivingParty : isSendingParty;
  const places: PlacePaths = side === 'receiving' ? { from: '', to: classPath } : { from: classPath };
  return { own: chain.steps.filter(ours).map((party) => planned(party, places)), other: chain.steps.filter((party) => !ours(party)) };
}
