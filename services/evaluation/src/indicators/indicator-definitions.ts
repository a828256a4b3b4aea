import { OrganizationCategory, organizationCategories } from '@ccndr/contracts';

/** `tracked`: a figure followed without a target. */
export type IndicatorStatus = 'met' | 'not-met' | 'tracked';

export interface IndicatorDefinition {
  key: string;
  outcome: 1 | 2 | 3 | 4;
  label: { en: string; fr: string };
  /** Default target from the programme's evaluation criteria; null for a figure followed without one. */
  target: number | null;
  /** `more-than`: met when the value exceeds the target; `at-least`: when it reaches it. */
  comparison: 'more-than' | 'at-least';
}

const categoryLabels: Record<OrganizationCategory, { en: string; fr: string; target: number }> = {
  'youth-employment-nonprofit': { en: 'youth-employment nonprofits', fr: 'OBNL en employabilité des jeunes', target: 10 },
  'service-provider': { en: 'service providers', fr: 'fournisseurs de services', target: 10 },
  'technical-advisor': { en: 'technical advisors', fr: 'conseillers techniques', target: 2 },
  'sector-advisor': { en: 'sector advisors', fr: 'conseillers sectoriels', target: 3 },
  'other-member': { en: 'other members', fr: 'autres membres', target: 1 },
};

export const meetingParticipants: IndicatorDefinition = {
  key: 'o1.meeting-participants',
  outcome: 1,
  label: { en: 'Participants in consortium meetings', fr: 'Participants aux rencontres du consortium' },
  target: 60,
  comparison: 'more-than',
};

export const activeOrganizations: IndicatorDefinition[] = organizationCategories.map((category) => ({
  key: `o1.active-organizations.${category}`,
  outcome: 1,
  label: { en: `Active ${categoryLabels[category].en}`, fr: `${categoryLabels[category].fr[0].toUpperCase()}${categoryLabels[category].fr.slice(1)} actifs` },
  target: categoryLabels[category].target,
  comparison: 'at-least',
}));

export const assessmentsCompleted: IndicatorDefinition = {
  key: 'o1.assessments-completed',
  outcome: 1,
  label: { en: 'Readiness assessments completed', fr: 'Autoévaluations de préparation terminées' },
  target: null,
  comparison: 'at-least',
};

export const partnershipsConfirmed: IndicatorDefinition = {
  key: 'o4.partnerships.confirmed',
  outcome: 4,
  label: { en: 'Confirmed partnerships', fr: 'Partenariats confirmés' },
  target: null,
  comparison: 'at-least',
};

export const partnershipsInNegotiation: IndicatorDefinition = {
  key: 'o4.partnerships.in-negotiation',
  outcome: 4,
  label: { en: 'Partnerships in negotiation', fr: 'Partenariats en négociation' },
  target: null,
  comparison: 'at-least',
};

/** Average collaboration records per month, from the month of the first to that of the last; the breakdown gives each month by kind. */
export const collaborationIntensity: IndicatorDefinition = {
  key: 'o4.collaboration-intensity',
  outcome: 4,
  label: { en: 'Collaboration between partners (records per month)', fr: 'Collaboration entre partenaires (activités par mois)' },
  target: null,
  comparison: 'at-least',
};

export const indicatorDefinitions: IndicatorDefinition[] = [
  ...activeOrganizations,
  meetingParticipants,
  assessmentsCompleted,
  partnershipsConfirmed,
  partnershipsInNegotiation,
  collaborationIntensity,
];

export function statusOf(definition: IndicatorDefinition, value: number): IndicatorStatus {
  if (definition.target === null) return 'tracked';
  const met = definition.comparison === 'more-than' ? value > definition.target : value >= definition.target;
  return met ? 'met' : 'not-met';
}
