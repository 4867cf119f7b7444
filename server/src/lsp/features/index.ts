// Every LSP feature, one file each. Add a feature by adding it here.
import type { ServerFeature } from '../context';
import { alignmentFeature } from './alignment';
import { alignmentViewsFeature } from './alignmentViews';
import { checkInFeature } from './checkIn';
import { codeActionsFeature } from './codeActions';
import { foldingFeature } from './folding';
import { objectiveGroupsFeature } from './objectiveGroups';
import { objectivesFeature } from './objectives';
import { progressHoverFeature } from './progressHover';
import { progressLensFeature } from './progressLens';
import { providersFeature } from './providers';
import { symbolsFeature } from './symbols';

export const features: ServerFeature[] = [
  providersFeature,
  symbolsFeature,
  codeActionsFeature,
  objectivesFeature,
  objectiveGroupsFeature,
  alignmentFeature,
  alignmentViewsFeature,
  progressLensFeature,
  progressHoverFeature,
  checkInFeature,
  foldingFeature,
];
