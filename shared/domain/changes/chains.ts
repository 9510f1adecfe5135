// Who files each kind of case and which organisations approve it, in order (审批流程). The defaults
// follow the national rules (DOMAIN: Status changes); a province replaces any chain by
// configuration. A chain names parties relative to the student, and planSteps resolves them to
// the organisations of one case.
import type { Role } from '../roles.ts';
import type { ChangeType } from './kinds.ts';
import type { WorkCalendar } from './working-days.ts';

/**
 * Parties of a case. For a transfer: the school and county the student leaves (sending) and the
 * ones it joins (receiving). For every other kind: the student's own school, county and city.
 */
export const TRANSFER_PARTIES = ['sendingSchool', 'sendingCounty', 'receivingSchool', 'receivingCounty'] as const;
export const OWN_PARTIES = ['school', 'county', 'city'] as const;
/** A grade correction is filed by the teacher of the section (a person of the student's school). */
export const TEACHER_PARTIES = ['teacher', ...OWN_PARTIES] as const;
export type Party = (typeof TRANSFER_PARTIES)[number] | (typeof TEACHER_PARTIES)[number];

/** Which chain a case follows: a transfer within one county or across two; a key-field change touching the ID number or birth date, or not. */
export const CHAIN_KEYS = [
  'transfer.sameCounty',
  'transfer.otherCounty',
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
  county: 'county_admin',
  city: 'city_admin',
  teacher: 'teacher',
};

/** Organisations along a class's path: /province/city/county/school/grade/class. */
interface Levels {
  cityPath: string;
  countyPath: string;
  schoolPath: string;
}

function levelsOf(classPath: string): Levels | undefined {
  const parts = classPath.split('/');
  if (parts.length !== 7) return undefined;
  return { cityPath: parts.slice(0, 3).join('/'), countyPath: parts.slice(0, 4).join('/'), schoolPath: parts.slice(0, 5).join('/') };
}

export interface PlacePaths {
  /** The student's class today. */
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
