import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url);
const readJson = (f: string) => JSON.parse(readFileSync(new URL(f, root), 'utf8'));
const pkg = readJson('package.json');
const LANGS = ['vi', 'zh-cn'];

/** Every %key% the manifest uses, with where it is. */
function manifestKeys(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') {
    const m = /^%([^%]+)%$/.exec(value);
    return m ? [[m[1], path]] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => manifestKeys(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => manifestKeys(v, `${path}.${k}`));
  }
  return [];
}

/** Placeholders such as {0} or {name} that a translation must keep. */
const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('localization', () => {
  describe('manifest (package.nls*.json)', () => {
    const en = readJson('package.nls.json');
    const used = manifestKeys(pkg);

    it('every %key% of package.json has English, Vietnamese and Chinese text', () => {
      assert.ok(used.length > 10);
      for (const lang of ['', ...LANGS.map((l) => `.${l}`)]) {
        const nls = readJson(`package.nls${lang}.json`);
        const missing = used.filter(([k]) => typeof nls[k] !== 'string' || !nls[k].trim());
        assert.deepEqual(missing, [], `package.nls${lang}.json lacks keys (run node scripts/nls.mjs)`);
      }
    });

    it('translations have exactly the English keys, keep links to commands and are not left in English', () => {
      for (const lang of LANGS) {
        const nls = readJson(`package.nls.${lang}.json`);
        assert.deepEqual(Object.keys(nls).sort(), Object.keys(en).sort(), lang);
        for (const [k, v] of Object.entries<string>(nls)) {
          assert.deepEqual(v.match(/\(command:[^)]+\)/g), en[k].match(/\(command:[^)]+\)/g), `${lang} ${k}`);
          // Brand names may stay; sentences must be translated.
          if (en[k].split(' ').length > 3) assert.notEqual(v, en[k], `${lang} ${k} is still English`);
        }
      }
    });

    it('leaves no literal title or description in the manifest (run node scripts/nls.mjs)', () => {
      const c = pkg.contributes;
      const literal = (v: unknown) => typeof v === 'string' && !/^%[^%]+%$/.test(v);
      const found: string[] = [];
      for (const cmd of c.commands ?? []) if (literal(cmd.title)) found.push(`command ${cmd.command}`);
      for (const [name, p] of Object.entries<Record<string, unknown>>(c.configuration?.properties ?? {})) {
        for (const f of ['description', 'markdownDescription']) if (literal(p[f])) found.push(`${name}.${f}`);
        for (const f of ['enumDescriptions', 'markdownEnumDescriptions']) {
          if (Array.isArray(p[f]) && (p[f] as unknown[]).some(literal)) found.push(`${name}.${f}`);
        }
      }
      for (const list of Object.values<{ id: string; name: string }[]>(c.views ?? {})) {
        for (const v of list) if (literal(v.name)) found.push(`view ${v.id}`);
      }
      for (const w of c.walkthroughs ?? []) {
        for (const s of [w, ...w.steps])
          if (literal(s.title) || literal(s.description)) found.push(`walkthrough ${s.id}`);
      }
      assert.deepEqual(found, []);
    });

    it('documents every setting, including what each choice means', () => {
      for (const [name, p] of Object.entries<Record<string, unknown>>(pkg.contributes.configuration.properties)) {
        assert.ok(p.description || p.markdownDescription, `${name} has no description`);
        if (Array.isArray(p.enum) && p.enum.length > 1 && name !== 'okr.rules') {
          const d = (p.enumDescriptions ?? p.markdownEnumDescriptions) as unknown[] | undefined;
          assert.equal(d?.length, p.enum.length, `${name} needs enumDescriptions`);
        }
      }
    });
  });

  describe('walkthrough', () => {
    it('has its media pages in every language', () => {
      for (const lang of ['', ...LANGS.map((l) => `.${l}`)]) {
        const nls = readJson(`package.nls${lang}.json`);
        for (const w of pkg.contributes.walkthroughs) {
          for (const s of w.steps) {
            const key = /^%([^%]+)%$/.exec(s.media?.markdown ?? '')?.[1];
            const media = key ? nls[key] : s.media?.markdown;
            assert.ok(media && existsSync(new URL(media, root)), `${lang} ${s.id}: ${media}`);
            if (lang) assert.notEqual(media, readJson('package.nls.json')[key ?? ''], `${lang} ${s.id} page`);
          }
        }
      }
    });
  });

  describe('client strings (l10n/bundle.l10n*.json)', () => {
    const en = readJson('l10n/bundle.l10n.json');

    it('package.json points VS Code at the bundles', () => assert.equal(pkg.l10n, './l10n'));

    it('every vscode.l10n.t string of the client is in the English bundle (npm run l10n:export)', () => {
      const strings = new Set<string>();
      for (const f of tsFiles(new URL('client/src', root).pathname)) {
        const src = readFileSync(f, 'utf8');
        for (const m of src.matchAll(/l10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g))
          strings.add(m[2].replace(/\\(.)/g, '$1'));
      }
      assert.ok(strings.size > 0);
      assert.deepEqual(
        [...strings].filter((s) => !(s in en)),
        [],
      );
    });

    for (const lang of LANGS) {
      it(`every key has a ${lang} translation with the same placeholders`, () => {
        const tr = readJson(`l10n/bundle.l10n.${lang}.json`);
        for (const [k, v] of Object.entries<string | { message: string }>(en)) {
          const source = typeof v === 'string' ? v : v.message;
          const t = tr[k];
          assert.equal(typeof t, 'string', `${lang} lacks "${k}"`);
          assert.ok(t.trim(), `${lang} "${k}" is empty`);
          assert.deepEqual(params(t), params(source), `${lang} "${k}" placeholders`);
        }
      });
    }
  });
});
