import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { say, DomainError } from '@ccndr/contracts';
import { query } from '@ccndr/persistence';
import { Bilingual, Indicator, IndicatorStatus, statusOf, Target, targetOf } from './indicator';
import { consortiumLanguage, consortiumStart, indicatorByKey, IndicatorRow, indicatorsOf, StoredFigureRow } from './indicators.sql';
import { snapshotFields, snapshotGroups } from './outcome-2';
import { monthsOf } from './period';
import { computeIndicators, FactsPeriod } from './refresh';

export interface IndicatorView {
  key: string;
  outcome: number | null;
  label: Bilingual;
  unit: Indicator['unit'];
  value: number | null;
  /** The small-count rule withholds the value (null): it would be drawn from 1 to 4 organisations. */
  suppressed: boolean;
  target: Target | null;
  status: IndicatorStatus;
  /** Detail behind the value where the indicator has one (per meeting, per circle, per month…). */
  breakdown: unknown;
  updatedAt: string;
  /** The last event that changed it. */
  lastEventId: string | null;
}

/** An indicator's figures: live, of a period or of a closed period, without the bookkeeping of the stored rows. */
export type IndicatorFigure = Omit<IndicatorView, 'updatedAt' | 'lastEventId'>;

/** A consortium's indicators for a period (`from` null: from the beginning). */
export interface PeriodView {
  from: string | null;
  to: string;
  indicators: IndicatorFigure[];
}

/** One indicator month by month. */
export interface SeriesView {
  key: string;
  label: Bilingual;
  unit: Indicator['unit'];
  months: { month: string; from: string; to: string; value: number | null; status: IndicatorStatus; breakdown: unknown }[];
}

/** A month's indicators (`month` YYYY-MM; `from`, `to` its bounds, the current month ending now). */
export interface MonthFigures {
  month: string;
  from: string;
  to: string;
  indicators: IndicatorFigure[];
}

/**
 * Reads a consortium's indicators as the refresher last computed them (see refresh.ts), or
 * computes them for a period on read, leaving the live rows alone.
 */
@Injectable()
export class IndicatorsService {
  constructor(private readonly db: DataSource) {}

  /** A consortium's indicators in the order of the programme's evaluation, optionally of one outcome (`readiness` for the readiness figures). */
  async list(consortiumId: string, outcome?: number | 'readiness'): Promise<IndicatorView[]> {
    const rows = await query(this.db, indicatorsOf, [consortiumId, outcome === undefined ? null : String(outcome)]);
    // Rows vouch for their consortium; none: an unknown consortium is a 404 (one query less when found).
    if (!rows.length) await this.requireConsortium(consortiumId);
    return rows.map(view);
  }

  async get(consortiumId: string, key: string): Promise<IndicatorView> {
    const [row] = await query(this.db, indicatorByKey, [consortiumId, key]);
    if (!row) {
      await this.requireConsortium(consortiumId);
      throw new DomainError('indicator.not-found', { detail: say(`no indicator ${key}`, `aucun indicateur ${key}`) });
    }
    return view(row);
  }

  /** The indicators of a period, computed now from the facts (one statement). */
  async forPeriod(consortiumId: string, period: FactsPeriod, outcome?: number | 'readiness'): Promise<PeriodView> {
    return this.db.transaction(async (manager) => {
      const to = period.to ?? new Date();
      const indicators = await this.computePeriod(manager, consortiumId, { from: period.from, to });
      return { from: period.from?.toISOString() ?? null, to: to.toISOString(), indicators: indicators.filter((i) => outcome === undefined || (i.outcome ?? 'readiness') === outcome) };
    });
  }

  /** The indicators of a period ending at `to`, in the caller's transaction, each with its status as it stood then. */
  async computePeriod(manager: EntityManager, consortiumId: string, period: { from: Date | null; to: Date }): Promise<IndicatorFigure[]> {
    const startedAt = await this.startOf(manager, consortiumId);
    const { indicators } = await computeIndicators(manager, consortiumId, period);
    return indicators.map((i) => periodView(i, startedAt, period.to));
  }

  /** One indicator for each calendar month (UTC) asked for, each computed as a period of its own. */
  async series(consortiumId: string, key: string, query: { from?: string; to?: string }): Promise<SeriesView> {
    const months = await this.monthly(consortiumId, query, key);
    const found = months.at(-1)?.indicators[0];
    if (!found) {
      // No month or no such indicator: the key is checked against the live rows.
      const live = await this.get(consortiumId, key);
      return { key, label: live.label, unit: live.unit, months: [] };
    }
    return {
      key,
      label: found.label,
      unit: found.unit,
      months: months.map(({ month, from, to, indicators: [figure] }) => ({ month, from, to, value: figure.value, status: figure.status, breakdown: figure.breakdown })),
    };
  }

  /**
   * The indicators for each calendar month (UTC) asked for, each month a period of its own, all in
   * one snapshot; with `key`, that indicator alone (months stop where it is not found).
   */
  async monthly(consortiumId: string, query: { from?: string; to?: string }, key?: string): Promise<MonthFigures[]> {
    const months = monthsOf(query);
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      const startedAt = await this.startOf(manager, consortiumId);
      const series: MonthFigures[] = [];
      for (const { month, period } of months) {
        const { indicators } = await computeIndicators(manager, consortiumId, period);
        const chosen = key === undefined ? indicators : indicators.filter((i) => i.key === key);
        if (!chosen.length) break;
        series.push({ month, from: period.from!.toISOString(), to: period.to!.toISOString(), indicators: chosen.map((i) => periodView(i, startedAt, period.to!)) });
      }
      return series;
    });
  }

  /** When the consortium began (a dated target's progress is read from it); 404 for an unknown consortium. */
  async startOf(db: DataSource | EntityManager, consortiumId: string): Promise<Date> {
    const [consortium] = await query(db, consortiumStart, [consortiumId]);
    if (!consortium) throw new DomainError('consortium.not-found');
    return consortium.created_at;
  }

  async requireConsortium(consortiumId: string): Promise<void> {
    const known = await query(this.db, consortiumLanguage, [consortiumId]);
    if (!known.length) throw new DomainError('consortium.not-found');
  }
}

/** A stored indicator's figure, its status read at `now` (a dated target may be on track today and not tomorrow). */
export function storedFigure(row: StoredFigureRow, now: Date): Omit<IndicatorFigure, 'breakdown'> {
  const value = row.value === null ? null : Number(row.value);
  // A row with a comparison has its target.
  const target = row.comparison ? targetOf(row.comparison, row.target!, row.target_max, row.due_on) : null;
  return { key: row.key, outcome: row.outcome, label: row.label, unit: row.unit, value, suppressed: row.suppressed, target, status: statusOf(target, value, { startedAt: row.started_at, now }) };
}

function view(row: IndicatorRow): IndicatorView {
  // The self-identification snapshots are listed as they are read (liveSnapshotEntries), small counts suppressed.
  const breakdown = row.snapshots ? { ...(row.breakdown as object), gatherings: snapshotGroups(row.snapshots, snapshotFields[row.key as keyof typeof snapshotFields]) } : row.breakdown;
  return { ...storedFigure(row, new Date()), breakdown, updatedAt: row.updated_at.toISOString(), lastEventId: row.last_event_id };
}

function periodView(indicator: Indicator, startedAt: Date, to: Date): IndicatorFigure {
  const { key, outcome, label, unit, value, suppressed, target, breakdown } = indicator;
  // As it stood at the period's end: a dated target was on track then or not.
  return { key, outcome, label, unit, value, suppressed, target, status: statusOf(target, value, { startedAt, now: to }), breakdown };
}
