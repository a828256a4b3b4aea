import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { domainServiceNames } from './service-process';

type DomainService = (typeof domainServiceNames)[number];

/** The database role a service connects as: `<prefix>_<service>`. */
export function serviceRoleName(service: DomainService, prefix = 'ccndr'): string {
  return `${prefix}_${service.replace(/-/g, '_')}`;
}

/**
 * Gives each domain service a database role of its own, as an operations team would: a login that
 * is not a superuser and cannot bypass row-level security, may connect to `database` and create
 * its schema there, and owns that schema if it already exists (a database the services used to
 * reach as a superuser is adopted). Each role's password is set to `passwords[service]` (the
 * embedded default keeps them in its data folder), or a fresh one. Returns each service's URL.
 */
export async function grantServiceRoles(adminUrl: string, database: string, prefix = 'ccndr', passwords: Partial<Record<DomainService, string>> = {}): Promise<Record<DomainService, string>> {
  const urls = {} as Record<DomainService, string>;
  const admin = new Client({ connectionString: withDatabase(adminUrl, database) });
  await admin.connect();
  try {
    for (const service of domainServiceNames) {
      const role = serviceRoleName(service, prefix);
      const password = passwords[service] ?? randomBytes(16).toString('hex');
      if (!/^[A-Za-z0-9]+$/.test(password)) throw new Error(`the database password of ${service} must be letters and digits`);
      // Two runs may create the role at once: the loser alters it instead.
      await admin.query(`
        DO $$ BEGIN
          CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${password}';
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
          ALTER ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '${password}';
        END $$`);
      await admin.query(`GRANT CONNECT, CREATE ON DATABASE ${database} TO ${role}`);
      const schema = service.replace(/-/g, '_');
      await admin.query(`
        DO $$ DECLARE t record; BEGIN
          IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '${schema}') THEN
            ALTER SCHEMA ${schema} OWNER TO ${role};
            FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = '${schema}' AND tableowner <> '${role}' LOOP
              EXECUTE format('ALTER TABLE ${schema}.%I OWNER TO ${role}', t.tablename);
            END LOOP;
          END IF;
        END $$`);
      const url = new URL(withDatabase(adminUrl, database));
      url.username = role;
      url.password = password;
      urls[service] = url.toString();
    }
  } finally {
    await admin.end();
  }
  return urls;
}

/** Drops the roles `grantServiceRoles` made with this prefix (after their database is gone). */
export async function dropServiceRoles(adminUrl: string, prefix: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const service of domainServiceNames) await admin.query(`DROP ROLE IF EXISTS ${serviceRoleName(service, prefix)}`);
  } finally {
    await admin.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
