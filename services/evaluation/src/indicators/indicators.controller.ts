import { Param, Sse } from '@nestjs/common';
import { Observable } from 'rxjs';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { Caller, ConsortiumId, ConsortiumRoutes, Route, ValidQuery, ZodPipe } from '@ccndr/service-kit';
import { IndicatorChanges, IndicatorMessage } from './indicator-changes';
import { IndicatorsService } from './indicators.service';
import { checkedPeriod, periodFields, periodOf, periodQuery } from './period';

const outcomeField = { outcome: z.enum(['1', '2', '3', '4', 'readiness']).optional() };
export const indicatorsQuery = checkedPeriod(z.strictObject({ ...outcomeField, ...periodQuery.shape }));
export const seriesQuery = checkedPeriod(z.strictObject(periodFields));
export const indicatorKey = z.string().regex(/^[a-z0-9.-]{1,120}$/, 'must be an indicator key such as o1.meeting-participants');

@ConsortiumRoutes('indicators', 'indicators')
export class IndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly changes: IndicatorChanges,
  ) {}

  @Route('GET', {
    summary: 'Live indicators of outcomes 1–4 and readiness, or those of a period (from, to) or as of a day (asOf), computed on read / Indicateurs en direct, ou d’une période ou à une date',
  })
  list(@ConsortiumId() consortiumId: string, @ValidQuery(indicatorsQuery) query: z.infer<typeof indicatorsQuery>) {
    const outcome = query.outcome === undefined || query.outcome === 'readiness' ? query.outcome : Number(query.outcome);
    const period = periodOf(query);
    return period ? this.indicators.forPeriod(consortiumId, period, outcome) : this.indicators.list(consortiumId, outcome);
  }

  /** Declared before `:key`, which would otherwise take `stream` for a key. */
  @Sse('stream')
  @ApiOperation({ summary: 'Server-sent events: the indicators, then each change as it happens / Flux des changements d’indicateurs' })
  stream(@Caller() { consortiumId, principal }: Caller): Promise<Observable<IndicatorMessage>> {
    // The stream lives no longer than the token that opened it: the client reconnects with a fresh one.
    return this.changes.stream(consortiumId, new Date(principal.expiresAt * 1000));
  }

  @Route('GET', ':key/series', { summary: 'One indicator month by month (UTC), at most 60 months / Un indicateur mois par mois' })
  series(@ConsortiumId() consortiumId: string, @Param('key', new ZodPipe(indicatorKey, 'key')) key: string, @ValidQuery(seriesQuery) query: z.infer<typeof seriesQuery>) {
    return this.indicators.series(consortiumId, key, query);
  }

  @Route('GET', ':key', { summary: 'One indicator with its breakdown / Un indicateur et son détail' })
  get(@ConsortiumId() consortiumId: string, @Param('key', new ZodPipe(indicatorKey, 'key')) key: string) {
    return this.indicators.get(consortiumId, key);
  }
}
