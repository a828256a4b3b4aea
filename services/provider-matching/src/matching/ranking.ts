import { DeclineReason, icuTexts } from '@ccndr/contracts';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

/** The explanations' texts, with ICU plurals and numbers written per language. */
const i18n = icuTexts('matching', { fr, en }, { strict: true });

/** One explanation in both languages; a value that is itself a text key is written in each language first. */
function explained(key: string, values: Record<string, string | number | ((lng: 'fr' | 'en') => string)> = {}): { fr: string; en: string } {
  const write = (lng: 'fr' | 'en') =>
    i18n.t(key, { lng, ...Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === 'function' ? value(lng) : value])) }) as string;
  return { fr: write('fr'), en: write('en') };
}

/** Maximum points of each factor; a perfect match scores 100. Declines only take points away. */
export const factorWeights = { fit: 40, language: 15, region: 10, cost: 10, capacity: 10, 'response-record': 10, ratings: 5 } as const;
export type FactorKey = keyof typeof factorWeights | 'declines';

/** Past declines older than this no longer count against a provider. */
const declineMemoryDays = 365;

export interface NeedToMatch {
  id: string;
  dimension: string;
  currentStage: number | null;
  targetStage: number | null;
  language: 'fr' | 'en';
  /** The nonprofit's province or territory, when community knows it. */
  province: string | null;
  budgetMax: number | null;
  /** What the consortium's framework calls its stages, by number (none known: a stage is written by its number). */
  stageNames: Partial<Record<number, { fr: string; en: string }>>;
}

export interface PastDecline {
  reason: DeclineReason;
  dimension: string;
  language: string | null;
  province: string | null;
  budgetMax: number | null;
  declinedAt: Date;
}

export interface Candidate {
  providerId: string;
  offerings: { dimensions: string[]; stages: number[] }[];
  languages: string[];
  provincesServed: string[];
  remote: boolean;
  costModel: { kind: 'free' | 'subsidised' | 'fee'; feeRange: { min: number; max: number } | null };
  capacity: number;
  /** Engagements accepted, scoped or active: each takes one slot. */
  activeEngagements: number;
  profileUpdatedAt: Date;
  /** Requests whose answer was due (answered, expired or overdue) and those answered in time. */
  responses: { due: number; onTime: number };
  /** Ratings nonprofits gave after completed engagements. */
  ratings: { count: number; average: number | null };
  declines: PastDecline[];
  /** How many recent suggestion lists of the consortium this provider led (fairness). */
  recentLeads: number;
}

export interface Factor {
  key: FactorKey;
  points: number;
  /** Most points the factor can give (0 for declines, which only subtract). */
  max: number;
  explanation: { fr: string; en: string };
}

export interface Suggestion {
  providerId: string;
  rank: number;
  score: number;
  /** No open engagement slot: ranked after every provider that has one. */
  full: boolean;
  factors: Factor[];
}

/**
 * Ranks the providers for one need. Pure and deterministic: the same need, candidates and `now`
 * give the same list. Providers with no offering for the need's dimension are left out; providers
 * with open slots come before full ones; then the score; among equal scores, the provider that led
 * fewer recent lists comes first, and a hash of need and provider settles the rest.
 */
export function rankProviders(need: NeedToMatch, candidates: Candidate[], now: Date, limit = 10): Suggestion[] {
  const scored = candidates.flatMap((candidate) => {
    const fit = fitFactor(need, candidate);
    if (!fit) return [];
    const capacity = capacityFactor(candidate);
    const factors = [fit, languageFactor(need, candidate), regionFactor(need, candidate), costFactor(need, candidate), capacity.factor, responseFactor(candidate), ratingsFactor(candidate)];
    const declines = declinesFactor(need, candidate, now);
    if (declines) factors.push(declines);
    const score = round(factors.reduce((sum, f) => sum + f.points, 0));
    return [{ providerId: candidate.providerId, score, full: capacity.full, factors, recentLeads: candidate.recentLeads, tieBreak: tieBreak(need.id, candidate.providerId) }];
  });
  scored.sort((a, b) => Number(a.full) - Number(b.full) || b.score - a.score || a.recentLeads - b.recentLeads || a.tieBreak - b.tieBreak || compareText(a.providerId, b.providerId));
  // Explanations are written for the suggestions shown only: ranking thousands stays cheap.
  return scored.slice(0, limit).map(({ providerId, score, full, factors }, index) => ({
    providerId,
    rank: index + 1,
    score,
    full,
    factors: factors.map(({ key, points, max, explain }) => ({ key, points, max, explanation: explain() })),
  }));
}

/** A factor's points, with its explanation written only when asked for. */
interface Assessment {
  key: FactorKey;
  points: number;
  max: number;
  explain: () => Factor['explanation'];
}

function fitFactor(need: NeedToMatch, candidate: Candidate): Assessment | null {
  const stages = candidate.offerings.filter((o) => o.dimensions.includes(need.dimension)).flatMap((o) => o.stages);
  if (!stages.length) return null;
  const target = need.targetStage ?? (need.currentStage ? Math.min(5, need.currentStage + 1) : null);
  if (target === null) return factor('fit', factorWeights.fit, () => explained('fit.dimension'));
  // « 2 – En développement »: a stage by its number and the framework's name for it.
  const stage = (lng: 'fr' | 'en') => {
    const name = need.stageNames[target]?.[lng];
    return name ? (i18n.t('stage', { lng, stage: target, name }) as string) : String(target);
  };
  const distance = Math.min(...stages.map((s) => Math.abs(s - target)));
  if (distance === 0) return factor('fit', factorWeights.fit, () => explained('fit.target', { stage }));
  return factor('fit', Math.max(4, factorWeights.fit - 12 * distance), () => explained('fit.near', { distance, stage }));
}

function languageFactor(need: NeedToMatch, candidate: Candidate): Assessment {
  const language = (lng: 'fr' | 'en') => i18n.t(`language.${need.language}`, { lng }) as string;
  return candidate.languages.includes(need.language)
    ? factor('language', factorWeights.language, () => explained('language.works', { language }))
    : factor('language', 0, () => explained('language.doesNotWork', { language }));
}

function regionFactor(need: NeedToMatch, candidate: Candidate): Assessment {
  const province = (lng: 'fr' | 'en') => i18n.t(`province.${need.province}`, { lng }) as string;
  if (need.province && candidate.provincesServed.includes(need.province)) return factor('region', factorWeights.region, () => explained('region.served', { province }));
  if (candidate.remote) return factor('region', need.province ? 8 : factorWeights.region, () => explained('region.remote'));
  if (!need.province) return factor('region', 5, () => explained('region.unknown'));
  return factor('region', 0, () => explained('region.notServed', { province }));
}

function costFactor(need: NeedToMatch, candidate: Candidate): Assessment {
  const { kind, feeRange } = candidate.costModel;
  if (kind === 'free' || !feeRange) return factor('cost', factorWeights.cost, () => explained('cost.free'));
  const values = {
    label: (lng: 'fr' | 'en') => i18n.t(kind === 'subsidised' ? 'cost.subsidised' : 'cost.fee', { lng }) as string,
    range: (lng: 'fr' | 'en') => i18n.t('cost.range', { lng, ...feeRange }) as string,
  };
  if (need.budgetMax === null) return factor('cost', kind === 'subsidised' ? 6 : 3, () => explained('cost.noBudget', values));
  if (feeRange.max <= need.budgetMax) return factor('cost', kind === 'subsidised' ? 9 : 8, () => explained('cost.within', values));
  if (feeRange.min <= need.budgetMax) return factor('cost', 5, () => explained('cost.partly', values));
  return factor('cost', 0, () => explained('cost.above', values));
}

function capacityFactor(candidate: Candidate): { factor: Assessment; full: boolean } {
  // A decline for lack of capacity says more than the profile, until the provider updates it.
  const saidFull = candidate.declines.some((d) => d.reason === 'no-capacity' && d.declinedAt > candidate.profileUpdatedAt);
  if (saidFull) {
    return { full: true, factor: factor('capacity', 0, () => explained('capacity.saidFull')) };
  }
  const open = candidate.capacity - candidate.activeEngagements;
  if (open <= 0) return { full: true, factor: factor('capacity', 0, () => explained('capacity.none')) };
  return { full: false, factor: factor('capacity', Math.min(factorWeights.capacity, 4 + 3 * (open - 1)), () => explained('capacity.open', { open })) };
}

function responseFactor(candidate: Candidate): Assessment {
  const { due, onTime } = candidate.responses;
  if (due === 0) return factor('response-record', factorWeights['response-record'] / 2, () => explained('responses.none'));
  return factor('response-record', (factorWeights['response-record'] * onTime) / due, () => explained('responses.record', { onTime, due }));
}

function ratingsFactor(candidate: Candidate): Assessment {
  const { count, average } = candidate.ratings;
  if (!count || average === null) return factor('ratings', factorWeights.ratings / 2, () => explained('ratings.none'));
  return factor('ratings', ((average - 1) / 4) * factorWeights.ratings, () => explained('ratings.rated', { average: round(average), count }));
}

/** Declines that resemble this need: the provider told us it would not take it. */
function declinesFactor(need: NeedToMatch, candidate: Candidate, now: Date): Assessment | null {
  const since = now.getTime() - declineMemoryDays * 86_400_000;
  const similar = candidate.declines.filter((d) => {
    if (d.declinedAt.getTime() < since) return false;
    switch (d.reason) {
      case 'outside-expertise':
        return d.dimension === need.dimension;
      case 'language':
        return d.language === need.language;
      case 'region':
        return need.province !== null && d.province === need.province;
      case 'budget':
        return need.budgetMax === null || (d.budgetMax !== null && need.budgetMax <= d.budgetMax);
      default:
        return false;
    }
  });
  if (!similar.length) return null;
  const penalty = { 'outside-expertise': 10, language: 10, region: 10, budget: 5 } as Partial<Record<DeclineReason, number>>;
  const points = -Math.min(30, similar.reduce((sum, d) => sum + (penalty[d.reason] ?? 0), 0));
  const reasons = [...new Set(similar.map((d) => d.reason))];
  const reasonList = (lng: 'fr' | 'en') => new Intl.ListFormat(lng === 'fr' ? 'fr-CA' : 'en-CA', { type: 'unit' }).format(reasons.map((r) => i18n.t(`declines.reason.${r}`, { lng }) as string));
  return factor('declines', points, () => explained('declines.similar', { count: similar.length, reasons: reasonList }));
}

function factor(key: FactorKey, points: number, explain: Assessment['explain']): Assessment {
  return { key, points: round(points), max: key === 'declines' ? 0 : factorWeights[key], explain };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * A number that orders equal providers differently for each need (FNV-1a of need and provider):
 * stable across runs and machines, so the order is deterministic, yet not alphabetical.
 */
function tieBreak(needId: string, providerId: string): number {
  let hash = 0x811c9dc5;
  const text = `${needId}:${providerId}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Code-unit order: the same on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
