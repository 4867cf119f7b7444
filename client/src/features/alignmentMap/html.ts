// The alignment map's HTML, built by a pure function (no `vscode` import) so it is unit-testable.
// Security: a strict CSP with a nonce, no remote resources, data passed as escaped JSON and put
// into the page with textContent only (OKR titles may hold `<script>`, `</style>`, `javascript:`).

/** What `okr/alignmentGraph` answers (core/workspace/views.ts). */
export interface MapData {
  nodes: {
    key: string;
    uri: string;
    id: string;
    title: string;
    owner: string | null;
    line: number;
    progress: number | null;
    color: 'red' | 'yellow' | 'green' | null;
    row: number;
    inCycle: boolean;
    orphan: boolean;
  }[];
  files: { key: string; uri: string; label: string; row: number }[];
  edges: { from: string; to: string; keyResult: string | null; inCycle: boolean }[];
  rows: string[];
  /** Objectives of lower levels the server left out (a large workspace). */
  hidden?: number;
}

export interface MapStrings {
  title: string;
  empty: string;
  /** `{count} objectives … are not drawn`. */
  hidden: string;
  help: string;
  /** `{owner} · {id}: {title}, {progress}`, for screen readers. */
  label: string;
}

export interface MapHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  data: MapData;
  strings: MapStrings;
  /** Display language, for the `lang` attribute. */
  lang?: string;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside a `<script>` element: no `<`, `>`, `&` (so no `</script>` or `<!--`),
 * and no U+2028/U+2029 line separators.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A nonce from 32 random bytes (the caller passes a random source; crypto in the extension). */
export function makeNonce(randomBytes: Uint8Array): string {
  return [...randomBytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function mapHtml(o: MapHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce)) throw new Error('nonce must be at least 16 safe characters');
  const csp = [
    "default-src 'none'",
    `style-src ${o.cspSource} 'nonce-${o.nonce}'`,
    `script-src 'nonce-${o.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(o.strings.title)}</title>
<style nonce="${o.nonce}">${STYLE}</style>
</head>
<body>
<p class="help" id="help">${escapeHtml(o.strings.help)}</p>
<div id="map" role="group" aria-describedby="help"></div>
<script type="application/json" id="okr-data" nonce="${o.nonce}">${scriptJson({ data: o.data, strings: o.strings })}</script>
<script nonce="${o.nonce}">${SCRIPT}</script>
</body>
</html>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground);
  background: var(--vscode-editor-background); margin: 0; padding: 8px 16px; }
.help { color: var(--vscode-descriptionForeground); margin: 4px 0 12px; }
#map { position: relative; }
svg.edges { position: absolute; left: 0; top: 0; pointer-events: none; overflow: visible; }
svg.edges path { fill: none; stroke: var(--vscode-editorWidget-border, var(--vscode-foreground)); stroke-width: 1.2; opacity: .7; }
svg.edges path.cycle { stroke: var(--vscode-errorForeground); stroke-dasharray: 4 3; opacity: 1; }
.row { position: relative; margin-bottom: 48px; }
.row-label { font-weight: 600; color: var(--vscode-descriptionForeground); margin-bottom: 6px; text-transform: uppercase;
  font-size: 0.85em; letter-spacing: .04em; }
.nodes { display: flex; flex-wrap: wrap; gap: 10px 14px; }
button.node { display: block; width: 220px; text-align: left; padding: 6px 8px; cursor: pointer; font: inherit;
  color: var(--vscode-foreground); background: var(--vscode-editorWidget-background, var(--vscode-editor-background));
  border: 1px solid var(--vscode-editorWidget-border, var(--vscode-contrastBorder, transparent));
  border-left: 5px solid var(--grade); border-radius: 3px; }
button.node:hover { background: var(--vscode-list-hoverBackground); }
button.node:focus { outline: 2px solid var(--vscode-focusBorder); outline-offset: 1px; }
button.node.file { border-left-style: dashed; font-style: italic; }
button.node.cycle { border-color: var(--vscode-errorForeground); }
.g-red { --grade: var(--vscode-charts-red); }
.g-yellow { --grade: var(--vscode-charts-yellow); }
.g-green { --grade: var(--vscode-charts-green); }
.g-none { --grade: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
.owner { display: block; font-size: .85em; color: var(--vscode-descriptionForeground); overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; }
.title { display: block; overflow: hidden; text-overflow: ellipsis; display: -webkit-box; -webkit-line-clamp: 2;
  -webkit-box-orient: vertical; }
.pct { float: right; font-variant-numeric: tabular-nums; color: var(--vscode-descriptionForeground); }
.empty { color: var(--vscode-descriptionForeground); }
`;

// Runs inside the webview. Builds every element with createElement/textContent: never innerHTML.
const SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('map');
  let state = JSON.parse(document.getElementById('okr-data').textContent);
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
  const pct = (p) => (p === null || p === undefined ? '–' : Math.round(p * 100) + '%');
  function label(n) {
    return state.strings.label.replace(/\\{(\\w+)\\}/g, (m, k) => ({ owner: n.owner || '', id: n.id, title: n.title, progress: pct(n.progress) })[k] ?? m);
  }
  function open(uri, line) { vscode.postMessage({ type: 'open', uri: uri, line: line }); }
  function render() {
    const data = state.data;
    root.textContent = '';
    if (data.hidden > 0) root.appendChild(el('p', 'empty', state.strings.hidden.replace('{count}', String(data.hidden))));
    if (!data.nodes.length) { if (!(data.hidden > 0)) root.appendChild(el('p', 'empty', state.strings.empty)); return; }
    // Where each box's edges go, by its key (a scan of every edge per box was quadratic).
    const targets = new Map();
    for (const e of data.edges) { if (!targets.has(e.from)) targets.set(e.from, []); targets.get(e.from).push(e.to); }
    const boxes = new Map();
    const svgNs = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('class', 'edges');
    svg.setAttribute('aria-hidden', 'true');
    root.appendChild(svg);
    // Order each row by the mean position of what its objectives align to, so edges cross less.
    const order = new Map();
    data.rows.forEach((name, r) => {
      const items = [].concat(
        data.files.filter((f) => f.row === r).map((f) => ({ kind: 'file', v: f })),
        data.nodes.filter((n) => n.row === r).map((n) => ({ kind: 'node', v: n })),
      );
      if (!items.length) return;
      const score = (it) => {
        const ps = (targets.get(it.v.key) || []).map((to) => order.get(to)).filter((x) => x !== undefined);
        return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : 1e9;
      };
      items.forEach((it, i) => (it.s = score(it) + i * 1e-6));
      items.sort((a, b) => a.s - b.s);
      items.forEach((it, i) => order.set(it.v.key, i));
      const row = el('section', 'row');
      row.setAttribute('aria-label', name);
      row.appendChild(el('div', 'row-label', name));
      const list = el('div', 'nodes');
      for (const it of items) {
        const n = it.v;
        const b = el('button', 'node');
        b.type = 'button';
        if (it.kind === 'file') {
          b.classList.add('file', 'g-none');
          b.appendChild(el('span', 'title', n.label));
          b.setAttribute('aria-label', n.label);
          b.addEventListener('click', () => open(n.uri, 0));
        } else {
          b.classList.add('g-' + (n.color || 'none'));
          if (n.inCycle) b.classList.add('cycle');
          const owner = el('span', 'owner', n.owner || '');
          owner.prepend(el('span', 'pct', pct(n.progress)));
          b.appendChild(owner);
          b.appendChild(el('span', 'title', n.id + ': ' + n.title));
          b.title = label(n);
          b.setAttribute('aria-label', label(n));
          b.addEventListener('click', () => open(n.uri, n.line));
        }
        list.appendChild(b);
        boxes.set(n.key, b);
      }
      row.appendChild(list);
      root.appendChild(row);
    });
    const draw = () => {
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      const base = root.getBoundingClientRect();
      svg.setAttribute('width', String(root.scrollWidth));
      svg.setAttribute('height', String(root.scrollHeight));
      for (const e of data.edges) {
        const a = boxes.get(e.from), b = boxes.get(e.to);
        if (!a || !b) continue;
        const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
        const x1 = ra.left + ra.width / 2 - base.left, y1 = ra.top - base.top;
        const x2 = rb.left + rb.width / 2 - base.left, y2 = rb.bottom - base.top;
        const p = document.createElementNS(svgNs, 'path');
        const my = (y1 + y2) / 2;
        p.setAttribute('d', 'M' + x1 + ' ' + y1 + ' C' + x1 + ' ' + my + ' ' + x2 + ' ' + my + ' ' + x2 + ' ' + y2);
        if (e.inCycle) p.setAttribute('class', 'cycle');
        svg.appendChild(p);
      }
    };
    draw();
    window.onresize = draw;
  }
  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (m && m.type === 'data' && m.data && Array.isArray(m.data.nodes)) { state = { data: m.data, strings: state.strings }; render(); }
  });
  render();
})();`;
