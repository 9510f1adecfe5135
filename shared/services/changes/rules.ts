// The deployment's approval rules (CHANGE_RULES), read once per container.
import { changeRulesFrom } from '#shared/domain/changes/rules-config.ts';
import type { ChangeRules } from '#shared/domain/changes/chains.ts';

let rules: ChangeRules | undefined;

export const changeRules = (): ChangeRules => (rules ??= changeRulesFrom(process.env.CHANGE_RULES));
