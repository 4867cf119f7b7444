// Messages of the alignment features, in the three languages. Keys are namespaced by feature.
import { defineMessages } from './define';

export const alignmentMessages = defineMessages({}, {}, {});
