import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { say, DomainError } from '@ccndr/contracts';
import { Bilingual, Indicator, IndicatorStatus, statusOf, Target, targetOf } from './indicator';

export interface IndicatorView {
  key: string;
  outcome: number | null;
  label: Bilingual;
  unit: Indicator['unit'];
  value: number | null;
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
    const rows: any[] = await this.db.query(
      `SELECT i.*, to_char(i.target_due_on, 'YYYY-MM-DD') AS due_on, c.created_at AS started_at FROM indicators i JOIN consortia c USING (consortium_id)
       WHERE i.consortium_id = $1 AND ($2::text IS NULL OR coalesce(i.outcome::text, 'readiness') = $2)
       ORDER BY i.position`,
      [consortiumId, outcome === undefined ? null : String(outcome)],
    );
    // Rows vouch for their consortium; none: an unknown consortium is a 404 (one query less when found).
    if (!rows.length) await this.requireConsortium(consortiumId);
    return rows.map(view);
  }

  async get(consortiumId: string, key: string): Promise<IndicatorView> {
    const [row] = await this.db.query(
      `SELECT i.*, to_char(i.target_due_on, 'YYYY-MM-DD') AS due_on, c.created_at AS started_at FROM indicators i JOIN consortia c USING (consortium_id)
       WHERE i.consortium_id = $1 AND i.key = $2`,
      [consortiumId, key],
    );
    if (!row) {
      await this.requireConsortium(consortiumId);
      throw new DomainError('indicator.not-found', { detail: say(`no indicator ${key}`, `aucun indicateur ${key}`) });
    }
    return view(row);
  }

  private async requireConsortium(consortiumId: string): Promise<void> {
    const known = await this.db.query(`SELECT 1 FROM consortia WHERE consortium_id = $1`, [consortiumId]);
    if (!known.length) throw new DomainError('consortium.not-found');
  }
}

function view(row: any): IndicatorView {
  const value = row.value === null ? null : Number(row.value);
  const target = row.comparison ? targetOf(row.comparison, row.target, row.target_max, row.due_on) : null;
  return {
    key: row.key,
    outcome: row.outcome,
    label: row.label,
    unit: row.unit,
    value,
    target,
    // Read now: a dated target may be on track today and not tomorrow.
    status: statusOf(target, value, { startedAt: row.started_at, now: new Date() }),
    breakdown: row.breakdown,
    updatedAt: row.updated_at.toISOString(),
    lastEventId: row.last_event_id,
  };
}
