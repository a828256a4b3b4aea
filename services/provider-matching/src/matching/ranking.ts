import { DeclineReason } from '@ccndr/contracts';

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
  if (target === null) return factor('fit', factorWeights.fit, () => ({ fr: 'Offre un accompagnement dans cette dimension', en: 'Offers support in this dimension' }));
  const distance = Math.min(...stages.map((s) => Math.abs(s - target)));
  if (distance === 0) return factor('fit', factorWeights.fit, () => ({ fr: `Offre un accompagnement à l’étape visée (${target})`, en: `Offers support at the target stage (${target})` }));
  return factor('fit', Math.max(4, factorWeights.fit - 12 * distance), () => ({
    fr: `Offre un accompagnement dans cette dimension, à ${distance} étape(s) de l’étape visée (${target})`,
    en: `Offers support in this dimension, ${distance} stage(s) from the target stage (${target})`,
  }));
}

const languageNames = { fr: { fr: 'français', en: 'French' }, en: { fr: 'anglais', en: 'English' } };

function languageFactor(need: NeedToMatch, candidate: Candidate): Assessment {
  const name = languageNames[need.language];
  return candidate.languages.includes(need.language)
    ? factor('language', factorWeights.language, () => ({ fr: `Travaille en ${name.fr}`, en: `Works in ${name.en}` }))
    : factor('language', 0, () => ({ fr: `Ne travaille pas en ${name.fr}`, en: `Does not work in ${name.en}` }));
}

function regionFactor(need: NeedToMatch, candidate: Candidate): Assessment {
  if (need.province && candidate.provincesServed.includes(need.province)) {
    return factor('region', factorWeights.region, () => ({ fr: `Sert la province ou le territoire de l’organisme (${need.province})`, en: `Serves the organisation’s province or territory (${need.province})` }));
  }
  if (candidate.remote) return factor('region', need.province ? 8 : factorWeights.region, () => ({ fr: 'Travaille à distance', en: 'Works remotely' }));
  if (!need.province) return factor('region', 5, () => ({ fr: 'Province de l’organisme inconnue', en: 'Organisation’s province unknown' }));
  return factor('region', 0, () => ({ fr: `Ne sert pas ${need.province} et ne travaille pas à distance`, en: `Does not serve ${need.province} nor work remotely` }));
}

function costFactor(need: NeedToMatch, candidate: Candidate): Assessment {
  const { kind, feeRange } = candidate.costModel;
  if (kind === 'free' || !feeRange) return factor('cost', factorWeights.cost, () => ({ fr: 'Gratuit', en: 'Free of charge' }));
  const label = kind === 'subsidised' ? { fr: 'Tarif subventionné', en: 'Subsidised fee' } : { fr: 'Tarif', en: 'Fee' };
  const range = `${feeRange.min}–${feeRange.max} $`;
  if (need.budgetMax === null) return factor('cost', kind === 'subsidised' ? 6 : 3, () => ({ fr: `${label.fr} (${range}), budget non précisé`, en: `${label.en} (${range}), no budget given` }));
  if (feeRange.max <= need.budgetMax) return factor('cost', kind === 'subsidised' ? 9 : 8, () => ({ fr: `${label.fr} (${range}) dans le budget`, en: `${label.en} (${range}) within the budget` }));
  if (feeRange.min <= need.budgetMax) return factor('cost', 5, () => ({ fr: `${label.fr} (${range}) en partie dans le budget`, en: `${label.en} (${range}) partly within the budget` }));
  return factor('cost', 0, () => ({ fr: `${label.fr} (${range}) au-delà du budget`, en: `${label.en} (${range}) above the budget` }));
}

function capacityFactor(candidate: Candidate): { factor: Assessment; full: boolean } {
  // A decline for lack of capacity says more than the profile, until the provider updates it.
  const saidFull = candidate.declines.some((d) => d.reason === 'no-capacity' && d.declinedAt > candidate.profileUpdatedAt);
  if (saidFull) {
    return { full: true, factor: factor('capacity', 0, () => ({ fr: 'A décliné faute de disponibilité depuis sa dernière mise à jour', en: 'Declined for lack of capacity since its last profile update' })) };
  }
  const open = candidate.capacity - candidate.activeEngagements;
  if (open <= 0) return { full: true, factor: factor('capacity', 0, () => ({ fr: 'Aucune place libre', en: 'No open engagement slot' })) };
  return { full: false, factor: factor('capacity', Math.min(factorWeights.capacity, 4 + 3 * (open - 1)), () => ({ fr: `${open} place(s) libre(s)`, en: `${open} open engagement slot(s)` })) };
}

function responseFactor(candidate: Candidate): Assessment {
  const { due, onTime } = candidate.responses;
  if (due === 0) return factor('response-record', factorWeights['response-record'] / 2, () => ({ fr: 'Aucune demande reçue jusqu’ici', en: 'No requests received yet' }));
  return factor('response-record', (factorWeights['response-record'] * onTime) / due, () => ({
    fr: `A répondu à ${onTime} demande(s) sur ${due} dans le délai promis`,
    en: `Answered ${onTime} of ${due} request(s) within the promised time`,
  }));
}

function ratingsFactor(candidate: Candidate): Assessment {
  const { count, average } = candidate.ratings;
  if (!count || average === null) return factor('ratings', factorWeights.ratings / 2, () => ({ fr: 'Pas encore évalué', en: 'Not rated yet' }));
  return factor('ratings', ((average - 1) / 4) * factorWeights.ratings, () => ({
    fr: `Noté ${round(average)}/5 par ${count} organisme(s)`,
    en: `Rated ${round(average)}/5 by ${count} organisation(s)`,
  }));
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
  return factor('declines', points, () => ({
    fr: `A décliné ${similar.length} demande(s) semblable(s) (${reasons.map((r) => declineReasonLabels[r].fr).join(', ')})`,
    en: `Declined ${similar.length} similar request(s) (${reasons.map((r) => declineReasonLabels[r].en).join(', ')})`,
  }));
}

export const declineReasonLabels: Record<DeclineReason, { fr: string; en: string }> = {
  'no-capacity': { fr: 'pas de disponibilité', en: 'no capacity' },
  'outside-expertise': { fr: 'hors de son expertise', en: 'outside its expertise' },
  language: { fr: 'langue', en: 'language' },
  region: { fr: 'région', en: 'region' },
  budget: { fr: 'budget', en: 'budget' },
  timing: { fr: 'échéancier', en: 'timing' },
  other: { fr: 'autre', en: 'other' },
};

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
