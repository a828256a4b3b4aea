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
  /** Detail behind the value where the indicator has one (e.g. collaboration per month and kind). */
  breakdown: unknown;
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
            WHERE o.consortium_id = $1 GROUP BY o.category) c) AS active_by_category,
         (SELECT count(*) FROM partnerships WHERE consortium_id = $1 AND status = 'confirmed')::int AS partnerships_confirmed,
         (SELECT count(*) FROM partnerships WHERE consortium_id = $1 AND status = 'in-negotiation')::int AS partnerships_in_negotiation,
         (SELECT json_agg(json_build_object('month', month, 'joint-initiative', joint, 'shared-resource', shared, 'communication', communication, 'total', total) ORDER BY month)
            FROM (SELECT to_char(occurred_on, 'YYYY-MM') AS month, count(*)::int AS total,
                         count(*) FILTER (WHERE kind = 'joint-initiative')::int AS joint, count(*) FILTER (WHERE kind = 'shared-resource')::int AS shared,
                         count(*) FILTER (WHERE kind = 'communication')::int AS communication
                  FROM collaboration_records WHERE consortium_id = $1 GROUP BY 1) m) AS collaboration_by_month`,
      [consortiumId],
    );
    const values = new Map<string, number>([
      ['o1.meeting-participants', facts.meeting_participants],
      ['o1.assessments-completed', facts.assessments_completed],
    ]);
    for (const [category, count] of Object.entries(facts.active_by_category as Record<string, number>)) {
      values.set(`o1.active-organizations.${category}`, count);
    }
    values.set('o4.partnerships.confirmed', facts.partnerships_confirmed);
    values.set('o4.partnerships.in-negotiation', facts.partnerships_in_negotiation);
    const months: { month: string; total: number }[] = facts.collaboration_by_month ?? [];
    values.set('o4.collaboration-intensity', perMonth(months));
    const breakdowns = new Map<string, unknown>([['o4.collaboration-intensity', months]]);
    const rows = indicatorDefinitions.map((d) => {
      const value = values.get(d.key) ?? 0;
      return { key: d.key, outcome: d.outcome, value, target: d.target, status: statusOf(d, value), breakdown: breakdowns.get(d.key) ?? null };
    });
    await manager.query(
      `INSERT INTO indicators (consortium_id, key, outcome, value, target, status, breakdown, updated_at, last_event_id)
       SELECT $1, r.key, r.outcome, r.value, r.target, r.status, r.breakdown, now(), $2
       FROM jsonb_to_recordset($3::jsonb) AS r(key text, outcome smallint, value numeric, target numeric, status text, breakdown jsonb)
       ON CONFLICT (consortium_id, key) DO UPDATE
         SET value = excluded.value, target = excluded.target, status = excluded.status, breakdown = excluded.breakdown,
             updated_at = excluded.updated_at, last_event_id = excluded.last_event_id
         WHERE indicators.value IS DISTINCT FROM excluded.value OR indicators.status IS DISTINCT FROM excluded.status
            OR indicators.breakdown IS DISTINCT FROM excluded.breakdown`,
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
    const rows: { key: string; outcome: number; value: string; target: string | null; status: IndicatorStatus; breakdown: unknown; updated_at: Date }[] = await this.db.query(
      `SELECT key, outcome, value, target, status, breakdown, updated_at FROM indicators WHERE consortium_id = $1`,
      [consortiumId],
    );
    return indicatorDefinitions.flatMap((d) => {
      const row = rows.find((r) => r.key === d.key);
      if (!row) return [];
      return [{ key: d.key, outcome: row.outcome, label: d.label, value: Number(row.value), target: row.target === null ? null : Number(row.target), status: row.status, breakdown: row.breakdown, updatedAt: row.updated_at.toISOString() }];
    });
  }
}

/** Records per month over the span from the first month with a record to the last (one decimal). */
function perMonth(months: { month: string; total: number }[]): number {
  if (!months.length) return 0;
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  const span = index(months[months.length - 1].month) - index(months[0].month) + 1;
  const total = months.reduce((sum, m) => sum + m.total, 0);
  return Math.round((total / span) * 10) / 10;
}
