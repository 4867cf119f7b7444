// Messages of the rules features, in the three languages. Keys are namespaced by feature.
import { defineMessages } from './define';

export const rulesMessages = defineMessages({}, {}, {});
