// The one place that knows remark. Everything else works on the OKR model.
import type { Nodes, Root } from 'mdast';
import { fastMarkdown } from './fastMarkdown';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

/** remark itself (unified + remark-parse + frontmatter + gfm): the reference every faster path equals. */
export function remarkMarkdown(text: string): Root {
  return processor.parse(text);
}

/**
 * Markdown -> mdast. Plain OKR files (headings, tight lists, paragraphs, plain links) take the fast
 * reader, proven to give remark's tree; anything else goes to remark.
 */
export function parseMarkdown(text: string): Root {
  return fastMarkdown(text) ?? processor.parse(text);
}

export function startOf(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

export function endOf(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

/** Visits every node depth-first; `fn` returning false skips the node's children. */
export function walk(node: Nodes, fn: (n: Nodes) => boolean | void): void {
  if (fn(node) === false) return;
  if ('children' in node) for (const c of node.children) walk(c as Nodes, fn);
}
