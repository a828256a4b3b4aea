import { parse, TYPE, MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

type Catalogue = { [key: string]: string | Catalogue };
const flat = (node: Catalogue, prefix = ''): Record<string, string> =>
  Object.fromEntries(Object.entries(node).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value]] : Object.entries(flat(value, `${prefix}${key}.`)))));
const argumentsOf = (elements: MessageFormatElement[]): string[] => elements.flatMap((e) => (e.type === TYPE.literal || e.type === TYPE.pound ? [] : [`${e.value}:${e.type}`])).sort();

describe('the dashboard’s catalogues', () => {
  const french = flat(fr as Catalogue);
  const english = flat(en as Catalogue);

  it('have the same keys, each text with the same ICU values of the same kind, none empty', () => {
    expect(Object.keys(english)).toEqual(Object.keys(french));
    for (const key of Object.keys(french)) {
      expect({ key, fr: argumentsOf(parse(french[key])) }).toEqual({ key, fr: argumentsOf(parse(english[key])) });
      expect({ key, empty: !french[key].trim() || !english[key].trim() }).toEqual({ key, empty: false });
    }
  });

  it('say each thing in each language: no French text equals its English one', () => {
    expect(Object.keys(french).filter((key) => french[key] === english[key])).toEqual([]);
  });
});
