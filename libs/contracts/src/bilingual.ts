import i18next, { i18n as I18n } from 'i18next';
import ICU from 'i18next-icu';

/** A text a person reads, in both official languages. */
export interface Bilingual {
  en: string;
  fr: string;
}

/** A text in English and French (a refusal's detail, say): the answer picks one by Accept-Language. */
export function say(en: string, fr: string): Bilingual {
  return { en, fr };
}

export function isBilingual(value: unknown): value is Bilingual {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.keys(value).length === 2 && typeof (value as Bilingual).en === 'string' && typeof (value as Bilingual).fr === 'string';
}

/** The locale each official language writes numbers and dates in (« 1 000 », « 37,5 »). */
export const officialLocales = { fr: 'fr-CA', en: 'en-CA' } as const;

/**
 * The one way dates are written for a person: Intl's format of the language's locale, with the one
 * thing Intl gets wrong in French, the first of a month as an ordinal (« 1er juillet 2026 », not
 * « 1 juillet »), where the month is written out (a numeric date, 2026-07-01, stays as it is).
 */
export function dateFormat(language: keyof typeof officialLocales, options: Intl.DateTimeFormatOptions): { format(date: Date): string } {
  const format = new Intl.DateTimeFormat(officialLocales[language], options);
  if (language !== 'fr') return { format: (date) => format.format(date) };
  return {
    format: (date) => {
      const parts = format.formatToParts(date);
      const monthInWords = parts.some((part) => part.type === 'month' && !/^\d+$/.test(part.value));
      return parts.map((part) => (monthInWords && part.type === 'day' && part.value === '1' ? '1er' : part.value)).join('');
    },
  };
}

/**
 * The one way texts with ICU plurals and formats are set up (the portal's pages, community's
 * e-mails): an i18next instance over a French and an English catalogue, numbers written per
 * language, values left unescaped for the page or message that escapes what it interpolates. With
 * `strict`, a text given the wrong values throws rather than showing raw ICU.
 */
export function icuTexts(namespace: string, catalogues: { fr: object; en: object }, options: { strict?: boolean } = {}): I18n {
  const instance = i18next.createInstance();
  void instance.use(ICU).init({
    initAsync: false,
    resources: { fr: { [namespace]: catalogues.fr }, en: { [namespace]: catalogues.en } },
    ns: [namespace],
    defaultNS: namespace,
    lng: 'fr',
    fallbackLng: false,
    interpolation: { escapeValue: false },
    i18nFormat: {
      parseLngForICU: (lng: keyof typeof officialLocales) => officialLocales[lng],
      ...(options.strict
        ? {
            parseErrorHandler: (error: Error) => {
              throw error;
            },
          }
        : {}),
    },
  });
  return instance;
}
