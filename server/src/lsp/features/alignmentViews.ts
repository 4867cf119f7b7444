// Custom requests behind the alignment views: `okr/alignmentTree` (the cascade) and
// `okr/alignmentGraph` (the map). The client draws what these return and nothing more.
// `okr/alignmentTree` with `{ lazy: true }` answers one level (the roots, or the children of
// `parent`, a node id from an earlier answer): the view asks as it expands, so a refresh while
// typing in a workspace of 50,000 objectives costs what is shown, not seconds. Without it, the
// whole tree (other clients, the tests).
import {
  alignmentGraphData,
  alignmentTree,
  alignmentTreeLevel,
  type AlignmentGraphData,
  type AlignmentTreeNode,
} from '../../core/workspace/views';
import type { ServerFeature } from '../context';

export const ALIGNMENT_TREE_REQUEST = 'okr/alignmentTree';
export const ALIGNMENT_GRAPH_REQUEST = 'okr/alignmentGraph';

export const alignmentViewsFeature: ServerFeature = {
  register(ctx) {
    const opts = () => ({ today: ctx.today(), locale: ctx.uiLocale(), folders: ctx.folders() });
    ctx.connection.onRequest(
      ALIGNMENT_TREE_REQUEST,
      (params: { lazy?: boolean; parent?: string | null } | null | undefined): AlignmentTreeNode[] =>
        params?.lazy
          ? alignmentTreeLevel(ctx.index, opts(), typeof params.parent === 'string' ? params.parent : undefined)
          : alignmentTree(ctx.index, opts()),
    );
    ctx.connection.onRequest(ALIGNMENT_GRAPH_REQUEST, (): AlignmentGraphData => alignmentGraphData(ctx.index, opts()));
  },
};
