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
