import type { Section } from './indicator';
import { outcome1 } from './outcome-1';
import { outcome2Attendance, outcome2Knowledge, outcome2Participants, outcome2SelfIdentification, outcome2WorkingGroups } from './outcome-2';
import { outcome3 } from './outcome-3';
import { outcome4 } from './outcome-4';
import { readiness } from './readiness';

/**
 * The indicators' sections, in the programme's order: each declares the statement reading its
 * facts. An event marks its consortium stale for the sections whose facts it changes, and the
 * refresher recomputes only those: a change costs what its sections read, not every breakdown of
 * the consortium's history (docs/evaluation.md, "How indicators are kept").
 */
export const sections = {
  outcome1,
  outcome2Attendance,
  outcome2WorkingGroups,
  outcome2Participants,
  outcome2SelfIdentification,
  outcome2Knowledge,
  outcome3,
  outcome4,
  readiness,
} satisfies Record<string, Section>;

export type SectionName = keyof typeof sections;

export const sectionNames = Object.keys(sections) as SectionName[];

/** A set of sections as stored with a stale mark: bit i for the i-th section. */
export function sectionMask(names: readonly SectionName[]): number {
  return names.reduce((mask, name) => mask | (1 << sectionNames.indexOf(name)), 0);
}

export const everySection = sectionMask(sectionNames);

/** The sections whose indicators change with time alone (a gathering starting): the consortium's clock is theirs. */
export const clockedSections = sectionMask(sectionNames.filter((name) => (sections[name] as Section).recomputeAt));

/** The section an indicator belongs to, by its key. */
export function sectionOf(key: string): SectionName {
  const name = sectionNames.find((n) => (sections[n] as Section).keys.some((beginning) => key.startsWith(beginning)));
  if (!name) throw new Error(`no section makes the indicator ${key}`);
  return name;
}

/**
 * Where an indicator row stands in the programme's order: its section's place, then its own within
 * the section, so that a section recomputed alone keeps its rows' places (and a row's place says
 * which section wrote it).
 */
export const positionsPerSection = 1000;
