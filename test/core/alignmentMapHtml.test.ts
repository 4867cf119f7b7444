import { strict as assert } from 'node:assert';
import { escapeHtml, makeNonce, mapHtml, scriptJson, type MapData } from '../../client/src/features/alignmentMap/html';

const hostile = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '</style><script>alert(2)</script>',
  '</script><script>alert(3)</script>',
  '"><svg onload=alert(4)>',
  "it's `quoted` & <b>bold</b>\u2028next",
];

function data(): MapData {
  return {
    nodes: hostile.map((title, i) => ({
      key: `file:///ws/a.okr.md#${i}`,
      uri: 'file:///ws/a.okr.md',
      id: `O${i + 1}`,
      title,
      owner: hostile[(i + 1) % hostile.length],
      line: i,
      progress: 0.5,
      color: 'yellow',
      row: 0,
      inCycle: false,
      orphan: false,
    })),
    files: [{ key: 'file:///ws/b.okr.md', uri: 'file:///ws/b.okr.md', label: '<script>x</script>', row: 1 }],
    edges: [{ from: 'file:///ws/a.okr.md#1', to: 'file:///ws/a.okr.md#0', keyResult: null, inCycle: false }],
    rows: ['Company <b>', '', '', '', ''],
  };
}

const nonce = makeNonce(new Uint8Array(32).map((_, i) => i * 7));
const strings = {
  title: 'Map </title><script>',
  empty: 'Nothing',
  hidden: '{count} hidden',
  help: '<i>help</i>',
  label: '{owner} · {id}: {title}',
};

describe('alignment map webview HTML (pure)', () => {
  const html = mapHtml({ cspSource: 'vscode-webview://abc', nonce, data: data(), strings, lang: 'vi"><x' });

  it('sets a strict Content-Security-Policy with a nonce and no remote resources', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(
      csp,
      `default-src &#39;none&#39;; style-src vscode-webview://abc &#39;nonce-${nonce}&#39;; script-src &#39;nonce-${nonce}&#39;`,
    );
    // Markup only: the JSON data block holds (inert) OKR text; the SVG namespace is a name, not a resource.
    const markup = html
      .replace(/(<script type="application\/json"[^>]*>)[\s\S]*?<\/script>/, '$1</script>')
      .replaceAll('http://www.w3.org/2000/svg', '');
    assert.doesNotMatch(markup, /https?:\/\//, 'no remote resource');
    assert.doesNotMatch(markup, /\s(src|href)=/i, 'no resource loaded by the page');
    assert.doesNotMatch(markup, /\son[a-z]+=/i, 'no inline event handler attributes');
    // Every script and style element carries the nonce.
    const tags = html.match(/<(script|style)\b[^>]*>/g) ?? [];
    assert.equal(tags.length, 3);
    for (const t of tags) assert.ok(t.includes(`nonce="${nonce}"`), t);
  });

  it('never lets OKR text open or close an element', () => {
    // Exactly the page's own elements: no text managed to add a script, style, img or svg.
    assert.equal((html.match(/<script\b/g) ?? []).length, 2);
    assert.equal((html.match(/<\/script>/g) ?? []).length, 2);
    assert.equal((html.match(/<\/style>/g) ?? []).length, 1);
    assert.doesNotMatch(html, /<img|<svg|<b>|<i>/);
    assert.match(html, /<title>Map &#60;\/title&#62;&#60;script&#62;<\/title>/);
    assert.match(html, /<html lang="vi&#34;&#62;&#60;x">/);
  });

  it('passes the data as JSON the script reads back unchanged', () => {
    const json = /<script type="application\/json" id="okr-data" nonce="[^"]+">([\s\S]*?)<\/script>/.exec(html)![1];
    assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
    const back = JSON.parse(json) as { data: MapData; strings: typeof strings };
    assert.deepEqual(back.data, data());
    assert.deepEqual(back.strings, strings);
  });

  it('builds the page with textContent, never innerHTML', () => {
    assert.doesNotMatch(html, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    assert.match(html, /textContent/);
  });

  it('escapes helpers and rejects an unsafe nonce', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&\``), '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#96;');
    assert.equal(scriptJson('</script>'), '"\\u003c/script\\u003e"');
    assert.equal(nonce.length, 64);
    assert.throws(() => mapHtml({ cspSource: 'x', nonce: `'; script-src *`, data: data(), strings }));
  });
});
