import { strict as assert } from 'node:assert';
import { catalogs, LOCALES } from '../../server/src/core/messages';

describe('message catalogs', () => {
  it('every key exists in every language, with the same placeholders', () => {
    for (const key of Object.keys(catalogs.en)) {
      const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const locale of LOCALES) {
        const text = catalogs[locale][key];
        assert.ok(text && text.trim(), `${locale} lacks ${key}`);
        assert.deepEqual(params(text), params(catalogs.en[key]), `${locale} ${key} placeholders`);
      }
    }
    for (const locale of LOCALES)
      assert.deepEqual(Object.keys(catalogs[locale]).sort(), Object.keys(catalogs.en).sort());
  });
});
