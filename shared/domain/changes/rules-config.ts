// A province's own approval rules, from configuration (CHANGE_RULES, JSON): any chain replaced,
// the working days per step, and its holiday calendar. What is not given keeps the default.
import * as z from 'zod/mini';
import { CHAIN_KEYS, DEFAULT_CHANGE_RULES, otherProvinceChainProblem, partiesAllowed, TEACHER_PARTIES, TRANSFER_PARTIES, type ChainKey, type ChangeRules } from './chains.ts';

const date = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const party = () => z.enum([...TRANSFER_PARTIES, ...TEACHER_PARTIES]);

const RulesOverride = () =>
  z.strictObject({
    chains: z.optional(z.partialRecord(z.enum(CHAIN_KEYS), z.strictObject({ applicant: party(), steps: z.array(party()).check(z.minLength(1), z.maxLength(6)) }))),
    stepDays: z.optional(z.int().check(z.gte(1), z.lte(60))),
    calendar: z.optional(z.strictObject({ holidays: z.optional(z.array(date())), workdays: z.optional(z.array(date())) })),
  });

/** The deployment's rules; a malformed setting stops the function at start rather than approving by the wrong chain. */
export function changeRulesFrom(json: string | undefined): ChangeRules {
  if (!json) return DEFAULT_CHANGE_RULES;
  const override = z.parse(RulesOverride(), JSON.parse(json));
  for (const [key, chain] of Object.entries(override.chains ?? {})) {
    const allowed = partiesAllowed(key as ChainKey);
    const wrong = [chain.applicant, ...chain.steps].filter((name) => !allowed.includes(name));
    if (wrong.length > 0) throw new Error(`CHANGE_RULES: chain ${key} names ${wrong.join(', ')}; it may name ${allowed.join(', ')}`);
    const problem = key === 'transfer.otherProvince' ? otherProvinceChainProblem(chain) : undefined;
    if (problem) throw new Error(`CHANGE_RULES: chain ${key} ${problem}`);
  }
  return {
    chains: { ...DEFAULT_CHANGE_RULES.chains, ...override.chains },
    stepDays: override.stepDays ?? DEFAULT_CHANGE_RULES.stepDays,
    calendar: override.calendar ?? DEFAULT_CHANGE_RULES.calendar,
  };
}
