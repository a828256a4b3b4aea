import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Client as PgClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { createDataSource, MigrationClass, openDatabase } from './data-source';

const statementBrand = Symbol.for('ccndr.statement');

/**
 * One SQL statement, with the type of the rows it returns and of its positional parameters
 * (`$1`, `$2`, … in tuple order). Statements live in `<module>.sql.ts` files beside the code that
 * runs them; a test PREPAREs every exported statement against the migrated schema, so a renamed
 * table or column fails the build rather than a request.
 */
export interface Statement<Row = never, Params extends readonly unknown[] = []> {
  readonly [statementBrand]: true;
  readonly text: string;
  /** Run as a named prepared statement, planned once per connection (needs a transaction's manager). */
  readonly prepared: boolean;
  /** Never set: carries the row and parameter types. */
  readonly types?: { row: Row; params: Params };
}

/** Declares a statement; `prepared` for the large aggregate queries whose planning costs more than their execution. */
export function sql<Row = never, Params extends readonly unknown[] = []>(text: string, options: { prepared?: boolean } = {}): Statement<Row, Params> {
  return { [statementBrand]: true, text, prepared: options.prepared ?? false };
}

export function isStatement(value: unknown): value is Statement<unknown, readonly unknown[]> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[statementBrand] === true;
}

/** Where a statement runs: the pool (a statement on its own) or a transaction's manager. */
export type Database = DataSource | EntityManager;

const statementNames = new Map<string, string>();

/**
 * Runs a statement and returns its rows (for INSERT/UPDATE/DELETE, those of its RETURNING clause;
 * none without one). In a transaction, the statement goes straight to the transaction's pg client:
 * TypeORM's per-query work (logging, query events to subscribers) cost more CPU than the client's
 * own on the command paths (issue 26), and nothing here listens to query events. A failed
 * statement then throws pg's own error (its SQLSTATE in `code`, not TypeORM's `driverError.code`).
 */
export async function query<Row, Params extends readonly unknown[]>(db: Database, statement: Statement<Row, Params>, params: Params): Promise<Row[]> {
  const manager = db instanceof EntityManager ? db : db.manager;
  const values = params as unknown as unknown[];
  const runner = manager.queryRunner;
  if (runner?.isTransactionActive || statement.prepared) {
    if (!runner) throw new Error('a prepared statement needs a manager bound to a connection (a transaction)');
    const client = (runner as unknown as { databaseConnection?: PgClient }).databaseConnection ?? ((await (runner as unknown as { connect(): Promise<PgClient> }).connect()) as PgClient);
    return (await client.query(statement.prepared ? { name: preparedName(statement.text), text: statement.text, values } : { text: statement.text, values })).rows as Row[];
  }
  // The structured result gives the rows whatever the command (TypeORM answers [rows, count] to UPDATE and DELETE otherwise).
  const pooled = runner ?? manager.connection.createQueryRunner();
  try {
    return (await pooled.query(statement.text, values, true)).records as Row[];
  } finally {
    if (pooled !== runner) await pooled.release();
  }
}

/** A prepared statement's name, the same for its text in every connection. */
function preparedName(text: string): string {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `ccndr_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return name;
}

/** Every statement exported by the `*.sql.ts` files under these folders, named `<file>#<export>`. */
export function statementsUnder(...folders: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const folder of folders) {
    const files = (readdirSync(folder, { recursive: true }) as string[]).filter((file) => file.endsWith('.sql.ts')).sort();
    for (const file of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported: Record<string, unknown> = require(join(folder, file));
      for (const [name, value] of Object.entries(exported)) {
        for (const [variant, text] of statementTexts(value)) found.set(`${relative(process.cwd(), join(folder, file))}#${name}${variant}`, text);
      }
    }
  }
  return found;
}

/**
 * The texts an export holds: a statement; a batch write (its `statement` text, a set-based upsert
 * from `@ccndr/messaging`); or a family of statements built from a few fixed parts (an object of
 * statements, each variant listed).
 */
function statementTexts(value: unknown): [string, string][] {
  if (isStatement(value)) return [['', value.text]];
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record.statement === 'string' && Array.isArray(record.columns)) return [['', record.statement]];
  return Object.entries(record).flatMap(([key, inner]) => (isStatement(inner) ? [[`.${key}`, inner.text] as [string, string]] : []));
}

/**
 * Migrates a scratch schema with these migrations and PREPAREs in it (parsed, names resolved, types
 * checked, never executed) every statement of the `*.sql.ts` files under `folders`: the statements
 * checked and those that fail (a table or column renamed, a type that no longer fits). For the
 * statement tests; the schema is dropped after.
 */
export async function checkStatements(databaseUrl: string, migrations: MigrationClass[], folders: string[]): Promise<{ checked: string[]; failures: string[] }> {
  const schema = `statements_${randomBytes(6).toString('hex')}`;
  const db = createDataSource({ url: databaseUrl, schema, entities: [], migrations, poolSize: 2 });
  try {
    await openDatabase(db, schema);
    const statements = statementsUnder(...folders);
    const failures: string[] = [];
    const runner = db.createQueryRunner();
    try {
      for (const [name, text] of statements) {
        try {
          await runner.query(`PREPARE ccndr_statement_check AS ${text}`);
          await runner.query('DEALLOCATE ccndr_statement_check');
        } catch (error) {
          failures.push(`${name}: ${(error as Error).message}`);
        }
      }
    } finally {
      await runner.release();
    }
    return { checked: [...statements.keys()], failures };
  } finally {
    if (db.isInitialized) {
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.destroy();
    }
  }
}
