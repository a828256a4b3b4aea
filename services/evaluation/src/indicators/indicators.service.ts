import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { say, DomainError } from '@ccndr/contracts';
import { query } from '@ccndr/persistence';
import { Bilingual, Indicator, IndicatorStatus, statusOf, Target, targetOf } from './indicator';
import { consortiumLanguage, indicatorByKey, IndicatorRow, indicatorsOf } from './indicators.sql';

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

/** Reads a consortium's indicators as the refresher last computed them (see refresh.ts). */
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

  private async requireConsortium(consortiumId: string): Promise<void> {
    const known = await query(this.db, consortiumLanguage, [consortiumId]);
    if (!known.length) throw new DomainError('consortium.not-found');
  }
}

function view(row: IndicatorRow): IndicatorView {
  const value = row.value === null ? null : Number(row.value);
  // A row with a comparison has its target.
  const target = row.comparison ? targetOf(row.comparison, row.target!, row.target_max, row.due_on) : null;
  return {
    key: row.key,
    outcome: row.outcome,
    label: row.label,
    unit: row.unit,
    value,
    suppressed: row.suppressed,
    target,
    // Read now: a dated target may be on track today and not tomorrow.
    status: statusOf(target, value, { startedAt: row.started_at, now: new Date() }),
    breakdown: row.breakdown,
    updatedAt: row.updated_at.toISOString(),
    lastEventId: row.last_event_id,
  };
}
