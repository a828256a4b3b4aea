import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { say } from '@ccndr/contracts';
import { JetStreamContext } from '@ccndr/messaging';
import { queryPrepared } from '@ccndr/persistence';
import { Bilingual, Indicator, IndicatorStatus, statusOf, Target } from './indicator';
import { outcome1 } from './outcome-1';
import { outcome2 } from './outcome-2';
import { outcome3 } from './outcome-3';
import { outcome4 } from './outcome-4';
import { readiness } from './readiness';

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

const sections = [outcome1, outcome2, outcome3, outcome4, readiness];

@Injectable()
export class IndicatorsService {
  constructor(private readonly db: DataSource) {}

  /**
   * Recomputes every indicator of a consortium from the facts tables, inside the transaction of
   * the event that changed them; a row's updatedAt moves only when something in it changes.
   */
  /**
   * From an event handler: the consortium's indicators are recomputed once, at the end of the
   * transaction, however many of its events the batch holds.
   */
  refreshAtCommit(ctx: JetStreamContext, consortiumId: string, eventId: string): void {
    ctx.beforeCommit(`indicators:${consortiumId}`, (manager) => this.refresh(manager, consortiumId, eventId));
  }

  async refresh(manager: EntityManager, consortiumId: string, eventId: string): Promise<void> {
    // One recomputation of a consortium at a time, across replicas: two transactions computing at
    // once would each miss the other's facts, and the last to commit would leave a count short.
    // Held to commit, so the next one reads what this one wrote.
    await queryPrepared(manager, `SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':indicators:' || $1))`, [consortiumId]);
    const indicators: Indicator[] = [];
    for (const section of sections) indicators.push(...(await section(manager, consortiumId)));
    // The consortium's own targets replace the programme's defaults.
    const own: { key: string; comparison: Target['comparison']; value: string; max: string | null; due_on: string | null }[] = await queryPrepared(
      manager,
      `SELECT key, comparison, value, max, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM targets WHERE consortium_id = $1`,
      [consortiumId],
    );
    for (const target of own) {
      const indicator = indicators.find((i) => i.key === target.key);
      if (indicator) indicator.target = targetOf(target.comparison, target.value, target.max, target.due_on);
    }
    const rows = indicators.map((i, position) => ({
      key: i.key,
      position,
      outcome: i.outcome,
      label: i.label,
      unit: i.unit,
      value: i.value,
      comparison: i.target?.comparison ?? null,
      target: i.target?.value ?? null,
      target_max: i.target?.max ?? null,
      target_due_on: i.target?.dueOn ?? null,
      status: statusOf(i.target, i.value),
      breakdown: i.breakdown,
    }));
    const changed = await queryPrepared(
      manager,
      `INSERT INTO indicators (consortium_id, key, position, outcome, label, unit, value, comparison, target, target_max, target_due_on, status, breakdown, updated_at, last_event_id)
       SELECT $1, r.key, r.position, r.outcome, r.label, r.unit, r.value, r.comparison, r.target, r.target_max, r.target_due_on, r.status, r.breakdown, now(), $2
       FROM jsonb_to_recordset($3::jsonb) AS r(key text, position integer, outcome smallint, label jsonb, unit text, value numeric, comparison text, target numeric, target_max numeric, target_due_on date, status text, breakdown jsonb)
       ON CONFLICT (consortium_id, key) DO UPDATE
         SET position = excluded.position, outcome = excluded.outcome, label = excluded.label, unit = excluded.unit, value = excluded.value, comparison = excluded.comparison, target = excluded.target,
             target_max = excluded.target_max, target_due_on = excluded.target_due_on, status = excluded.status, breakdown = excluded.breakdown, updated_at = excluded.updated_at, last_event_id = excluded.last_event_id
         WHERE (indicators.value, indicators.status, indicators.target, indicators.target_max, indicators.target_due_on, indicators.breakdown, indicators.label, indicators.position)
               IS DISTINCT FROM (excluded.value, excluded.status, excluded.target, excluded.target_max, excluded.target_due_on, excluded.breakdown, excluded.label, excluded.position)
       RETURNING key`,
      [consortiumId, eventId, JSON.stringify(rows)],
    );
    // Indicators that no longer apply (a dimension of a framework the consortium left).
    const removed = await queryPrepared(manager, `DELETE FROM indicators WHERE consortium_id = $1 AND NOT (key = ANY ($2::text[])) RETURNING key`, [consortiumId, rows.map((r) => r.key)]);
    // Live dashboards of this consortium learn of the change when it commits.
    if (changed.length || removed.length) await manager.query(`SELECT pg_notify(current_schema() || '_indicators', $1)`, [consortiumId]);
  }

  /** Records (or corrects) an organisation: its category decides the indicator it counts in; the latest change wins. */
  async recordOrganization(
    manager: EntityManager,
    consortiumId: string,
    organization: { organizationId: string; category: string; provinceOrTerritory: string | null; country: string },
    at: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO organizations (consortium_id, organization_id, category, province_or_territory, country, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (consortium_id, organization_id) DO UPDATE
         SET category = excluded.category, province_or_territory = excluded.province_or_territory, country = excluded.country, updated_at = excluded.updated_at
         WHERE organizations.updated_at IS NULL OR organizations.updated_at <= excluded.updated_at`,
      [consortiumId, organization.organizationId, organization.category, organization.provinceOrTerritory, organization.country, at],
    );
  }

  /** Marks organisations as having taken part in an activity (the first time counts). */
  async recordActivity(manager: EntityManager, consortiumId: string, organizationIds: string[], at: string): Promise<void> {
    await manager.query(
      `INSERT INTO organization_activity (consortium_id, organization_id, first_active_at)
       SELECT DISTINCT $1::uuid, unnest($2::uuid[]), $3::timestamptz
       ON CONFLICT (consortium_id, organization_id) DO UPDATE
         SET first_active_at = least(organization_activity.first_active_at, excluded.first_active_at)`,
      [consortiumId, organizationIds, at],
    );
  }

  /** A consortium's indicators in the order of the programme's evaluation, optionally of one outcome (`readiness` for the readiness figures). */
  async list(consortiumId: string, outcome?: number | 'readiness'): Promise<IndicatorView[]> {
    await this.requireConsortium(consortiumId);
    const rows: any[] = await this.db.query(
      `SELECT i.*, to_char(i.target_due_on, 'YYYY-MM-DD') AS due_on, c.created_at AS started_at FROM indicators i JOIN consortia c USING (consortium_id)
       WHERE i.consortium_id = $1 AND ($2::text IS NULL OR coalesce(i.outcome::text, 'readiness') = $2)
       ORDER BY i.position`,
      [consortiumId, outcome === undefined ? null : String(outcome)],
    );
    return rows.map(view);
  }

  async get(consortiumId: string, key: string): Promise<IndicatorView> {
    await this.requireConsortium(consortiumId);
    const [row] = await this.db.query(
      `SELECT i.*, to_char(i.target_due_on, 'YYYY-MM-DD') AS due_on, c.created_at AS started_at FROM indicators i JOIN consortia c USING (consortium_id)
       WHERE i.consortium_id = $1 AND i.key = $2`,
      [consortiumId, key],
    );
    if (!row) throw new NotFoundException(say(`no indicator ${key}`, `aucun indicateur ${key}`));
    return view(row);
  }

  private async requireConsortium(consortiumId: string): Promise<void> {
    const known = await this.db.query(`SELECT 1 FROM consortia WHERE consortium_id = $1`, [consortiumId]);
    if (!known.length) throw new NotFoundException(say('consortium not found', 'consortium introuvable'));
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

function targetOf(comparison: Target['comparison'], value: string | number, max: string | number | null, dueOn: string | null): Target {
  return { comparison, value: Number(value), ...(max === null ? {} : { max: Number(max) }), ...(dueOn === null ? {} : { dueOn }) };
}
