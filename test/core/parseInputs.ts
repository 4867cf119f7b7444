// Inputs shared by the parser proofs (sections.test.ts, fastMarkdown.test.ts): the generated
// corpus, every fixture and sample, and random edits that change block structure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { bigFile, okrFile, rng, treeSpecs, typicalFile } from '../../scripts/bench/corpus';

const root = path.join(__dirname, '..', '..');

function filesBelow(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) filesBelow(p, out);
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

export function inputs(): { name: string; text: string }[] {
  const r = rng(5);
  const out = [
    { name: 'typical-en', text: typicalFile(1, 'en') },
    { name: 'typical-vi', text: typicalFile(2, 'vi') },
    { name: 'typical-zh', text: typicalFile(3, 'zh') },
    { name: 'big-20', text: bigFile(20) },
    // Headings over pasted-template lists (`- Objective: …` items) with no deeper heading: what
    // decides that such a heading opens no objective is remembered per list node across versions.
    {
      name: 'pasted-templates',
      text: [
        '# Marketing',
        '',
        '- Objective: Build a brand people recommend',
        '- KR1: Grow newsletter subscribers from 2,000 to 5,000',
        '',
        '# Sales',
        '',
        '- Objective: Close the quarter strong',
        '- KR1: Sign 12 new customers',
        '',
        '# Support',
        '',
        '- Answer every ticket within a day',
        '- Publish 5 help articles',
        '',
      ].join('\n'),
    },
  ];
  for (const spec of treeSpecs(12, r)) out.push({ name: spec.rel, text: okrFile(r, spec, 5) });
  for (const f of [...filesBelow(path.join(root, 'test', 'fixtures')), ...filesBelow(path.join(root, 'samples'))]) {
    out.push({ name: path.relative(root, f), text: readFileSync(f, 'utf8') });
  }
  return out;
}

/** Snippets that change block structure: each must be handled by cutting less, never wrongly. */
export const SNIPPETS = [
  '```',
  '```js\n',
  '\n```\n',
  '~~~\n',
  '   ```\n',
  '  ```\n',
  '<!--\n',
  '-->\n',
  '<!-- okr-disable-next-line -->\n',
  '<div>\n',
  '<pre>\n',
  '</pre>\n',
  '<span>x</span>\n',
  '\n---\n',
  '---\n',
  '===\n',
  '## ',
  '#',
  '\n## O9: Added\n',
  '\n# Title\n',
  '[ref]: https://example.com\n',
  '[^1]: note\n',
  '[x][ref]',
  '| a | b |\n| - | - |\n',
  '> ',
  '- ',
  '  - ',
  '\t',
  '\r\n',
  '\r',
  '\n',
  '\n\n',
  'Mục tiêu 3: ',
  '目标2：',
  '`',
];

export function edit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const kind = r();
  if (kind < 0.45) {
    const s = SNIPPETS[Math.floor(r() * SNIPPETS.length)];
    const pos = r() < 0.6 ? lineStart : at;
    return text.slice(0, pos) + s + text.slice(pos);
  }
  if (kind < 0.75) {
    const len = Math.floor(r() * 40);
    return text.slice(0, at) + text.slice(at + len);
  }
  // Typing: one character, the usual keystroke.
  const c = 'ax 1%,.:：é字'[Math.floor(r() * 12)];
  return text.slice(0, at) + c + text.slice(at);
}
