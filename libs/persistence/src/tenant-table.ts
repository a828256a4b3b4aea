import { QueryRunner } from 'typeorm';

/** How a tenant table begins, before its own columns. */
export interface TenantTableLead {
  /**
   * What identifies a row when it is not among the table's own columns: an id of its own
   * (`id uuid PRIMARY KEY`, before the consortium), or the consortium alone (one row per consortium).
   */
  key?: 'id' | 'consortium';
  /** Its consortium is a row of the service's `consortia` table (community, which owns the consortia). */
  referencesConsortia?: boolean;
}

/**
 * Creates a tenant table (in a migration): the columns every tenant table begins with (its id when
 * it has one, then `consortium_id`, which row-level security walls on, see `raiseWalls`), then its
 * own `columns` and constraints, as SQL.
 */
export function createTenantTable(db: QueryRunner, table: string, lead: TenantTableLead, columns: string): Promise<void> {
  const consortium = `consortium_id uuid ${lead.key === 'consortium' ? 'PRIMARY KEY' : 'NOT NULL'}${lead.referencesConsortia ? ' REFERENCES consortia(id)' : ''}`;
  return db.query(`CREATE TABLE ${table} (${[...(lead.key === 'id' ? ['id uuid PRIMARY KEY'] : []), consortium, columns].join(', ')})`);
}
