import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';

const dir = path.join(__dirname, '..', 'fixtures', 'report');

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { write: (s) => (out += s) }, { write: (s) => (err += s) });
  return { code, out, err };
}

/** Text golden file beside the fixtures (UPDATE_FIXTURES=1 rewrites it). */
function assertGoldenText(file: string, actual: string): void {
  if (process.env.UPDATE_FIXTURES === '1' || !existsSync(file)) {
    if (process.env.CI && !existsSync(file)) assert.fail(`missing expectation file ${file}`);
    writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `differs from ${file}`);
}

describe('okr report (snapshots of samples/ on 2026-11-23)', () => {
  // Paths in the report are relative to the working directory: mocha runs from the repository root.
  for (const [fmt, locale, name] of [
    ['md', 'en', 'samples.md'],
    ['md', 'vi', 'samples.vi.md'],
    ['md', 'zh-cn', 'samples.zh-cn.md'],
    ['html', 'en', 'samples.html'],
    ['json', 'en', 'samples.json'],
  ]) {
    it(`--format ${fmt} --locale ${locale} matches ${name}`, async () => {
      const r = await run('report', 'samples', '--format', fmt, '--locale', locale, '--today', '2026-11-23');
      assert.equal(r.code, 0, r.err);
      assertGoldenText(path.join(dir, name), r.out);
      if (fmt === 'json') {
        const data = JSON.parse(r.out);
        assert.deepEqual(Object.keys(data), ['today', 'statistics', 'owners', 'alignment']);
        assert.equal(data.statistics.scored, 60);
        const company = data.owners.find((o: { file: string }) => o.file === 'samples/company.okr.md');
        assert.equal(company.objectives[1].type, 'committed');
        assert.equal(company.objectives[1].status, 'off-track');
        // The alignment tree starts at the company file, with departments under it.
        assert.equal(data.alignment[0].file, 'samples/company.okr.md');
        assert.ok(data.alignment[0].children.some((c: { file: string }) => c.file.endsWith('sales.okr.md')));
      }
    });
  }

  it('writes a self-contained, escaped HTML file', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'okr-report-'));
    writeFileSync(
      path.join(tmp, 'x.okr.md'),
      '---\nowner: "<b>Team</b> & co"\nperiod: 2026-Q4\n---\n\n## O1: Ship a < b && c > d "quotes" \'x\'\n\n- KR1: from 0 to 10 <img src=x onerror=alert(1)>\n  - 2026-11-01: 5\n',
    );
    const r = await run('report', tmp, '--format', 'html', '--today', '2026-11-23');
    assert.equal(r.code, 0, r.err);
    assert.ok(!/<script|<img|<b>/i.test(r.out), r.out);
    assert.ok(r.out.includes('Ship a &lt; b &amp;&amp; c &gt; d &quot;quotes&quot; &#39;x&#39;'), r.out);
    assert.ok(r.out.includes('&lt;b&gt;Team&lt;/b&gt; &amp; co'));
    assert.ok(!/\b(?:src|href)=/i.test(r.out), 'no remote or linked assets');
    assert.ok(r.out.includes('@media print'));
  });

  it('refuses an unknown format and a missing folder', async () => {
    assert.equal((await run('report', 'samples', '--format', 'pdf')).code, 2);
    const missing = await run('report', 'no-such-folder');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file or folder/);
  });
});
