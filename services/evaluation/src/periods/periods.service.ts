import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Bilingual, DomainError, EventData, PeriodClosedV1, PeriodRestatedV1, RestatementReason, restatementReasonLabels, say } from '@ccndr/contracts';
import { indicatorDefinition, indicatorLabel } from '@ccndr/indicators';
import { BatchWrite, Outbox } from '@ccndr/messaging';
import { query, sql } from '@ccndr/persistence';
import { closedPeriods, periodRestatements } from '../events/period.sql';
import { Target } from '../indicators/indicator';
import { IndicatorFigure, IndicatorsService } from '../indicators/indicators.service';
import { ClosedPeriodRow, closedPeriod, closedPeriodsOf, frameworkDimensions, lockPeriodsOf, overlappingPeriod } from './periods.sql';

/** One figure of a closed period, as its event carries it. */
export type PeriodFigure = EventData<typeof PeriodClosedV1>['indicators'][number];

/** A figure with what a reader needs beside it (from the indicator catalogue). */
/** A closed period's figure as frozen: no breakdown is kept. */
export type PeriodFigureView = Omit<IndicatorFigure, 'breakdown'>;

export interface RestatementView {
  restatementId: string;
  reason: RestatementReason;
  reasonLabel: Bilingual;
  restatedAt: string;
}

export interface ClosedPeriodView {
  /** The period's id (`periodId` in its events). */
  id: string;
  from: string;
  to: string;
  closedAt: string;
  /** The figures as they were when the period was closed: later events do not change them. */
  indicators: PeriodFigureView[];
  /** The latest restatement with its figures, or null. */
  restated: (RestatementView & { indicators: PeriodFigureView[] }) | null;
  /** Every restatement, latest first. */
  restatements: RestatementView[];
}

const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * Closed periods of the evaluation: a coordinator closes a period (its figures frozen and
 * published), and restates it later for a reason given as a code (the new figures published
 * beside the original). Written here in the transaction of the event, and stored again from the
 * event by evaluation's consumer (changing nothing), so that a rebuild from the stream restores them.
 */
@Injectable()
export class PeriodsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly indicators: IndicatorsService,
  ) {}

  async close(consortiumId: string, from: string, to: string): Promise<ClosedPeriodView> {
    const [start, end] = [dayStart(from), dayStart(to)];
    if (end.getTime() > Date.now()) {
      throw new DomainError('request.invalid-fields', { errors: [{ field: 'to', code: 'field.must-not-be-in-future', detail: say('the period must have ended', 'la période doit être terminée') }] });
    }
    const periodId = randomUUID();
    await this.db.transaction(async (manager) => {
      await query(manager, lockPeriodsOf, [consortiumId]);
      const [overlap] = await query(manager, overlappingPeriod, [consortiumId, start, end]);
      if (overlap) throw new DomainError('period.overlaps', { detail: say(`overlaps the closed period ${overlap.period_id}`, `chevauche la période close ${overlap.period_id}`) });
      const indicators = await this.figures(manager, consortiumId, start, end);
      const closedAt = new Date().toISOString();
      await this.outbox.append(manager, consortiumId, PeriodClosedV1, { periodId, from, to, closedAt, indicators });
      await writeRow(manager, closedPeriods, { consortiumId, periodId, from, to, closedAt, indicators: JSON.stringify(indicators) });
    });
    return this.get(consortiumId, periodId);
  }

  async restate(consortiumId: string, periodId: string, reason: RestatementReason): Promise<ClosedPeriodView> {
    await this.db.transaction(async (manager) => {
      const period = await this.find(manager, consortiumId, periodId);
      const indicators = await this.figures(manager, consortiumId, dayStart(period.from_day), dayStart(period.to_day));
      const data = { periodId, from: period.from_day, to: period.to_day, restatementId: randomUUID(), reason, restatedAt: new Date().toISOString(), indicators };
      await this.outbox.append(manager, consortiumId, PeriodRestatedV1, data);
      await writeRow(manager, periodRestatements, { consortiumId, restatementId: data.restatementId, periodId, reason, restatedAt: data.restatedAt, indicators: JSON.stringify(indicators) });
    });
    return this.get(consortiumId, periodId);
  }

  async list(consortiumId: string): Promise<Omit<ClosedPeriodView, 'indicators' | 'restated'>[]> {
    return this.db.transaction(async (manager) => {
      await this.indicators.requireConsortium(consortiumId);
      const rows = await query(manager, closedPeriodsOf, [consortiumId]);
      return rows.map((row) => ({ id: row.period_id, from: row.from_day, to: row.to_day, closedAt: row.closed_at.toISOString(), restatements: row.restatements.map(restatementView) }));
    });
  }

  async get(consortiumId: string, periodId: string): Promise<ClosedPeriodView> {
    return this.db.transaction(async (manager) => {
      const row = await this.find(manager, consortiumId, periodId);
      const [framework] = await query(manager, frameworkDimensions, [consortiumId]);
      const figures = (of: PeriodFigure[]) => of.map((figure) => figureView(figure, framework?.dimensions ?? []));
      const latest = row.restatements[0];
      return {
        id: row.period_id,
        from: row.from_day,
        to: row.to_day,
        closedAt: row.closed_at.toISOString(),
        indicators: figures(row.indicators),
        restated: latest ? { ...restatementView(latest), indicators: figures(latest.indicators) } : null,
        restatements: row.restatements.map(restatementView),
      };
    });
  }

  private async find(manager: EntityManager, consortiumId: string, periodId: string): Promise<ClosedPeriodRow> {
    const [row] = await query(manager, closedPeriod, [consortiumId, periodId]);
    if (row) return row;
    await this.indicators.requireConsortium(consortiumId);
    throw new DomainError('period.not-found', { detail: say(`no closed period ${periodId}`, `aucune période close ${periodId}`) });
  }

  /** The period's figures computed now: values (suppressed ones null), targets and status at the period's end. */
  private async figures(manager: EntityManager, consortiumId: string, from: Date, to: Date): Promise<PeriodFigure[]> {
    const indicators = await this.indicators.computePeriod(manager, consortiumId, { from, to });
    return indicators.map(({ key, value, suppressed, target, status }) => ({
      key,
      value,
      suppressed,
      target: target && { comparison: target.comparison, value: target.value, max: target.max ?? null, dueOn: target.dueOn ?? null },
      status,
    }));
  }
}

function restatementView(r: { restatementId: string; reason: string; restatedAt: string }): RestatementView {
  const reason = r.reason as RestatementReason;
  return { restatementId: r.restatementId, reason, reasonLabel: restatementReasonLabels[reason], restatedAt: new Date(r.restatedAt).toISOString() };
}

function figureView(figure: PeriodFigure, dimensions: { key: string; name: Bilingual }[]): PeriodFigureView {
  const { outcome, unit } = indicatorDefinition(figure.key);
  // A maturity figure is named by its dimension, as the framework names it.
  const dimension = dimensions.find((d) => figure.key.endsWith(`.${d.key}`))?.name;
  const target: Target | null = figure.target && { comparison: figure.target.comparison, value: figure.target.value, ...(figure.target.max === null ? {} : { max: figure.target.max }), ...(figure.target.dueOn === null ? {} : { dueOn: figure.target.dueOn }) };
  return { key: figure.key, outcome, label: indicatorLabel(figure.key, dimension), unit, value: figure.value, suppressed: figure.suppressed, target, status: figure.status };
}

/** One row written with a projection's own batch statement: the same write the consumer makes of the event. */
async function writeRow<Row extends object>(manager: EntityManager, batch: BatchWrite<Row>, row: Row): Promise<void> {
  await query(manager, sql<unknown, unknown[]>(batch.statement), batch.columns.map((column) => [row[column] ?? null]));
}
