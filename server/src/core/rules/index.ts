// The registry: every rule, in the order findings are reported.
import { alignmentBroken } from './alignmentBroken';
import { alignmentCycle } from './alignmentCycle';
import { alignmentMissing } from './alignmentMissing';
import { duplicateId } from './duplicateId';
import { fileSkipped } from './fileSkipped';
import { frontMatterInvalid } from './frontMatterInvalid';
import { krCount } from './krCount';
import { krIsActivity } from './krIsActivity';
import { krNoDeadline } from './krNoDeadline';
import { krNoEvidence } from './krNoEvidence';
import { krNotMeasurable } from './krNotMeasurable';
import { objectiveBusinessAsUsual } from './objectiveBusinessAsUsual';
import { objectiveCount } from './objectiveCount';
import { objectiveHasMetric } from './objectiveHasMetric';
import { objectiveWithoutKrs } from './objectiveWithoutKrs';
import { progressInvalid } from './progressInvalid';
import { templatePlaceholder } from './templatePlaceholder';
import type { Rule } from './types';

export const rules: readonly Rule[] = [
  frontMatterInvalid,
  objectiveCount,
  krCount,
  objectiveWithoutKrs,
  objectiveHasMetric,
  objectiveBusinessAsUsual,
  krNotMeasurable,
  krNoDeadline,
  krIsActivity,
  krNoEvidence,
  templatePlaceholder,
  alignmentMissing,
  alignmentBroken,
  alignmentCycle,
  progressInvalid,
  duplicateId,
  fileSkipped,
];

export const ruleById = new Map(rules.map((r) => [r.meta.id, r]));
