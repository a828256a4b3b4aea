import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indicatorCatalogue } from '@ccndr/indicators';

/**
 * Every indicator of the catalogue has a specification test: a test of the projection specs
 * (`*.int-spec.ts` beside this file) whose name starts with the keys it specifies, as in
 * `it('o2.attendance-rate: …')` or `it('o4.partnerships.confirmed, o4.partnerships.in-negotiation: …')`.
 */
describe('indicator specifications', () => {
  it('name every indicator of the catalogue', () => {
    const specified = new Set<string>();
    for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.int-spec.ts'))) {
      for (const [, keys] of readFileSync(join(__dirname, file), 'utf8').matchAll(/\bit\('([^':]+):/g)) for (const key of keys.split(', ')) specified.add(key);
    }
    expect(indicatorCatalogue.map((d) => d.key).filter((key) => !specified.has(key))).toEqual([]);
  });
});
