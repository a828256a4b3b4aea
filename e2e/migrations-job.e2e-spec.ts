import { join } from 'node:path';
import { domainServiceNames } from '@ccndr/local-stack';
import { TestSystem } from '@ccndr/testing';
import { runCommand } from './support/command';

/** What a deployment's migrations job runs: each service's image with `--migrate-only`. */
describe('migrations as a job', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: [] });
  });
  afterAll(() => system?.stop());

  async function migrate(name: string, databaseUrl = system.serviceDatabaseUrls[name as keyof typeof system.serviceDatabaseUrls]): Promise<{ code: number | null; output: string }> {
    const { code, stdout, stderr } = await runCommand(process.execPath, ['-r', '@swc-node/register', join('services', name, 'src', 'main.ts'), '--migrate-only'], {
      // What the job gives it: its database, nothing of NATS or tokens.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, OTEL_SDK_DISABLED: 'true' },
    });
    return { code, output: stdout + stderr };
  }

  it('migrates every service’s schema and exits, without serving or consuming; a second run changes nothing', async () => {
    const first = await Promise.all(domainServiceNames.map((name) => migrate(name)));
    for (const run of first) expect(run).toEqual({ code: 0, output: expect.stringContaining('schema migrated') });
    const applied = await system.sql(`SELECT table_schema, count(*)::int AS n FROM information_schema.tables WHERE table_name = 'migrations' GROUP BY table_schema ORDER BY table_schema`);
    expect(applied.map((r) => r.table_schema)).toEqual(['assessments', 'community', 'evaluation', 'provider_matching']);
    const counts = await Promise.all(applied.map(async (r) => (await system.sql(`SELECT count(*)::int AS n FROM ${r.table_schema}.migrations`))[0].n));
    expect(counts.every((n) => n > 3)).toBe(true);
    // Nothing attached to NATS: no stream or durable consumer was created.
    expect(await system.bus.publishedEvents().catch(() => 'no stream')).toBe('no stream');

    for (const run of await Promise.all(domainServiceNames.map((name) => migrate(name)))) expect(run.code).toBe(0);
    expect(await Promise.all(applied.map(async (r) => (await system.sql(`SELECT count(*)::int AS n FROM ${r.table_schema}.migrations`))[0].n))).toEqual(counts);
  });

  it('that cannot start exits with 1 and says why in a JSON log line like the others', async () => {
    const run = await migrate('community', 'mysql://somewhere/else');
    const lines = run.output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    expect(run.code).toBe(1);
    expect(lines).toEqual([expect.objectContaining({ level: 'error', service: 'community', msg: 'failed to start', time: expect.any(String), error: expect.stringContaining('must be a postgres:// URL') })]);
  });
});
