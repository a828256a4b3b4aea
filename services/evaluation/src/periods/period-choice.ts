import { z } from 'zod';
import { schemaMessage } from '@ccndr/service-kit';
import { IndicatorFigure, IndicatorsService } from '../indicators/indicators.service';
import { checkedPeriod, periodFields, periodOf } from '../indicators/period';
import { PeriodsService } from './periods.service';

/*
 * The period an output covers — the report and the exports alike: none (the whole history, live
 * figures), a period (`from`, `to`, computed on read) or a closed period (`period`, its frozen
 * figures). One query and one resolution, so the report and every export agree on a period's figures.
 */

export const periodChoiceFields = {
  ...periodFields,
  period: z.uuid().optional().describe('A closed period: its frozen figures and restatements / Une période close\u00a0: ses chiffres figés et ses redressements'),
};

/** A query with `from`/`to` or `period` checked: `from` before `to`; `period` alone. */
export function checkedPeriodChoice<T extends z.ZodObject>(schema: T) {
  return checkedPeriod(schema).refine(
    (q) => {
      const { period, from, to } = q as { period?: string; from?: string; to?: string };
      return period === undefined || (from === undefined && to === undefined);
    },
    { ...schemaMessage('field.invalid', 'give period alone, or from and to', 'indiquez period seul, ou from et to'), path: ['period'] },
  );
}

export type PeriodChoice = { from?: string; to?: string; period?: string };

/** The time figures cover: `from` null is the beginning; `to` excluded. */
export interface ChosenPeriod {
  from: Date | null;
  to: Date;
  /** A closed period: its figures are those frozen then, with its restatements (latest first). */
  closed?: { id: string; closedAt: string; restatements: { reasonLabel: Record<'fr' | 'en', string>; restatedAt: string }[] };
}

/** The figures of the period chosen; no `period` when none was (the live indicators). */
export async function chosenFigures(
  services: { indicators: IndicatorsService; periods: PeriodsService },
  consortiumId: string,
  choice: PeriodChoice,
): Promise<{ indicators: IndicatorFigure[]; period?: ChosenPeriod }> {
  if (choice.period) {
    const closed = await services.periods.get(consortiumId, choice.period);
    return {
      // No breakdown is kept with a closed period's figures.
      indicators: closed.indicators.map((figure) => ({ ...figure, breakdown: null })),
      period: { from: new Date(`${closed.from}T00:00:00Z`), to: new Date(`${closed.to}T00:00:00Z`), closed: { id: closed.id, closedAt: closed.closedAt, restatements: closed.restatements } },
    };
  }
  const period = periodOf({ from: choice.from, to: choice.to });
  if (!period) return { indicators: await services.indicators.list(consortiumId) };
  const view = await services.indicators.forPeriod(consortiumId, period);
  return { indicators: view.indicators, period: { from: period.from, to: new Date(view.to) } };
}
