// The registry: every rule, in the order findings are reported.
import { fileSkipped } from './fileSkipped';
import { frontMatterInvalid } from './frontMatterInvalid';
import { objectiveWithoutKrs } from './objectiveWithoutKrs';
import { templatePlaceholder } from './templatePlaceholder';
import type { Rule } from './types';

export const rules: readonly Rule[] = [frontMatterInvalid, objectiveWithoutKrs, templatePlaceholder, fileSkipped];

export const ruleById = new Map(rules.map((r) => [r.meta.id, r]));
