import i18next from 'i18next';
import ICU from 'i18next-icu';
import en from './en.json';
import fr from './fr.json';
import { Catalogue, parametersOf } from './message-types';
import { Messages } from './messages.generated';

export type { Messages } from './messages.generated';
export type Language = 'fr' | 'en';

/** The locale each language writes numbers in (« 1 000 », « 37,5 »): the same as ctx.format's. */
export const locales: Record<Language, string> = { fr: 'fr-CA', en: 'en-CA' };

/** Every text a person reads in the portal, one ICU catalogue per official language. */
export const catalogues: Record<Language, Catalogue> = { fr, en };

const i18n = i18next.createInstance();
void i18n.use(ICU).init({
  initAsync: false,
  resources: { fr: { portal: fr }, en: { portal: en } },
  ns: ['portal'],
  defaultNS: 'portal',
  lng: 'fr',
  fallbackLng: false,
  // Pages escape what they interpolate (views/html.ts), so the texts stay raw here.
  interpolation: { escapeValue: false },
  i18nFormat: {
    parseLngForICU: (lng: Language) => locales[lng],
    // A text missing a value fails loudly (the type check prevents it) rather than showing raw ICU.
    parseErrorHandler: (error: Error) => {
      throw error;
    },
  },
});

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
