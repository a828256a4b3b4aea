/** The parts of the report a coordinator writes: a narrative under each outcome, then the learnings. */
export const narrativeSections = ['outcome-1', 'outcome-2', 'outcome-3', 'outcome-4', 'learnings'] as const;
export type NarrativeSection = (typeof narrativeSections)[number];

/** The longest text of one language (characters). */
export const narrativeMaxLength = 10_000;

/** The period a narrative is kept with; both null: the consortium's whole history. */
export interface NarrativePeriod {
  from: string | null;
  to: string | null;
}

/** One version of a section, as the API serves it: a language not written is null. */
export interface Narrative {
  section: NarrativeSection;
  period: NarrativePeriod;
  version: number;
  fr: string | null;
  en: string | null;
  writtenAt: string;
}
