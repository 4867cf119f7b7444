import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import {
  isOkrSource,
  okrPreviewPlugin,
  progressHtml,
  type MarkdownItLike,
} from '../../client/src/features/preview/plugin';

const OKR = [
  '---',
  'owner: Growth team',
  'level: team',
  'period: 2026-Q4',
  '---',
  '',
  '# Growth · OKRs',
  '',
  '## O1: Make self-serve signup effortless',
  '',
  '- KR1: Trial-to-paid conversion from 2% to 4%',
  '  - 2026-11-15: 3% · confidence 8/10',
  '- KR2: Sign 6 new self-serve customers',
  '  - 2026-11-01: 6/6',
  '- [ ] KR3: Publish the new pricing page by 2026-12-01',
  '',
  'Some text with <b>html</b> & [a link](https://example.com).',
].join('\n');

function render(src: string, env: object = { currentDocument: { path: '/ws/team/growth.okr.md' } }): string {
  const md = new MarkdownIt({ html: true });
  // What md.use(plugin) does; the plugin types only the slice of markdown-it it touches.
  okrPreviewPlugin(md as unknown as MarkdownItLike);
  return md.render(src, env as Record<string, unknown>);
}

describe('markdown preview plugin', () => {
  it('adds a bar and a grade badge to objectives and key results of an OKR file', () => {
    const html = render(OKR);
    const badges = html.match(/class="okr-progress /g) ?? [];
    assert.equal(badges.length, 4); // O1, KR1, KR2, KR3
    // KR1: (3 − 2) / (4 − 2) = 50% -> 0.5, yellow; KR2 done -> 1.0 green; KR3 open box -> 0.0 red.
    assert.match(
      html,
      /<li>KR1: Trial-to-paid conversion from 2% to 4% <span class="okr-progress okr-progress-kr okr-grade-yellow" title="50%">/,
    );
    assert.match(html, /okr-grade-green" title="100%">.*<span class="okr-badge">1\.0<\/span>/);
    assert.match(html, /okr-grade-red" title="0%">/);
    // O1 = (0.5 + 1 + 0) / 3 = 50%
    assert.match(
      html,
      /<h2>O1: Make self-serve signup effortless <span class="okr-progress okr-progress-objective okr-grade-yellow" title="50%">/,
    );
    assert.match(html, /style="width:50%"/);
    // The rest of the document renders as before.
    assert.match(html, /<a href="https:\/\/example.com">a link<\/a>/);
    assert.ok(!/2026-11-15: 3%[^<]*<span class="okr-progress/.test(html), 'check-ins get no badge');
  });

  it('leaves other Markdown files alone', () => {
    const plain = new MarkdownIt({ html: true }).render(OKR);
    assert.equal(render(OKR, { currentDocument: { path: '/ws/README.md' } }), plain);
    assert.equal(render(OKR, { currentDocument: 'file:///ws/notes.md' }), plain);
  });

  it('recognises OKR files by name, or by content when no file name is given', () => {
    assert.ok(isOkrSource('', { currentDocument: { path: '/ws/departments/%E8%B4%A2%E5%8A%A1%E9%83%A8.okr.md' } }));
    assert.ok(isOkrSource(OKR, {}));
    assert.ok(isOkrSource(OKR, undefined));
    assert.ok(!isOkrSource('# Notes\n\n## O1: not front matter\n', {}));
  });

  it('writes Vietnamese grades with a decimal comma and escapes nothing unsafe', () => {
    assert.match(progressHtml(0.66, 'vi', 'kr'), /<span class="okr-badge">0,7<\/span>/);
    assert.equal(progressHtml(null, 'en', 'kr'), '');
    assert.match(progressHtml(1.4, 'en', 'objective'), /width:100%/);
  });

  it('decides at render time, as VS Code gives the document only to the renderer', () => {
    const md = new MarkdownIt({ html: true });
    okrPreviewPlugin(md as unknown as MarkdownItLike);
    const tokens = md.parse(OKR, {});
    const okr = md.renderer.render(tokens, md.options, { currentDocument: { path: '/ws/a b/growth.okr.md' } });
    assert.equal((okr.match(/class="okr-progress /g) ?? []).length, 4);
    const notes = md.renderer.render(tokens, md.options, { currentDocument: { path: '/ws/notes.md' } });
    assert.equal(notes, new MarkdownIt({ html: true }).render(OKR));
  });

  it('never throws on bad input', () => {
    for (const src of ['', '---\n: [\n---\n## O1: x\n- KR1: y', '\u0000\u0001 binary', '## O1:\n- ']) {
      assert.doesNotThrow(() => render(src));
    }
  });
});
