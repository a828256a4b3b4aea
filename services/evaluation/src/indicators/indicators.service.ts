import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { indicatorDefinitions, IndicatorStatus, statusOf } from './indicator-definitions';

export interface IndicatorView {
  key: string;
  outcome: number;
  label: { en: string; fr: string };
  value: number;
  target: number | null;
  status: IndicatorStatus;
  updatedAt: string;
}

@Injectable()
export class IndicatorsService {
  constructor(private readonly db: DataSource) {}

  /**
   * Recomputes every indicator of a consortium from the facts tables, inside the transaction of
   * the event that changed them; a row's updatedAt moves only when its value changes.
   */
  async refresh(manager: EntityManager, consortiumId: string, eventId: string): Promise<void> {
    const [facts] = await manager.query(
      `SELECT
         (SELECT count(*) FROM attendance WHERE consortium_id = $1 AND gathering_kind = 'consortium-meeting')::int AS meeting_participants,
         (SELECT count(*) FROM completed_assessments WHERE consortium_id = $1)::int AS assessments_completed,
         (SELECT coalesce(json_object_agg(category, n), '{}') FROM (
            SELECT o.category, count(*)::int AS n FROM organizations o
            JOIN organization_activity a USING (consortium_id, organization_id)
            WHERE o.consortium_id = $1 GROUP BY o.category) c) AS active_by_category`,
      [consortiumId],
    );
    const values = new Map<string, number>([
      ['o1.meeting-participants', facts.meeting_participants],
      ['o1.assessments-completed', facts.assessments_completed],
    ]);
    for (const [category, count] of Object.entries(facts.active_by_category as Record<string, number>)) {
      values.set(`o1.active-organizations.${category}`, count);
    }
    const rows = indicatorDefinitions.map((d) => {
      const value = values.get(d.key) ?? 0;
      return { key: d.key, outcome: d.outcome, value, target: d.target, status: statusOf(d, value) };
    });
    await manager.query(
      `INSERT INTO indicators (consortium_id, key, outcome, value, target, status, updated_at, last_event_id)
       SELECT $1, r.key, r.outcome, r.value, r.target, r.status, now(), $2
       FROM jsonb_to_recordset($3::jsonb) AS r(key text, outcome smallint, value numeric, target numeric, status text)
       ON CONFLICT (consortium_id, key) DO UPDATE
         SET value = excluded.value, target = excluded.target, status = excluded.status,
             updated_at = excluded.updated_at, last_event_id = excluded.last_event_id
         WHERE indicators.value IS DISTINCT FROM excluded.value OR indicators.status IS DISTINCT FROM excluded.status`,
      [consortiumId, eventId, JSON.stringify(rows)],
    );
  }

  /** Records (or corrects) an organisation's category, which decides the indicator it counts in. */
  async recordOrganization(manager: EntityManager, consortiumId: string, organizationId: string, category: string): Promise<void> {
    await manager.query(
      `INSERT INTO organizations (consortium_id, organization_id, category) VALUES ($1, $2, $3)
       ON CONFLICT (consortium_id, organization_id) DO UPDATE SET category = excluded.category`,
      [consortiumId, organizationId, category],
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

  async list(consortiumId: string): Promise<IndicatorView[]> {
    const known = await this.db.query(`SELECT 1 FROM consortia WHERE consortium_id = $1`, [consortiumId]);
    if (!known.length) throw new NotFoundException('consortium not found');
    const rows: { key: string; outcome: number; value: string; target: string | null; status: IndicatorStatus; updated_at: Date }[] = await this.db.query(
      `SELECT key, outcome, value, target, status, updated_at FROM indicators WHERE consortium_id = $1`,
      [consortiumId],
    );
    return indicatorDefinitions.flatMap((d) => {
      const row = rows.find((r) => r.key === d.key);
      if (!row) return [];
      return [{ key: d.key, outcome: row.outcome, label: d.label, value: Number(row.value), target: row.target === null ? null : Number(row.target), status: row.status, updatedAt: row.updated_at.toISOString() }];
    });
  }
}
