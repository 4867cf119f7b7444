// The transfer form of outlines (core/workspace/slim.ts `packSlim` / `unpackSlim`): worker threads
// and the persisted cache move outlines as plain data. What comes back must read exactly like the
// outline that went in, through every field and getter of the model, after any structured copy.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeTree } from '../../scripts/bench/corpus';
import { parseOkr } from '../../server/src/core/index';
import { listOkrFiles } from '../../server/src/core/workspace/load';
import {
  isSlim,
  packSlim,
  slimForIndex,
  sourceMatches,
  unpackSlim,
  type PackedSlim,
} from '../../server/src/core/workspace/slim';
import { fileUri, NodeFs } from '../../server/src/node/nodeFs';
import { view } from './outlineView';

/** Only plain objects, arrays, primitives and typed arrays: what every structured copy keeps as is. */
function assertPlain(v: unknown, at: string): void {
  if (v === null || typeof v !== 'object') {
    assert.ok(typeof v !== 'function' && typeof v !== 'symbol' && typeof v !== 'bigint', at);
    return;
  }
  if (ArrayBuffer.isView(v)) return;
  if (Array.isArray(v)) return v.forEach((x, i) => assertPlain(x, `${at}[${i}]`));
  assert.equal(Object.getPrototypeOf(v), Object.prototype, `${at} is a plain object`);
  for (const [k, x] of Object.entries(v)) {
    assert.ok(Object.getOwnPropertyDescriptor(v, k)!.get === undefined, `${at}.${k} is no getter`);
    assertPlain(x, `${at}.${k}`);
  }
}

const copies: [string, (p: PackedSlim) => PackedSlim][] = [
  ['as is', (p) => p],
  ['structuredClone', (p) => structuredClone(p)],
  ['v8 serialize', (p) => deserialize(serialize(p)) as PackedSlim],
];

async function texts(dir: string): Promise<Map<string, string>> {
  const fs = new NodeFs();
  const out = new Map<string, string>();
  for (const uri of await listOkrFiles(fs, [fileUri(dir)])) out.set(uri, (await fs.readText(uri))!);
  return out;
}

describe('packed outlines (slim.ts packSlim / unpackSlim)', () => {
  let treeDir: string;
  const files = new Map<string, string>();

  before(async () => {
    for (const [u, t] of await texts(path.join(__dirname, '..', '..', 'samples'))) files.set(u, t);
    treeDir = mkdtempSync(path.join(tmpdir(), 'okr-pack-'));
    writeTree(treeDir, 100);
    for (const [u, t] of await texts(path.join(treeDir, 'tree-100'))) files.set(u, t);
    // Wide ranges (Int32Array), a front matter parent shared by objectives, mentions, a skipped file.
    files.set(
      'file:///far.okr.md',
      `${'\n'.repeat(70000)}## O1: Far down ${'x'.repeat(70000)}\n- KR1: Deals from 0 to 10\n`,
    );
    files.set(
      'file:///ws/team.okr.md',
      '---\nlevel: team\nparent: ../company.okr.md#o1\nowner: Ops\nperiod: 2026-Q4\ntags: [a, {b: c}]\n---\n# Team\n## @Lan\n' +
        '### O1: Keep calm with @Minh\n- [x] KR1: Ship it\n- [ ] KR2: Write the docs (weight 2)\n### O2: Grow\n- KR1: Users from 1 to 3 k\n',
    );
    files.set('file:///ws/binary.okr.md', 'a\u0000b');
    files.set('file:///ws/empty.okr.md', '');
  });
  after(() => rmSync(treeDir, { recursive: true, force: true }));

  it('gives back an outline that reads the same, through any structured copy', () => {
    assert.ok(files.size > 100);
    for (const [uri, text] of files) {
      const full = parseOkr(text, uri, -1);
      const slim = slimForIndex(full);
      const expected = view(slim);
      for (const from of [slim, full]) {
        const packed = packSlim(from);
        assertPlain(packed, uri);
        for (const [how, copy] of copies) {
          const back = unpackSlim(copy(packSlim(from)));
          assert.ok(isSlim(back), `${uri} (${how}) is an outline`);
          assert.deepStrictEqual(view(back), expected, `${uri} (${how}, from ${isSlim(from) ? 'outline' : 'model'})`);
          assert.ok(sourceMatches(back, text), `${uri} (${how}) knows its text`);
          assert.ok(!sourceMatches(back, `${text}x`), `${uri} (${how}) knows another text`);
          assert.equal(slimForIndex(back), back);
        }
      }
    }
  });

  it('keeps links shared between objectives shared, and survives a second trip', () => {
    const text = files.get('file:///ws/team.okr.md')!;
    const full = parseOkr(text, 'file:///ws/team.okr.md', 3);
    const back = unpackSlim(structuredClone(packSlim(slimForIndex(full))));
    const [o1, o2] = back.objectives;
    assert.equal(o1.alignsTo[0] === o2.alignsTo[0], full.objectives[0].alignsTo[0] === full.objectives[1].alignsTo[0]);
    assert.deepEqual(
      back.objectives.map((o) => o.alignsTo.map((l) => [l.href, l.fromParent])),
      [[['../company.okr.md#o1', true]], [['../company.okr.md#o1', true]]],
    );
    assert.equal(back.version, 3);
    assert.deepEqual(
      o1.mentions.map((m) => m.name),
      ['Minh'],
    );
    const again = unpackSlim(deserialize(serialize(packSlim(back))) as PackedSlim);
    assert.deepStrictEqual(view(again), view(back));
  });

  it('keeps no view into the buffer an outline arrived in', () => {
    const text = files.get('file:///ws/team.okr.md')!;
    const bytes = serialize(packSlim(parseOkr(text, 'file:///ws/team.okr.md', -1)));
    // As a cache file read whole: the entry sits in a much larger buffer.
    const big = Buffer.alloc(1 << 20);
    bytes.copy(big, 4096);
    const back = unpackSlim(deserialize(big.subarray(4096, 4096 + bytes.length)) as PackedSlim);
    const coords = (back.objectives[0] as unknown as { c: Uint16Array }).c;
    assert.ok(coords.length > 0);
    assert.equal(coords.buffer.byteLength, coords.byteLength);
    assert.deepStrictEqual(view(back), view(slimForIndex(parseOkr(text, 'file:///ws/team.okr.md', -1))));
  });

  it('packs an outline far smaller than the model it came from', () => {
    const text = files.get([...files.keys()].find((u) => u.endsWith('/company.okr.md'))!)!;
    const full = parseOkr(text, 'file:///c.okr.md', -1);
    const packedSize = serialize(packSlim(full)).length;
    const modelSize = serialize(full).length;
    assert.ok(packedSize * 4 < modelSize, `${packedSize} bytes packed, ${modelSize} for the model`);
  });
});
