// markdown-it plugin for VS Code's built-in Markdown preview: a progress bar and a grade badge next
// to every objective and key result of an OKR file. Pure and cheap: it parses the source already
// in markdown-it's state with the core parser (no server call) and only touches OKR files.
//
// VS Code parses with an empty env and gives the document (env.currentDocument) only when it
// renders, so the badges are added as `okr_progress` tokens at parse time and the renderer rule
// decides at render time whether the document is an OKR file.
import { parseOkr } from '../../../../server/src/core/parse/index';
import { grade, gradeColor, gradeText, percent } from '../../../../server/src/core/progress';
import type { OkrDocument } from '../../../../server/src/core/model';

/** The slice of markdown-it this plugin uses (kept structural so the module has no runtime dependency). */
interface Token {
  type: string;
  tag: string;
  map: [number, number] | null;
  content: string;
  children: Token[] | null;
  level: number;
  meta: unknown;
}
interface StateCore {
  src: string;
  env: unknown;
  tokens: Token[];
  Token: new (type: string, tag: string, nesting: number) => Token;
}
export interface MarkdownItLike {
  core: { ruler: { push(name: string, fn: (state: StateCore) => void): void } };
  renderer: { rules: Record<string, unknown> };
}

const OKR_NAME = /\.okr\.md$/i;

/** The document's file name from a markdown-it env (VS Code puts its URI in `currentDocument`). */
function documentName(env: unknown): string | null {
  const doc = (env as { currentDocument?: { path?: string; fsPath?: string } | string } | null)?.currentDocument;
  const name = typeof doc === 'string' ? doc : (doc?.path ?? doc?.fsPath);
  if (!name) return null;
  try {
    return decodeURIComponent(name.split(/[?#]/)[0]);
  } catch {
    return name;
  }
}

const MARKER =
  /^#{1,6}\s+(?:O\d*|Obj(?:ective)?\s*\d*|Mục\s+tiêu\s*\d*|MT\d*|目[标標][\d零〇一二两三四五六七八九十百]*)\s*[:：]/imu;

/** Content heuristic for hosts that give no file name: front matter naming a period or level, and a marker. */
export function looksLikeOkr(src: string): boolean {
  return /^(?:\uFEFF)?---\r?\n[\s\S]*?^(?:period|level)\s*:/m.test(src.slice(0, 4000)) && MARKER.test(src);
}

/** Whether the preview shows an OKR file: by the document's name when known, else by content. */
export function isOkrSource(src: string, env: unknown): boolean {
  const name = documentName(env);
  return name ? OKR_NAME.test(name) : looksLikeOkr(src);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The badge HTML for one progress value (0..1, clamped), or '' when there is none. */
export function progressHtml(progress: number | null, lang: OkrDocument['lang'], kind: 'objective' | 'kr'): string {
  if (progress === null) return '';
  const g = grade(progress);
  const color = gradeColor(g) ?? 'red';
  const pct = percent(progress);
  const width = Math.round(Math.min(1, Math.max(0, progress)) * 100);
  return (
    ` <span class="okr-progress okr-progress-${kind} okr-grade-${color}" title="${escapeHtml(pct)}">` +
    `<span class="okr-bar"><span class="okr-bar-fill" style="width:${width}%"></span></span>` +
    `<span class="okr-percent">${escapeHtml(pct)}</span>` +
    `<span class="okr-badge">${escapeHtml(gradeText(g, lang))}</span></span>`
  );
}

/** First `inline` token at or after index `i` (the heading's or list item's text). */
function inlineAfter(tokens: Token[], i: number, closeType: string): Token | null {
  for (let j = i + 1; j < tokens.length && tokens[j].type !== closeType; j++) {
    if (tokens[j].type === 'inline') return tokens[j];
  }
  return null;
}

export function okrPreviewPlugin(md: MarkdownItLike): MarkdownItLike {
  md.core.ruler.push('okr_progress', (state) => {
    const name = documentName(state.env);
    // Cheap exits first: another file by name, or nothing that looks like an OKR (no marker, no
    // objective item, no front matter with a period or level).
    if (name && !OKR_NAME.test(name)) return;
    if (
      !name &&
      !MARKER.test(state.src) &&
      !/^\s*[-*+]\s+(?:Objective|Obj|Mục\s+tiêu|目[标標])\s*\d*\s*[:：]/imu.test(state.src) &&
      !/^(?:\uFEFF)?---\r?\n[\s\S]*?^(?:period|level)\s*:/m.test(state.src.slice(0, 4000))
    ) {
      return;
    }
    let doc: OkrDocument;
    try {
      doc = parseOkr(state.src);
    } catch {
      return; // A preview must render even when the parser cannot.
    }
    if (doc.skipped || doc.objectives.length === 0) return;
    const okrByContent = looksLikeOkr(state.src);
    const byLine = new Map<number, { progress: number | null; kind: 'objective' | 'kr' }>();
    for (const o of doc.objectives) {
      byLine.set(o.range.start.line, { progress: o.progress, kind: 'objective' });
      for (const kr of o.keyResults) byLine.set(kr.range.start.line, { progress: kr.progress, kind: 'kr' });
    }
    const done = new Set<number>();
    state.tokens.forEach((t, i) => {
      if (!t.map || (t.type !== 'heading_open' && t.type !== 'list_item_open')) return;
      const line = t.map[0];
      const hit = byLine.get(line);
      if (!hit || done.has(line)) return;
      const inline = inlineAfter(state.tokens, i, t.type === 'heading_open' ? 'heading_close' : 'list_item_close');
      // A nested list item's inline would be another line's text: only take the item's own first line.
      if (!inline?.children || (inline.map && inline.map[0] !== line)) return;
      const html = progressHtml(hit.progress, doc.lang, hit.kind);
      if (!html) return;
      const token = new state.Token('okr_progress', '', 0);
      token.content = html;
      token.meta = { okrByContent };
      inline.children.push(token);
      done.add(line);
    });
  });
  md.renderer.rules.okr_progress = (tokens: Token[], idx: number, _options: unknown, env: unknown): string => {
    const name = documentName(env);
    const okr = name ? OKR_NAME.test(name) : (tokens[idx].meta as { okrByContent?: boolean } | null)?.okrByContent;
    return okr ? tokens[idx].content : '';
  };
  return md;
}
