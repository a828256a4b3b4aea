import { z } from 'zod';

/** Categories of participating organisations, as in the programme's targets. */
export const organizationCategories = [
  'youth-employment-nonprofit',
  'service-provider',
  'technical-advisor',
  'sector-advisor',
  'other-member',
] as const;
export const organizationCategory = z.enum(organizationCategories);
export type OrganizationCategory = z.infer<typeof organizationCategory>;

/** Canadian provinces and territories (ISO 3166-2:CA codes without the country prefix). */
export const provincesAndTerritories = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
export const provinceOrTerritory = z.enum(provincesAndTerritories);
export type ProvinceOrTerritory = z.infer<typeof provinceOrTerritory>;

/** ISO 3166-1 alpha-2 country code. */
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as CA');

export const officialLanguage = z.enum(['fr', 'en']);
export type OfficialLanguage = z.infer<typeof officialLanguage>;

export const memberRoles = [
  'coordinator',
  'nonprofit-staff',
  'provider-staff',
  'technical-advisor',
  'sector-advisor',
  'observer',
] as const;
export const memberRole = z.enum(memberRoles);
export type MemberRole = z.infer<typeof memberRole>;

export const gatheringKinds = ['consortium-meeting', 'workshop', 'consultation', 'working-session'] as const;
export const gatheringKind = z.enum(gatheringKinds);
/** The people an attendance event is about, each with their organisation, so that a subscriber counts them without earlier events. */
export const gatheringAttendees = z.array(z.object({ memberId: z.uuid(), organizationId: z.uuid() })).min(1);
export type GatheringKind = z.infer<typeof gatheringKind>;

/**
 * The years a date of this platform may fall in. A year 0000 or 9999 is a typing slip, and
 * PostgreSQL and the consumers cannot all store what JavaScript and ISO 8601 allow: every command
 * and every event version checks dates against these bounds, so what a command accepts every
 * consumer can apply. The JSON Schemas carry them as `formatMinimum`/`formatMaximum`.
 */
export const dateBounds = { minimum: '1900-01-01', maximum: '2200-12-31' } as const;
export const dateTimeBounds = { minimum: '1900-01-01T00:00:00Z', maximum: '2200-12-31T23:59:59.999Z' } as const;
const outOfBounds = { message: 'must be between the years 1900 and 2200', params: { code: 'field.out-of-range', fr: 'doit se situer entre les années 1900 et 2200' } };
const earliest = Date.parse(dateTimeBounds.minimum);
const latest = Date.parse(dateTimeBounds.maximum);

/** An instant with its offset (ISO 8601), between 1900 and 2200. */
export const timestamp = z.iso
  .datetime({ offset: true })
  // A malformed value (NaN, outside no bound) is reported by the format check alone. Parsed once: every event has several.
  .refine((value) => {
    const at = Date.parse(value);
    return !(at < earliest || at > latest);
  }, outOfBounds)
  .meta({ formatMinimum: dateTimeBounds.minimum, formatMaximum: dateTimeBounds.maximum });

/** A calendar day (ISO 8601, `2026-03-10`), between 1900 and 2200. */
export const calendarDate = z.iso
  .date()
  // Days in this form compare as text; a malformed value is reported by the format check alone.
  .refine((value) => !/^\d{4}-\d\d-\d\d$/.test(value) || (value >= dateBounds.minimum && value <= dateBounds.maximum), outOfBounds)
  .meta({ formatMinimum: dateBounds.minimum, formatMaximum: dateBounds.maximum });

/** When a gathering reminder goes out: minutes before the gathering starts, from five minutes to two weeks. */
export const reminderOffsetMinutes = z.number().int().min(5).max(14 * 24 * 60);

/** A person's answer to a gathering invitation: registration, never to be confused with attendance. */
export const registrationResponse = z.enum(['going', 'maybe', 'not-going']);
export type RegistrationResponse = z.infer<typeof registrationResponse>;

/** The programme's three prototypes: 1 readiness journey, 2 community of practice, 3 provider connections. */
export const prototypeNumber = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** Key of a readiness dimension of the assessment framework, e.g. `data-governance`. */
export const readinessDimensionKey = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be a readiness dimension key such as data-governance');

/** What a person shared with the community. */
export const knowledgeItemType = z.enum(['thread', 'reply', 'resource']);
export const reactionKind = z.enum(['helpful', 'insightful', 'thanks']);

/** The programme report's feedback criteria. */
export const feedbackCriterion = z.enum(['participation', 'perceived-value', 'model-contribution', 'trust-synergy']);
export type FeedbackCriterion = z.infer<typeof feedbackCriterion>;

/** A score on the 1–5 scale used by surveys and reviews. */
export const scaleScore = z.number().int().min(1).max(5);

/** Stakeholders rate a collaboration model on these; designated experts on the next three. */
export const stakeholderCriteria = ['feasibility', 'effectiveness', 'scalability'] as const;
export const expertCriteria = ['impact', 'viability', 'relevance'] as const;

/** Self-identified age bands (one answer). */
export const ageBands = ['under-20', '20-24', '25-29', '30-39', '40-49', '50-64', '65-plus', 'prefer-not-to-say'] as const;
export const ageBand = z.enum(ageBands);
/** Self-identified identity groups (any number of answers). */
export const identityGroups = ['indigenous', 'black', 'east-asian', 'south-asian', 'southeast-asian', 'latin-american', 'middle-eastern', 'white', 'another-identity'] as const;
export const identityGroup = z.enum(identityGroups);
