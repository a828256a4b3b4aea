import { icuTexts } from '@ccndr/contracts';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

export type Language = 'fr' | 'en';

/** The dashboard's and its charts' texts (the report draws the same charts): one ICU catalogue per language. */
export const dashboardI18n = icuTexts('dashboard', { fr, en }, { strict: true });

/** One text of the catalogue in `lang`, its ICU values filled in (numbers written as the language writes them). */
export function dashboardText(lang: Language, key: string, values: Record<string, string | number> = {}): string {
  return dashboardI18n.t(key, { lng: lang, ...values }) as string;
}
