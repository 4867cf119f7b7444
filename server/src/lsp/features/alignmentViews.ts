// Custom requests behind the alignment views: `okr/alignmentTree` (the cascade) and
// `okr/alignmentGraph` (the map). The client draws what these return and nothing more.
import {
  alignmentGraphData,
  alignmentTree,
  type AlignmentGraphData,
  type AlignmentTreeNode,
} from '../../core/workspace/views';
import type { ServerFeature } from '../context';

export const ALIGNMENT_TREE_REQUEST = 'okr/alignmentTree';
export const ALIGNMENT_GRAPH_REQUEST = 'okr/alignmentGraph';

export const alignmentViewsFeature: ServerFeature = {
  register(ctx) {
    const opts = () => ({ today: ctx.today(), locale: ctx.uiLocale(), folders: ctx.folders() });
    ctx.connection.onRequest(ALIGNMENT_TREE_REQUEST, (): AlignmentTreeNode[] => alignmentTree(ctx.index, opts()));
    ctx.connection.onRequest(ALIGNMENT_GRAPH_REQUEST, (): AlignmentGraphData => alignmentGraphData(ctx.index, opts()));
  },
};
