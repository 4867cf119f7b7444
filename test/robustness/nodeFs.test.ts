// The Node file system's listing: the URIs it makes without pathToFileURL, the paths it reads back
// without fileURLToPath, and the stats it takes for the outline cache.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SKIPPED_DIRS } from '../../server/src/core/workspace/files';
import { fileUri, NodeFs, uriToPath } from '../../server/src/node/nodeFs';

/** What the workspace listing skips (core/workspace/load.ts). */
const SKIP = (name: string) => SKIPPED_DIRS.has(name) || name.startsWith('.');

// Names a URI keeps as they are, and names it escapes or a URL parser would change.
const NAMES = [
  'plain.okr.md',
  "it's (v2) & co!.okr.md",
  'a+b=c;d,e@f$g~h*i:j.okr.md',
  'with space.okr.md',
  'percent %41.okr.md',
  'hash#1.okr.md',
  'query?.okr.md',
  'Nguyễn Văn An.okr.md',
  '财务部.okr.md',
  '🎯 goals.okr.md',
  'back\\slash.okr.md',
  'brace{}.okr.md',
  'tab\tname.okr.md',
  '..dots.okr.md',
  '.hidden.okr.md',
];

describe('NodeFs listing', () => {
  let tmp: string;
  let ws: string;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'okr-nodefs-'));
    ws = path.join(tmp, 'w s%');
    for (const dir of ['', 'team', 'Đội 1', 'node_modules', '.git', 'nested/deeper']) {
      mkdirSync(path.join(ws, dir), { recursive: true });
      for (const name of NAMES) {
        // Names the platform refuses (a backslash or tab on some) are left out.
        try {
          writeFileSync(path.join(ws, dir, name), `# ${name}\n`);
        } catch {
          // not creatable here
        }
      }
    }
    symlinkSync(path.join(ws, 'plain.okr.md'), path.join(ws, 'team', 'link.okr.md'), 'file');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('makes the URIs pathToFileURL makes, in folder order, and skips the folders asked', async () => {
    const uris = await new NodeFs().listFiles(fileUri(ws), SKIP);
    assert.ok(uris.length >= NAMES.length * 3, String(uris.length));
    for (const uri of uris) {
      const p = fileURLToPath(uri);
      assert.equal(uri, pathToFileURL(p).toString(), p);
      assert.equal(uriToPath(uri), p);
      assert.ok(!p.includes('node_modules') && !p.includes(`${path.sep}.git${path.sep}`), p);
    }
    assert.ok(uris.some((u) => u.endsWith('/team/link.okr.md')));
  });

  it('reads back paths from URIs exactly as fileURLToPath does', () => {
    const uris = [
      'file:///a/b.okr.md',
      'file:///a/./b.okr.md',
      'file:///a/x/../b.okr.md',
      'file:///a/%E8%B4%A2.okr.md',
      'file:///a/b%20c.okr.md',
      'file:///a//b.okr.md',
      'file:///a/b.okr.md#o1',
      'file:///a/b.okr.md?x=1',
      'file:///C:/a/b.okr.md',
      'file:///',
      'file:///a/.hidden/b.okr.md',
      "file:///a/it's(1)!.okr.md",
    ];
    for (const uri of uris) assert.equal(uriToPath(uri), fileURLToPath(uri), uri);
  });

  it('takes each regular file stat while listing when asked, once, and only then', async () => {
    const plain = new NodeFs();
    await plain.listFiles(fileUri(ws), SKIP);
    assert.equal(plain.takeListedStamp(path.join(ws, 'plain.okr.md')), null);

    const fs = new NodeFs({ statWhileListing: true });
    const uris = await fs.listFiles(fileUri(ws), SKIP);
    const file = path.join(ws, 'team', 'plain.okr.md');
    const st = statSync(file);
    assert.deepEqual(fs.takeListedStamp(file), [st.size, st.mtimeMs, st.ctimeMs, st.ino]);
    assert.equal(fs.takeListedStamp(file), null, 'taken once');
    // A symlinked file has the stat of its target.
    const link = fs.takeListedStamp(path.join(ws, 'team', 'link.okr.md'));
    assert.equal(link?.[3], statSync(path.join(ws, 'plain.okr.md')).ino);
    assert.ok(fs.takeListedStamp(uriToPath(uris[0])));
    fs.forgetListedStamps();
    assert.equal(fs.takeListedStamp(uriToPath(uris[1])), null);
  });
});
