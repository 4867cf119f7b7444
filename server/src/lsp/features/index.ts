// Every LSP feature, one file each. Add a feature by adding it here.
import type { ServerFeature } from '../context';
import { codeActionsFeature } from './codeActions';
import { objectivesFeature } from './objectives';
import { providersFeature } from './providers';
import { symbolsFeature } from './symbols';

export const features: ServerFeature[] = [providersFeature, symbolsFeature, codeActionsFeature, objectivesFeature];
