import { icuTexts, officialLocales } from '@ccndr/contracts';
import en from './en.json';
import fr from './fr.json';
import { Catalogue, parametersOf } from './message-types';
import { Messages } from './messages.generated';

export type { Messages } from './messages.generated';
export type Language = 'fr' | 'en';

/** The locale each language writes numbers in (« 1 000 », « 37,5 »): the same as ctx.format's. */
export const locales: Record<Language, string> = officialLocales;

/** Every text a person reads in the portal, one ICU catalogue per official language. */
export const catalogues: Record<Language, Catalogue> = { fr, en };

// Pages escape what they interpolate (views/html.ts); a text missing a value fails loudly (the type check prevents it).
const i18n = icuTexts('portal', { fr, en }, { strict: true });

/** A catalogue as `Messages`: a plain text as its string, a text with arguments as a function of them. */
function translations(lang: Language, node: Catalogue, prefix = ''): Record<string, unknown> {
  const t = i18n.getFixedT(lang);
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      if (typeof value !== 'string') return [key, translations(lang, value, path)];
      return [key, Object.keys(parametersOf(value)).length ? (values: Record<string, unknown>) => String(t(path, values)) : String(t(path))];
    }),
  );
}

/** Worked out once per language: a page reads `ctx.t.key`, or calls `ctx.t.key({ count })`. */
export const messages = {
  fr: translations('fr', fr) as Messages,
  en: translations('en', en) as Messages,
} satisfies Record<Language, Messages>;
