// Every LSP feature, one file each. Add a feature by adding it here.
import type { ServerFeature } from '../context';
import { codeActionsFeature } from './codeActions';
import { symbolsFeature } from './symbols';

export const features: ServerFeature[] = [symbolsFeature, codeActionsFeature];
