import { resolveNats, resolvePostgres } from '../servers';

/**
 * Resolves PostgreSQL and NATS once per run (environment, else Testcontainers, else embedded) and
 * hands their URLs to the test workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const [postgres, nats] = await Promise.all([resolvePostgres(), resolveNats()]);
  process.env.TEST_DATABASE_URL = postgres.url;
  process.env.TEST_NATS_URL = nats.url;
  (globalThis as any).__ccndrServers = [postgres, nats];
  if (!process.env.CI) process.stdout.write(`\ntest servers: PostgreSQL (${postgres.origin}), NATS (${nats.origin})\n`);
}
