// Messages of the progress features, in the three languages. Keys are namespaced by feature.
import { defineMessages } from './define';

export const progressMessages = defineMessages({}, {}, {});
