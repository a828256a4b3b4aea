import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { readinessDimensionKey, timestamp } from '../../vocabulary';

export const matchFactorKeys = ['fit', 'language', 'region', 'cost', 'capacity', 'response-record', 'ratings', 'declines'] as const;

/**
 * Ranked providers for a need (the first ten), each with its score and the points every factor
 * contributed. Recomputed when the need opens, is refreshed from a new assessment, or a provider declines.
 */
export const MatchSuggestedV1 = defineEvent(
  'provider-matching',
  'match',
  'suggested',
  1,
  z.object({
    needId: z.uuid(),
    organizationId: z.uuid(),
    dimension: readinessDimensionKey,
    suggestions: z.array(
      z.object({
        providerId: z.uuid(),
        rank: z.number().int().min(1),
        score: z.number(),
        full: z.boolean(),
        factors: z.partialRecord(z.enum(matchFactorKeys), z.number()),
      }),
    ),
    suggestedAt: timestamp,
  }),
  (data) => `need/${data.needId}`,
);
