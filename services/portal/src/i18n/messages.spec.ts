import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import en from './en.json';
import fr from './fr.json';
import { flatten, messageTypesSource, parametersOf } from './message-types';
import { messages } from './messages';

/** Words written the same in both languages; any other French text equal to its English one is an untranslated text. */
const sameInBothLanguages = new Set(['OK', 'Date', 'Type', 'Version', 'Description', 'Dimension', 'Dimensions', 'Budget', 'Engagements', 'Experts', 'Consultation', 'Communication', 'Score', 'Menu', 'Programme']);

const french = new Map(flatten(fr));
const english = new Map(flatten(en));
const nbsp = '\u00a0';
/** A text's ICU parameters and their kinds, in name order: each language places them where its sentence needs them. */
const sortedParameters = (text: string) => JSON.stringify(Object.entries(parametersOf(text)).sort(([a], [b]) => a.localeCompare(b)));

describe('the portal’s catalogues', () => {
  it('have exactly the same keys in French and English', () => {
    expect([...english.keys()].sort()).toEqual([...french.keys()].sort());
  });

  it('take the same ICU parameters, of the same kind, for each key', () => {
    const differing = [...french].filter(([key, text]) => sortedParameters(text) !== sortedParameters(english.get(key) ?? ''));
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('have no empty text', () => {
    const empty = [...french, ...english].filter(([, text]) => !text.trim());
    expect(empty.map(([key]) => key)).toEqual([]);
  });

  it('translate every French text, except words written the same in both languages', () => {
    // A text of values and punctuation only (`{stage, number} – {name}`) has no words to translate.
    const untranslated = [...french].filter(([key, text]) => english.get(key) === text && !sameInBothLanguages.has(text) && /\p{L}/u.test(text.replace(/\{[^}]*\}/g, '')));
    expect(untranslated).toEqual([]);
  });

  it('give every plural message a singular and a plural form in both languages', () => {
    const incomplete = [...french, ...english].filter(([, text]) =>
      parse(text, { ignoreTag: true }).some((element) => element.type === TYPE.plural && !(element.options.one && element.options.other)),
    );
    expect(incomplete.map(([key]) => key)).toEqual([]);
  });

  it('agree with the generated type of the texts (npm run portal-messages writes it)', () => {
    expect(readFileSync(join(__dirname, 'messages.generated.ts'), 'utf8')).toBe(messageTypesSource(fr));
  });
});

describe('the portal’s texts', () => {
  it('write plurals in French with 0 and 1 singular, and in English with 1 alone singular', () => {
    const counts = [0, 1, 2, 1000];
    expect(counts.map((count) => messages.fr.recorded({ count }))).toEqual([
      '0 présence consignée.',
      '1 présence consignée.',
      '2 présences consignées.',
      `1${nbsp}000 présences consignées.`,
    ]);
    expect(counts.map((count) => messages.en.recorded({ count }))).toEqual(['0 attendances recorded.', '1 attendance recorded.', '2 attendances recorded.', '1,000 attendances recorded.']);
    expect(counts.map((count) => messages.fr.responsesCount({ count }))).toEqual(['0 réponse', '1 réponse', '2 réponses', `1${nbsp}000 réponses`]);
    expect(counts.map((count) => messages.en.responsesCount({ count }))).toEqual(['0 responses', '1 response', '2 responses', '1,000 responses']);
    expect(counts.map((submitted) => messages.fr.inProgress({ submitted, total: 1000 }))).toEqual([
      `en cours${nbsp}: 0 sur 1${nbsp}000 a soumis`,
      `en cours${nbsp}: 1 sur 1${nbsp}000 a soumis`,
      `en cours${nbsp}: 2 sur 1${nbsp}000 ont soumis`,
      `en cours${nbsp}: 1${nbsp}000 sur 1${nbsp}000 ont soumis`,
    ]);
    expect(counts.map((submitted) => messages.en.inProgress({ submitted, total: 1000 }))).toEqual([
      'in progress: 0 of 1,000 submitted',
      'in progress: 1 of 1,000 submitted',
      'in progress: 2 of 1,000 submitted',
      'in progress: 1,000 of 1,000 submitted',
    ]);
  });

  it('say what a save or an import of attendance changed, leaving out the parts that are zero', () => {
    expect(messages.fr.attendanceSaved({ recorded: 0, withdrawn: 0 })).toBe(`Aucun changement${nbsp}: les présences étaient déjà à jour.`);
    expect(messages.fr.attendanceSaved({ recorded: 2, withdrawn: 1 })).toBe('2 présences consignées, 1 présence retirée.');
    expect(messages.en.attendanceSaved({ recorded: 1, withdrawn: 0 })).toBe('1 person recorded as present.');
    expect(messages.en.attendanceSaved({ recorded: 0, withdrawn: 3 })).toBe('3 attendances withdrawn.');
    expect(messages.fr.joinLogImported({ recorded: 0, skipped: 2, short: 0 })).toBe('Aucune nouvelle présence consignée, 2 lignes ignorées (aucun membre correspondant).');
    expect(messages.en.joinLogImported({ recorded: 1000, skipped: 0, short: 1 })).toBe('1,000 people recorded as present, 1 person stayed less than the minimum.');
  });

  it('write numbers inside texts the way each language writes them', () => {
    expect(messages.fr.hoursPerWeek({ hours: 37.5 })).toBe('37,5 h par semaine');
    expect(messages.en.hoursPerWeek({ hours: 37.5 })).toBe('37.5 h per week');
    expect(messages.fr.ratedBy.provider({ score: 4.5 })).toBe(`Note du fournisseur${nbsp}: 4,5/5`);
    expect(messages.fr.offering({ position: 1000 })).toBe(`Offre 1${nbsp}000`);
  });

  it('give a plain text as a string and a text with values as a function of them', () => {
    expect(messages.fr.scheduled).toBe('Rencontre planifiée.');
    expect(messages.en.kinds.workshop).toBe('Workshop');
    expect(messages.fr.partUnavailable({ part: messages.fr.parts.evaluation })).toBe(
      'L’évaluation (tableau de bord et rapport) ne répond pas pour l’instant ; le reste du portail fonctionne. Réessayez dans un instant.',
    );
  });

  it('are checked by the compiler: a key the catalogue lacks or a wrong value does not compile', () => {
    // These lines are here for tsc (npm run typecheck): each must be an error, or the build fails.
    // @ts-expect-error a key that is not in the catalogue
    expect(messages.fr.noSuchText).toBeUndefined();
    // @ts-expect-error a value the text does not take (and at run time, the missing count throws)
    expect(() => messages.fr.recorded({ number: 1 })).toThrow();
    // @ts-expect-error a text for a count takes a number (never called: tsc alone can refuse it)
    const countInWords = () => messages.fr.recorded({ count: 'two' });
    expect(countInWords).toBeInstanceOf(Function);
  });
});
