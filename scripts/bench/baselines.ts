// The in-run baselines every target is compared with.
import MarkdownIt from 'markdown-it';
import { lint } from 'markdownlint/sync';
import { remarkMarkdown } from '../../server/src/core/parse/markdown';

const md = new MarkdownIt();
const LINE = /^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s)/;

/** The floor: split lines and test one regular expression per line. */
export function lineScan(text: string): number {
  let n = 0;
  for (const line of text.split(/\r\n|\n|\r/)) if (LINE.test(line)) n++;
  return n;
}

export const baselines: Record<string, (text: string) => unknown> = {
  remark: (t) => remarkMarkdown(t),
  markdownlint: (t) => lint({ strings: { f: t } }),
  'markdown-it': (t) => md.parse(t, {}),
  'line scan': (t) => lineScan(t),
};
