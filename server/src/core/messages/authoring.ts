// Messages of the authoring features, in the three languages. Keys are namespaced by feature.
import { defineMessages } from './define';

export const authoringMessages = defineMessages({}, {}, {});
