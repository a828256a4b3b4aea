import { sql } from '@ccndr/persistence';
import type { Target } from './indicator';

export const saveTarget = sql<never, [consortiumId: string, key: string, comparison: Target['comparison'], value: number, max: number | null, dueOn: string | null, changedAt: Date]>(
  `INSERT INTO targets (consortium_id, key, comparison, value, max, due_on, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
   ON CONFLICT (consortium_id, key) DO UPDATE SET comparison = excluded.comparison, value = excluded.value, max = excluded.max, due_on = excluded.due_on, changed_at = excluded.changed_at`,
);

export const deleteTarget = sql<never, [consortiumId: string, key: string]>(`DELETE FROM targets WHERE consortium_id = $1 AND key = $2`);
