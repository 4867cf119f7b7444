// Shared checks for the robustness tests: ranges inside the text, applying fixes, the JSON contract.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import {
  checkDocument,
  LineIndex,
  parseOkr,
  rules,
  toJsonModel,
  WorkspaceIndex,
  type Finding,
  type OkrDocument,
  type Range,
  type TextEdit,
} from '../../server/src/core/index';
import { format, localeOf } from '../../server/src/core/messages';

export const ROOT = path.join(__dirname, '..', '..');
export const TODAY = '2026-11-23';
export const WS = 'file:///ws';

/** Every `*.okr.md` below samples/ and test/fixtures/, as `{ rel, text }`. */
export function seedFiles(): { rel: string; text: string }[] {
  const out: { rel: string; text: string }[] = [];
  const visit = (dir: string, base: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) visit(p, `${base}${name}/`);
      else if (name.endsWith('.md')) out.push({ rel: `${base}${name}`, text: readFileSync(p, 'utf8') });
    }
  };
  visit(path.join(ROOT, 'samples'), '');
  visit(path.join(ROOT, 'test', 'fixtures'), 'fixtures/');
  return out;
}

export function wsUri(rel: string): string {
  return `${WS}/${rel.split('/').map(encodeURIComponent).join('/')}`;
}

/** An index over the seed files, bounded to `file:///ws`. */
export function seedIndex(seeds: { rel: string; text: string }[]): WorkspaceIndex {
  const index = new WorkspaceIndex([WS]);
  for (const s of seeds) index.set(parseOkr(s.text, wsUri(s.rel)));
  return index;
}

function isPos(v: unknown): v is { line: number; character: number } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { line?: unknown }).line === 'number' &&
    typeof (v as { character?: unknown }).character === 'number'
  );
}

export function isRange(v: unknown): v is Range {
  return typeof v === 'object' && v !== null && isPos((v as Range).start) && isPos((v as Range).end);
}

/** Asserts that a range lies in the text: line < lineCount, character <= line length, start <= end. */
export function assertRangeInside(lines: LineIndex, r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.lineCount, `${what}: line ${p.line} outside`);
    const len = lines.lineText(p.line).length;
    assert.ok(
      Number.isInteger(p.character) && p.character >= 0 && p.character <= len,
      `${what}: character ${p.character} outside line ${p.line} (length ${len})`,
    );
  }
  assert.ok(
    r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character),
    `${what}: start after end ${JSON.stringify(r)}`,
  );
}

/** Walks the model and checks every range in it (the front matter's data is user data, not ranges). */
export function assertModelRanges(doc: OkrDocument): void {
  const lines = new LineIndex(doc.text);
  assert.equal(doc.lineCount, lines.lineCount, 'lineCount');
  const visit = (v: unknown, at: string): void => {
    if (typeof v !== 'object' || v === null) return;
    if (isRange(v)) {
      assertRangeInside(lines, v, at);
      return;
    }
    for (const [k, child] of Object.entries(v)) {
      if (k === 'data' || k === 'text') continue;
      visit(child, `${at}.${k}`);
    }
  };
  visit(doc, 'doc');
}

/** Runs each rule on its own so a throwing rule is seen (checkDocument logs and skips it). */
export function runRulesDirectly(doc: OkrDocument, index: WorkspaceIndex): void {
  if (doc.skipped) return;
  const locale = localeOf(doc.lang);
  for (const rule of rules) {
    try {
      rule.check({
        doc,
        options: { ...(rule.meta.options ?? {}) },
        lang: doc.lang,
        msg: (key, params) => format(locale, key, params),
        index,
        today: TODAY,
      });
    } catch (e) {
      assert.fail(`rule ${rule.meta.id} threw: ${(e as Error)?.stack ?? e}`);
    }
  }
}

/** Applies LSP text edits (non-overlapping, any order) the way an editor does. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ s: lines.offsetAt(e.range.start), e: lines.offsetAt(e.range.end), t: e.newText }))
    .sort((a, b) => a.s - b.s || a.e - b.e);
  for (let i = 1; i < spans.length; i++) {
    assert.ok(spans[i].s >= spans[i - 1].e, `overlapping edits ${JSON.stringify(edits)}`);
  }
  let out = text;
  for (let i = spans.length - 1; i >= 0; i--) out = out.slice(0, spans[i].s) + spans[i].t + out.slice(spans[i].e);
  return out;
}

/** Where an old position lands after the edits (positions inside an edit move to its end). */
function mapOffset(offset: number, spans: { s: number; e: number; t: string }[]): number {
  let delta = 0;
  for (const sp of spans) {
    if (sp.e <= offset) delta += sp.t.length - (sp.e - sp.s);
    else if (sp.s < offset) return sp.s + delta + sp.t.length;
  }
  return offset + delta;
}

function splitsPair(text: string, offset: number): boolean {
  const a = text.charCodeAt(offset - 1);
  const b = text.charCodeAt(offset);
  return a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff;
}

export interface FixReport {
  fixes: number;
}

/**
 * For every fix of every finding: edits lie in the text, do not overlap, do not split a surrogate pair;
 * the result parses with ranges intact; text outside the edits is kept; the same finding
 * (rule, message, mapped start) does not come back.
 */
export function assertFixesSound(doc: OkrDocument, findings: Finding[], index: WorkspaceIndex): number {
  const lines = new LineIndex(doc.text);
  let count = 0;
  for (const f of findings) {
    for (const fix of f.fixes ?? []) {
      const what = `fix "${fix.title}" of ${f.rule}`;
      if (fix.edits.length === 0) {
        if (fix.select) assertRangeInside(lines, fix.select, `${what} select`);
        continue;
      }
      count++;
      for (const e of fix.edits) {
        assertRangeInside(lines, e.range, what);
        assert.equal(typeof e.newText, 'string', what);
        for (const p of [e.range.start, e.range.end])
          assert.ok(!splitsPair(doc.text, lines.offsetAt(p)), `${what} splits a surrogate pair`);
      }
      const after = applyEdits(doc.text, fix.edits);
      const spans = fix.edits
        .map((e) => ({ s: lines.offsetAt(e.range.start), e: lines.offsetAt(e.range.end), t: e.newText }))
        .sort((a, b) => a.s - b.s);
      // Text outside the edited spans is untouched, in order.
      let prev = 0;
      let shift = 0;
      for (const sp of spans) {
        assert.equal(after.slice(prev + shift, sp.s + shift), doc.text.slice(prev, sp.s), `${what} changed other text`);
        shift += sp.t.length - (sp.e - sp.s);
        prev = sp.e;
      }
      assert.equal(after.slice(prev + shift), doc.text.slice(prev), `${what} changed the tail`);
      // `select` is where the cursor goes once the edits are in: a range of the new text.
      if (fix.select) assertRangeInside(new LineIndex(after), fix.select, `${what} select`);
      const fixed = parseOkr(after, doc.uri, doc.version + 1);
      assertModelRanges(fixed);
      index.set(fixed);
      try {
        const again = checkDocument(fixed, { index, today: TODAY });
        const at = new LineIndex(after).positionAt(mapOffset(lines.offsetAt(f.range.start), spans));
        const back = again.find(
          (g) =>
            g.rule === f.rule &&
            g.message === f.message &&
            g.range.start.line === at.line &&
            g.range.start.character === at.character,
        );
        assert.ok(
          !back,
          `${what} did not fix it: ${JSON.stringify(back)}\n--- before\n${doc.text}\n--- after\n${after}`,
        );
      } finally {
        index.set(doc);
      }
    }
  }
  return count;
}

/** toJsonModel survives a JSON round trip and has the contract's fields with the right types. */
export function assertJsonContract(doc: OkrDocument): void {
  const model = toJsonModel(doc, 'f.okr.md');
  const text = JSON.stringify(model);
  const back = JSON.parse(text) as Record<string, unknown>;
  for (const k of ['file', 'owner', 'level', 'period', 'lang', 'progress', 'objectives']) assert.ok(k in back, k);
  const numOrNull = (v: unknown, what: string) =>
    assert.ok(v === null || (typeof v === 'number' && Number.isFinite(v)), `${what}: ${v}`);
  numOrNull(model.progress, 'progress');
  for (const o of model.objectives) {
    assert.equal(typeof o.id, 'string');
    assert.equal(typeof o.title, 'string');
    assert.ok(Number.isInteger(o.line) && o.line >= 1);
    numOrNull(o.progress, 'objective progress');
    for (const k of o.keyResults) {
      assert.ok(Number.isInteger(k.line) && k.line >= 1);
      for (const f of ['progress', 'rawProgress', 'start', 'target', 'current', 'confidence'] as const)
        numOrNull(k[f], `kr ${f}`);
      assert.ok(Number.isFinite(k.weight), 'weight');
      for (const c of k.checkIns) numOrNull(c.value, 'check-in value');
    }
  }
  // Values that JSON cannot carry (NaN, Infinity) would come back as null: the round trip must be exact.
  assert.deepEqual(back, JSON.parse(JSON.stringify(back)));
  assert.equal(JSON.stringify(back), text);
}
