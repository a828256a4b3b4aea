import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';

const root = join(__dirname, '..');

/** Every French catalogue of the services: `fr.json` or `<part>.fr.json` in an `i18n` folder. */
function frenchCatalogues(): string[] {
  return readdirSync(join(root, 'services'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.split(sep).includes('i18n') && /(^|[\\/.])fr\.json$/.test(path) && !path.includes('node_modules'))
    .map((path) => join(root, 'services', path))
    .sort();
}

type Catalogue = { [key: string]: string | Catalogue };
const texts = (node: Catalogue, prefix = ''): [string, string][] =>
  Object.entries(node).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : texts(value, `${prefix}${key}.`)));

/** The words a person reads in an ICU message: its literal text, plural and select branches included, never its syntax. */
function literals(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((element) => {
    if (element.type === TYPE.literal) return [element.value];
    if (element.type === TYPE.plural || element.type === TYPE.select) return Object.values(element.options).flatMap((option) => literals(option.value));
    if (element.type === TYPE.tag) return literals(element.children);
    return [];
  });
}

/**
 * French typography: a no-break space (U+00A0, the one the whole platform uses) before : ; ? ! and
 * inside « », so that a line never breaks before the sign. An ordinary, narrow or thin space there
 * is a fault, and so is none at all between a word and ; ? ! (a colon right after a letter can be a
 * time or an address, so only its spaces are checked).
 */
const breakableSpace = /[\u0020\u202f\u2009](?=[:;?!»])|«[\u0020\u202f\u2009]|[\p{L})»](?=[;?!])/u;

describe('French typography in the catalogues', () => {
  const catalogues = frenchCatalogues();

  it('finds every French catalogue of the services', () => {
    expect(catalogues.map((file) => relative(root, file).split(sep).join('/'))).toEqual(
      expect.arrayContaining([
        'services/portal/src/i18n/fr.json',
        'services/community/src/notifications/i18n/fr.json',
        'services/evaluation/src/dashboard/i18n/fr.json',
        'services/provider-matching/src/matching/i18n/fr.json',
      ]),
    );
  });

  it('writes a no-break space before : ; ? ! and inside « », in every text', () => {
    const faults = catalogues.flatMap((file) =>
      texts(JSON.parse(readFileSync(file, 'utf8')) as Catalogue)
        .filter(([, text]) => literals(parse(text, { ignoreTag: true })).some((words) => breakableSpace.test(words)))
        .map(([key, text]) => `${relative(root, file)} ${key}: ${text}`),
    );
    expect(faults).toEqual([]);
  });

  it('reads an ICU message’s words only, not its syntax', () => {
    const faulty = (text: string) => literals(parse(text, { ignoreTag: true })).some((words) => breakableSpace.test(words));
    expect(faulty('{amount, number, ::currency/CAD} au plus tard le {dueOn}')).toBe(false);
    expect(faulty('{count, plural, one {un paiement} other {# paiements}}\u00a0: {list}')).toBe(false);
    expect(faulty('{count, plural, one {un paiement} other {# paiements}} : {list}')).toBe(true);
    expect(faulty('{response, select, going {Présent·e.} other {Pas encore répondu : dites-nous.}}')).toBe(true);
    expect(faulty('«\u00a0{title}\u00a0»')).toBe(false);
    expect(faulty('« {title}\u00a0»')).toBe(true);
    expect(faulty('«\u00a0{title} »')).toBe(true);
    expect(faulty('Clore la période {period}\u202f?')).toBe(true);
    expect(faulty('Un service ne répond pas; réessayez.')).toBe(true);
    expect(faulty('Un service ne répond pas\u00a0; réessayez.')).toBe(false);
  });
});
