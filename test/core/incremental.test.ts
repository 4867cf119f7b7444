// Per-objective reuse across versions must never change a result. After random edits of the
// generated corpus, every fixture and sample (typing, new lines, deletions, structural snippets)
// and keystrokes in a big file, the incremental path (section parser with lazily moved positions,
// whole objectives from the BuildMemo, findings per objective from the CheckCache, lens titles and
// tree items per objective) must deep-equal a build and check from scratch: the model, the
// findings (several configurations and message languages), the code lenses and the tree items.
// It must also take the reuse path often, so it cannot pass by always rebuilding.
// INCR_FUZZ_STEPS=40 INCR_FUZZ_SEED=n runs a longer search.
import { strict as assert } from 'node:assert';
import { keystrokes } from '../../scripts/bench/bench';
import { bigFile, rng } from '../../scripts/bench/corpus';
import { checkDocument, type CheckOptions } from '../../server/src/core/check';
import { CheckCache } from '../../server/src/core/checkCache';
import type { OkrConfig } from '../../server/src/core/config';
import type { Locale } from '../../server/src/core/messages';
import type { OkrDocument } from '../../server/src/core/model';
import { parseOkr } from '../../server/src/core/parse/index';
import { BuildMemo } from '../../server/src/core/parse/memo';
import { nestingProblem } from '../../server/src/core/parse/guard';
import { NestingMemo } from '../../server/src/core/parse/guardMemo';
import { parseMarkdown } from '../../server/src/core/parse/markdown';
import { lazyMarkdown, SectionParser, splitSections } from '../../server/src/core/parse/sections';
import { LineIndex } from '../../server/src/core/text';
import { elapsedOf } from '../../server/src/core/progress';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { ObjectiveItemCache, ownPart } from '../../server/src/lsp/features/objectives';
import { LensTitleCache, progressLenses } from '../../server/src/lsp/features/progressLens';
import { ruleById } from '../../server/src/core/rules/index';
import { edit, inputs } from './parseInputs';

const TODAY = '2026-11-23';

/** The settings a check may run under: they change between versions too. */
const SETUPS: { configs?: OkrConfig[]; locale?: Locale; today: string }[] = [
  { today: TODAY },
  { today: TODAY },
  { today: TODAY, locale: 'vi' },
  { today: '2027-02-01', configs: [{ profile: 'google' }] },
  {
    today: TODAY,
    configs: [{ rules: { 'kr-is-activity': { words: ['close', 'paying'] }, 'kr-no-evidence': 'error' } }],
  },
  { today: TODAY, configs: [{ rules: { 'progress-invalid': 'off', 'alignment-missing': 'hint' } }] },
];

/** Typing as people type: characters and line breaks anywhere, often at the end of a line. */
function typing(text: string, r: () => number): string {
  const lines = text.split('\n');
  const line = Math.floor(r() * lines.length);
  const l = lines[line];
  const at = r() < 0.5 ? l.length : Math.floor(r() * (l.length + 1));
  const c = 'xé字 1%:\n'[Math.floor(r() * 8)];
  lines[line] = l.slice(0, at) + c + l.slice(at);
  return lines.join('\n');
}

function tree(doc: OkrDocument, today: string, cache?: ObjectiveItemCache) {
  const elapsed = elapsedOf(doc.period, today);
  return doc.objectives.map((o) =>
    cache ? cache.get(doc, o, elapsed, 'a/b.okr.md') : ownPart(doc, o, elapsed, 'a/b.okr.md'),
  );
}

describe('per-objective reuse (parse/index.ts, checkCache.ts, lenses, tree)', () => {
  it('gives the same model, findings, lenses and tree items as from scratch after random edits', function () {
    const steps = Number(process.env.INCR_FUZZ_STEPS ?? 8);
    this.timeout(Math.max(180000, steps * 40000));
    const r = rng(Number(process.env.INCR_FUZZ_SEED ?? 11));
    let objectives = 0;
    let reused = 0;
    let findingsReused = 0;
    let findingsMoved = 0;
    let restarts = 0;
    let splices = 0;
    const all = [...inputs(), { name: 'big-60', text: bigFile(60) }];
    for (const input of all) {
      const uri = `file:///${input.name}`;
      const memo = new BuildMemo();
      const sp = new SectionParser();
      const checks = new CheckCache();
      const lenses = new LensTitleCache();
      const items = new ObjectiveItemCache();
      let text = input.text;
      let setup = SETUPS[0];
      for (let step = 0; step < steps; step++) {
        // Settings change now and then (each change makes the findings cache start over).
        if (r() < 0.2) setup = SETUPS[Math.floor(r() * SETUPS.length)];
        const fresh = parseOkr(text, uri, step);
        const doc = parseOkr(text, uri, step, { memo, markdown: sp.parseMarkdown });
        assert.deepEqual(doc, fresh, `${input.name}: the model differs after edit ${step}`);
        objectives += doc.objectives.length;
        reused += memo.objectiveHits;
        if (memo.restarted) restarts++;
        if (memo.spliced) splices++;

        const opts: CheckOptions = { today: setup.today, configs: setup.configs, locale: setup.locale };
        const found = checkDocument(doc, { ...opts, cache: checks });
        assert.deepEqual(found, checkDocument(fresh, opts), `${input.name}: findings differ after edit ${step}`);
        findingsReused += checks.hits;
        findingsMoved += checks.moved;
        const diagnostics = found.map((f) => toDiagnostic(f, ruleById.get(f.rule)?.meta.docs));
        assert.deepEqual(
          diagnostics,
          checkDocument(fresh, opts).map((f) => toDiagnostic(f, ruleById.get(f.rule)?.meta.docs)),
        );

        const locale = setup.locale ?? 'en';
        assert.deepEqual(
          progressLenses(doc, setup.today, locale, lenses),
          progressLenses(fresh, setup.today, locale),
          `${input.name}: lenses differ after edit ${step}`,
        );
        assert.deepEqual(tree(doc, setup.today, items), tree(fresh, setup.today), `${input.name}: tree items differ`);

        text = r() < 0.35 ? edit(text, r) : typing(text, r);
      }
    }
    // The point of it: most objectives and their findings come back from the caches.
    assert.ok(reused > objectives * 0.5, `${reused} of ${objectives} objectives reused`);
    // Line breaks typed above objectives: findings of the moved copies carried over, not computed again.
    assert.ok(findingsMoved > 0, 'no findings were carried over to a moved objective');
    console.log(
      `      ${reused} of ${objectives} objectives reused; ${findingsReused} objective findings (${findingsMoved} moved); ${restarts} restarts; ${splices} keystrokes spliced into the version before`,
    );
    // The keystroke path of big files (spliceEdit) is taken, and proven equal above each time.
    assert.ok(splices > all.length * steps * 0.05, `${splices} keystrokes spliced`);
    assert.ok(findingsReused > objectives * 3, `${findingsReused} objective findings reused`);
    assert.ok(restarts < all.length * steps * 0.2, `${restarts} builds gave up reusing`);
  });

  it('decides the nesting guard as guard.ts does, chunk by chunk across edits', () => {
    const r = rng(23);
    const stars = (n: number) => `${'*a'.repeat(n)}\n`;
    // Near each of the guard's limits, with `#` lines (chunk cuts) inside blocks and blank lines
    // between them: a random edit moves the text across the limits and the cuts.
    const bases = [
      bigFile(20),
      `# T\n\n${stars(2500)}# H\n${stars(2490)}\n# H2\n${stars(2400)}`,
      `# T\n${stars(4990)}#\n${stars(5)}\n\n${stars(2490)}#x\n${stars(2505)}`,
      `${stars(1000)}# A\n${stars(1000)}# B\n${stars(1000)}# C\n${stars(1000)}# D\n${stars(995)}`,
      `${'> '.repeat(16)}x\n# H\n${'  '.repeat(16)}- y\n\n${'> '.repeat(17)}z\n`,
      `# T\n${'> > > > > > > > x\n'.repeat(999)}# H\n${'> > > > > > > > x\n'.repeat(3)}`,
      '',
      '#',
      '\n#\n',
    ];
    const snippets = ['\n', '\n\n', '#', '\n# ', '*', '**', '[', '> ', '    ', '- ', '\r\n'];
    let problems = 0;
    let steps = 0;
    for (const base of bases) {
      const memo = new NestingMemo();
      let text = base;
      for (let step = 0; step < 30; step++) {
        const want = nestingProblem(text);
        assert.equal(memo.problem(text), want, `step ${step}`);
        if (want) problems++;
        steps++;
        const at = Math.floor(r() * (text.length + 1));
        const k = r();
        if (k < 0.5) text = text.slice(0, at) + snippets[Math.floor(r() * snippets.length)] + text.slice(at);
        else if (k < 0.8) text = text.slice(0, at) + text.slice(at + Math.floor(r() * 200));
        else text = text.slice(0, at) + stars(Math.floor(r() * 60)) + text.slice(at);
      }
    }
    // Both verdicts occur often.
    assert.ok(problems > steps / 8 && problems < steps - steps / 8, `${problems} problems in ${steps} texts`);
  });

  it('cuts sections and gives the root position as before, from the line starts the builder passes', () => {
    for (const input of [...inputs(), { name: 'crlf', text: 'a\r\n\r\n# b\r## c\n' }, { name: 'empty', text: '' }]) {
      const sp = new SectionParser();
      const lazy = lazyMarkdown(sp.parseMarkdown)!;
      const text = input.text.replace(/^\ufeff/, '');
      const lines = new LineIndex(text).lineStarts;
      assert.deepEqual(lazy(text, lines).position, parseMarkdown(text).position, input.name);
      // The cuts found with the line starts at hand are the cuts found without.
      const r = rng(text.length);
      for (const t of [text, edit(text, r), edit(text, r), typing(text, r)]) {
        assert.deepEqual(splitSections(t, new LineIndex(t).lineStarts), splitSections(t), input.name);
      }
    }
  });

  it('reuses every objective but the edited one on a keystroke in a big file, and moved ones after an Enter', () => {
    const text = bigFile(40);
    const memo = new BuildMemo();
    const sp = new SectionParser();
    const checks = new CheckCache();
    const first = parseOkr(text, 'file:///b.okr.md', 0, { memo, markdown: sp.parseMarkdown });
    checkDocument(first, { today: TODAY, cache: checks });
    const n = first.objectives.length;
    let v = 1;
    let last = text;
    for (const typed of keystrokes(text, 5)) {
      last = typed;
      const doc = parseOkr(typed, 'file:///b.okr.md', v, { memo, markdown: sp.parseMarkdown });
      assert.deepEqual(doc, parseOkr(typed, 'file:///b.okr.md', v++));
      assert.equal(memo.objectiveHits, n - 1);
      // Typing at the end of a key result line: that objective alone is built.
      assert.ok(memo.spliced);
      const found = checkDocument(doc, { today: TODAY, cache: checks });
      assert.deepEqual(found, checkDocument(parseOkr(typed, 'file:///b.okr.md', v), { today: TODAY }));
      // Nine objective-local rules: all but the edited objective's findings come from the cache.
      assert.equal(checks.misses, 9);
      // The same objects: what depends on them (diagnostics, lenses, tree items) can be kept too.
      assert.ok(doc.objectives.filter((o) => first.objectives.includes(o)).length >= n - 5);
    }
    const enter = last.replace('\n## ', '\n\n## ');
    const moved = parseOkr(enter, 'file:///b.okr.md', v, { memo, markdown: sp.parseMarkdown });
    assert.deepEqual(moved, parseOkr(enter, 'file:///b.okr.md', v));
    assert.ok(memo.objectiveHits >= n - 1, `${memo.objectiveHits} of ${n} reused after a new line`);
    // Below the new line every objective is a moved copy: its findings are the old ones, moved.
    const found = checkDocument(moved, { today: TODAY, cache: checks });
    assert.deepEqual(found, checkDocument(parseOkr(enter, 'file:///b.okr.md', v), { today: TODAY }));
    assert.ok(checks.moved >= (n - 2) * 9, `${checks.moved} objective findings carried over`);
  });

  it('builds the whole file again when an edit inside one objective changes the rest of it', () => {
    const check = (versions: string[]) => {
      const memo = new BuildMemo();
      const sp = new SectionParser();
      const outcomes: boolean[] = [];
      versions.forEach((text, v) => {
        const doc = parseOkr(text, 'file:///f.okr.md', v, { memo, markdown: sp.parseMarkdown });
        assert.deepEqual(doc, parseOkr(text, 'file:///f.okr.md', v), `version ${v}`);
        outcomes.push(memo.spliced);
      });
      return outcomes;
    };
    // A heading inside O1 shares its slug with a later objective's heading (`grow-revenue-1`):
    // renaming it renames that one too.
    const slugs = `# Plan\n\n## O1: Ship faster\n\n### Grow revenue\n\n- KR1: Cut lead time from 10 to 5 days\n\n## Grow revenue\n\n- KR1: Reach 20 customers\n`;
    assert.deepEqual(
      check([
        slugs,
        slugs.replace('10 to 5', '10 to 4'),
        slugs.replace('10 to 5', '10 to 4').replace('### Grow revenue', '### Grow revenues'),
      ]),
      [false, true, false],
    );
    // Typing Chinese into an English file until its start reads as Chinese: every objective changes.
    const en = `# Plan\n\n## O1: Ship faster\n\n- KR1: Cut lead time from 10 to 5 days\n\n## O2: Sell more\n\n- KR1: Reach 20 customers\n`;
    const versions = [en];
    for (let k = 1; k <= 40; k++) versions.push(en.replace('5 days', `5 days${'字'.repeat(k)}`));
    const outcomes = check(versions);
    assert.ok(outcomes.includes(true) && outcomes.slice(1).includes(false), outcomes.join(' '));
  });

  it('builds one objective into the version before only where nothing else can change (one-line edits)', function () {
    this.timeout(120000);
    const r = rng(Number(process.env.INCR_FUZZ_SEED ?? 5));
    // What a keystroke can do without a new line: open a fence, a heading, an HTML block, a quote,
    // a table row, a definition, a placeholder or a directive; change the language of the start.
    const pieces = [
      'x',
      'é',
      '字',
      ' ',
      '1',
      '%',
      '`',
      '```',
      '~~~',
      '#',
      '## ',
      '<',
      '<div>',
      '<!--',
      '-->',
      '> ',
      '|',
      '- ',
      '[',
      ']',
      '[x]: y',
      '[x]',
      '<metric>',
      '<!-- okr-disable-next-line -->',
      '\t',
      '---',
      '===',
      'Mục tiêu: ',
      '目标：',
      '**',
    ];
    let spliced = 0;
    let built = 0;
    for (const [name, base] of [
      ['lf', bigFile(30)],
      ['crlf', bigFile(30).replace(/\n/g, '\r\n')],
      [
        'owner sections',
        `---\nowner: Ana\nparent: ../company.okr.md#o1\n---\n# Team\n\n## Sales\n\n${bigFile(6).replace(/^---[\s\S]*?---\n/, '')}\n## Ops\n\n### O1: Ship faster\n\n- KR1: Cut lead time from 10 to 5 days\n`,
      ],
    ] as const) {
      const memo = new BuildMemo();
      const sp = new SectionParser();
      let text = base;
      for (let step = 0; step < 100; step++) {
        const doc = parseOkr(text, `file:///${name}`, step, { memo, markdown: sp.parseMarkdown });
        assert.deepEqual(doc, parseOkr(text, `file:///${name}`, step), `${name}: the model differs after edit ${step}`);
        if (memo.spliced) spliced++;
        else built++;
        // A one-line edit anywhere: inserted, deleted or replaced, often where a line starts.
        const at = Math.floor(r() * text.length);
        const lineStart = text.lastIndexOf('\n', at - 1) + 1;
        const pos = r() < 0.4 ? lineStart : at;
        // Mostly plain typing; now and then back to the file as it was (a structural piece such as
        // a definition turns the memo off for as long as it stays).
        if (r() < 0.1) {
          text = base;
          continue;
        }
        const piece = r() < 0.5 ? 'xé字 1%'[Math.floor(r() * 6)] : pieces[Math.floor(r() * pieces.length)];
        let cut = r() < 0.3 ? Math.floor(r() * 6) : 0;
        while (cut > 0 && /[\r\n]/.test(text.slice(pos, pos + cut))) cut--;
        text = text.slice(0, pos) + piece + text.slice(pos + cut);
      }
    }
    console.log(`      ${spliced} versions spliced, ${built} built as before`);
    assert.ok(spliced > 60 && built > 60, `${spliced} spliced, ${built} built as before`);
  });
});
