import { AsyncLocalStorage } from 'node:async_hooks';
import { Client } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { defineMigration } from './migration';

/**
 * The second wall between consortia, under the application's own filters: PostgreSQL row-level
 * security. Every tenant table's policy reads the session setting `ccndr.consortia` — the
 * consortia the work in progress may see (comma-separated ids), `*` for the platform's own work
 * (consumers applying events of every consortium, the relay, rebuilds, migrations, scheduled jobs),
 * empty or unset for nothing. Work outside any scope sees no tenant row: a request whose
 * context was lost fails closed.
 *
 * The programme view across consortia has a scope of its own, set in a second setting
 * (`ccndr.programme` = `read`, with no consortium in `ccndr.consortia`): only the tables a
 * migration opens to it with `openToProgramme` let it read their rows, and no policy lets it write.
 */
export const scopeSetting = 'ccndr.consortia';
export const programmeSetting = 'ccndr.programme';
const platformScope = '*';
const programmeScope = 'programme';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const scopes = new AsyncLocalStorage<string>();

/** Runs `work` (and everything it starts) seeing only these consortia's rows. */
export function withinConsortia<T>(consortia: readonly string[], work: () => T): T {
  return scopes.run(consortia.filter((id) => uuidPattern.test(id)).join(','), work);
}

/** Runs `work` as the platform: every consortium's rows. */
export function asPlatform<T>(work: () => T): T {
  return scopes.run(platformScope, work);
}

/**
 * Runs `work` in the programme's read-only scope: every consortium's rows of the tables opened to
 * the programme, for SELECT only; nothing of any other table.
 */
export function withinProgramme<T>(work: () => T): T {
  return scopes.run(programmeScope, work);
}

/** What a scope can hold (`*`, `programme`, or consortium ids), so that it can be written into a statement as a literal. */
const scopeValue = /^(\*|programme|[0-9a-f,-]*)$/i;

/** The two settings' values for a scope: the consortia, and whether the programme may read. */
function settingsOf(scope: string): [consortia: string, programme: string] {
  return scope === programmeScope ? ['', 'read'] : [scope, ''];
}

/**
 * A pg client that, before a query, brings the connection's scope in line with the caller's. A
 * transaction gets it as local settings sent with its START TRANSACTION (no round trip of its
 * own; an isolation level can still be set after it). Outside a transaction, one session-level `SELECT set_config` of both settings when it differs, queued ahead of the
 * query; that value is remembered only when set outside a transaction, since a rollback would undo it.
 */
export class ScopedClient extends Client {
  private sessionScope: string | undefined;
  /** The scope set for the transaction in progress (undefined when none is). */
  private transactionScope: string | undefined;

  override query(...args: unknown[]): any {
    const wanted = scopes.getStore() ?? '';
    const send = super.query as (...a: unknown[]) => Promise<any>;
    if (args[0] === 'START TRANSACTION' && args[1] === undefined && scopeValue.test(wanted)) {
      this.transactionScope = wanted;
      // SET LOCAL, not SELECT set_config: a SELECT would be the transaction's first query, after
      // which PostgreSQL refuses SET TRANSACTION ISOLATION LEVEL.
      const [consortia, programme] = settingsOf(wanted);
      return send
        .call(this, `START TRANSACTION; SET LOCAL ${scopeSetting} = '${consortia}'; SET LOCAL ${programmeSetting} = '${programme}'`)
        .then((results: unknown[]) => results[0]);
    }
    const idle = this.getTransactionStatus() === 'I' || this.getTransactionStatus() === null;
    if (idle) this.transactionScope = undefined;
    if (wanted !== (this.transactionScope ?? this.sessionScope)) {
      const ready = idle && (this as unknown as { readyForQuery: boolean }).readyForQuery;
      this.sessionScope = ready ? wanted : undefined;
      if (!idle) this.transactionScope = wanted;
      const [consortia, programme] = settingsOf(wanted);
      send.call(this, 'SELECT set_config($1, $2, false), set_config($3, $4, false)', [scopeSetting, consortia, programmeSetting, programme]).catch(() => (this.sessionScope = undefined));
    }
    return send.call(this, ...args);
  }
}

/**
 * A tenant table: it names its consortium in a column (`consortium_id` unless said), or its rows
 * belong to a parent table that does (a row is seen when its parent is).
 */
export type Wall = { table: string; column?: string } | { table: string; parent: { table: string; foreignKey: string; key?: string } };

/** The policy condition for one table. */
function condition(wall: Wall): string {
  if ('parent' in wall) return `(EXISTS (SELECT 1 FROM ${wall.parent.table} parent WHERE parent.${wall.parent.key ?? 'id'} = ${wall.table}.${wall.parent.foreignKey}))`;
  const column = wall.column ?? 'consortium_id';
  // Scalar subqueries: the setting is read once per statement (an InitPlan), not once per row.
  return `((SELECT current_setting('${scopeSetting}', true) = '${platformScope}') OR ${column} = ANY (CAST((SELECT string_to_array(nullif(current_setting('${scopeSetting}', true), '${platformScope}'), ',')) AS uuid[])))`;
}

/** Turns row-level security on for these tables (in a migration). */
export async function raiseWalls(db: QueryRunner, walls: Wall[]): Promise<void> {
  for (const wall of walls) {
    await db.query(`ALTER TABLE ${wall.table} ENABLE ROW LEVEL SECURITY`);
    // Forced: the service's role owns its tables, and owners are otherwise exempt.
    await db.query(`ALTER TABLE ${wall.table} FORCE ROW LEVEL SECURITY`);
    await db.query(`CREATE POLICY consortium_scope ON ${wall.table} USING ${condition(wall)} WITH CHECK ${condition(wall)}`);
  }
}

/** A migration raising these walls (and lowering them on the way down); `name` ends with its timestamp, as TypeORM orders by it. */
export function wallsMigration(name: string, walls: Wall[]): new () => MigrationInterface {
  return defineMigration(name, (db) => raiseWalls(db, walls), (db) => lowerWalls(db, walls));
}

/**
 * Opens these tenant tables to the programme's read-only scope (in a migration): a second,
 * SELECT-only policy, so that writes still answer to the consortium scope alone.
 */
export async function openToProgramme(db: QueryRunner, tables: string[], options: { onlyConsortiaIn?: string } = {}): Promise<void> {
  // `onlyConsortiaIn`: a query of consortium ids; rows of other consortia stay closed even to the programme.
  const rows = options.onlyConsortiaIn ? ` AND consortium_id IN (${options.onlyConsortiaIn})` : '';
  for (const table of tables) {
    await db.query(`CREATE POLICY programme_read ON ${table} FOR SELECT USING ((SELECT current_setting('${programmeSetting}', true) = 'read')${rows})`);
  }
}

export async function closeToProgramme(db: QueryRunner, tables: string[]): Promise<void> {
  for (const table of tables) await db.query(`DROP POLICY programme_read ON ${table}`);
}

export async function lowerWalls(db: QueryRunner, walls: Wall[]): Promise<void> {
  for (const wall of [...walls].reverse()) {
    await db.query(`DROP POLICY consortium_scope ON ${wall.table}`);
    await db.query(`ALTER TABLE ${wall.table} NO FORCE ROW LEVEL SECURITY`);
    await db.query(`ALTER TABLE ${wall.table} DISABLE ROW LEVEL SECURITY`);
  }
}
