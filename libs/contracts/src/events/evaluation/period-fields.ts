import { z } from 'zod';
import { Bilingual } from '../../bilingual';
import { calendarDate } from '../../vocabulary';

/**
 * The figures of a period as evaluation computed them: aggregates only, one per indicator of the
 * catalogue, a value suppressed for small counts null as it is everywhere it is shown.
 */
export const periodIndicators = z
  .array(
    z.object({
      key: z.string().regex(/^[a-z0-9.-]{1,120}$/),
      value: z.number().min(-1_000_000_000).max(1_000_000_000).nullable(),
      /** Withheld by the small-count rule (its value then null), as against no data yet. */
      suppressed: z.boolean(),
      target: z
        .object({
          comparison: z.enum(['more-than', 'at-least', 'between']),
          value: z.number().min(0).max(1_000_000),
          max: z.number().min(0).max(1_000_000).nullable(),
          dueOn: calendarDate.nullable(),
        })
        .nullable(),
      status: z.enum(['met', 'not-met', 'on-track', 'tracked']),
    }),
  )
  .max(1000);

/** A period's days (UTC): from its first day, to the day it ends (not included). */
export const periodFields = {
  periodId: z.uuid(),
  from: calendarDate,
  to: calendarDate,
};

/** Why figures of a closed period were restated: a code, never free text. */
export const restatementReason = z.enum(['late-records', 'corrected-records', 'withdrawn-records']);
export type RestatementReason = z.infer<typeof restatementReason>;

export const restatementReasonLabels: Record<RestatementReason, Bilingual> = {
  'late-records': { en: 'Records that came in late', fr: 'Données reçues en retard' },
  'corrected-records': { en: 'Records corrected', fr: 'Données corrigées' },
  'withdrawn-records': { en: 'Records withdrawn', fr: 'Données retirées' },
};
