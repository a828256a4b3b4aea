import { DataSource, EntitySchema, MigrationInterface, MixedList } from 'typeorm';
import { asPlatform, ScopedClient } from './consortium-scope';

/** An entity class or a migration class, as TypeORM takes them. */
export type EntityTarget = new (...args: never[]) => object;
export type MigrationClass = new (...args: never[]) => MigrationInterface;

export interface DatabaseOptions {
  url: string;
  /** The service's own schema: tables, the migrations table and search_path all live there. */
  schema: string;
  entities: MixedList<EntityTarget | string | EntitySchema>;
  migrations: MixedList<MigrationClass | string>;
  /** Pool size per process. */
  poolSize?: number;
  /** Hooks into every transaction (the idempotency-key claim). */
  subscribers?: (new () => object)[];
}

/**
 * A TypeORM DataSource bound to one service schema. Migrations only, never synchronize. Its
 * connections carry the caller's consortium scope to PostgreSQL's row-level security.
 */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    subscribers: options.subscribers ?? [],
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    extra: {
      Client: ScopedClient,
      max: options.poolSize ?? 10,
      options: `-c search_path=${options.schema}`,
      connectionTimeoutMillis: 5000,
    },
  });
}

/**
 * Creates the schema if needed and runs pending migrations, under an advisory lock so that
 * several instances starting at once do not race.
 */
export function migrate(dataSource: DataSource, schema: string): Promise<void> {
  return asPlatform(() => migrateAll(dataSource, schema));
}

async function migrateAll(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${schema}`]).catch(() => undefined);
    await runner.release();
  }
}

/** Opens the pool (retrying while PostgreSQL is still starting) and migrates. */
export async function openDatabase(dataSource: DataSource, schema: string, attempts = 30): Promise<DataSource> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (!dataSource.isInitialized) await dataSource.initialize();
      break;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * attempt)));
    }
  }
  await migrate(dataSource, schema);
  return dataSource;
}

/**
 * Whether the database role this service connects as escapes row-level security (a superuser or
 * BYPASSRLS role): then only the application's filters keep consortia apart.
 */
export async function escapesRowSecurity(dataSource: DataSource): Promise<boolean> {
  const [role] = await dataSource.query(`SELECT rolsuper OR rolbypassrls AS escapes FROM pg_roles WHERE rolname = current_user`);
  return Boolean(role?.escapes);
}
