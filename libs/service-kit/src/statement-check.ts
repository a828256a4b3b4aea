import { randomBytes } from 'node:crypto';
import { createDataSource, openDatabase, statementsUnder, unpreparable } from '@ccndr/persistence';
import { platformMigrations, ServiceSpec } from './service-spec';

/**
 * Migrates a scratch schema as the service's own (the platform's tables, then the service's) and
 * PREPAREs in it every statement of the `*.sql.ts` files under `folders`: the statements checked
 * and those that fail (a table or column renamed, a type that no longer fits). For the statement tests.
 */
export async function checkStatements(spec: Pick<ServiceSpec, 'name' | 'migrations'>, databaseUrl: string, folders: string[]): Promise<{ checked: string[]; failures: string[] }> {
  const schema = `statements_${spec.name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const db = createDataSource({ url: databaseUrl, schema, entities: [], migrations: [...platformMigrations, ...spec.migrations], poolSize: 2 });
  try {
    await openDatabase(db, schema);
    const statements = statementsUnder(...folders);
    return { checked: [...statements.keys()], failures: await unpreparable(db, statements) };
  } finally {
    if (db.isInitialized) {
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.destroy();
    }
  }
}
