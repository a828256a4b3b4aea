import { randomUUID } from 'node:crypto';
import { ConsortiumCreatedV1, DomainError } from '@ccndr/contracts';
import { parseOrRefuse } from '@ccndr/service-kit';
import { narrativeBody, narrativePeriodQuery } from '../src/narratives/narratives.controller';
import { NarrativesService } from '../src/narratives/narratives.service';
import { fixtureEvent, projectionSpec } from './projection-harness';

/**
 * The coordinator's narratives on real PostgreSQL (evaluation's migrated schema): every version
 * kept, the latest served per section and period, one consortium’s apart from another’s, and the
 * route's schemas refusing what the API refuses. Who may call the routes is checked over HTTP in
 * e2e/evaluation-replay.e2e-spec.ts, with the rebuild that keeps them.
 */
describe('the coordinator’s narratives', () => {
  const projection = projectionSpec();
  const whole = { from: null, to: null };
  const spring = { from: '2026-03-01', to: '2026-05-31' };
  const service = (work: (narratives: NarrativesService) => Promise<unknown>) => projection.read((db) => work(new NarrativesService(db)));

  it('keeps every version and serves the latest of each section, per period', async () => {
    const id = projection.consortiumId;
    const versions = await service(async (n) => {
      await n.write(id, whole, 'outcome-1', { fr: 'Première version.', en: null }, 'idp|coordinator');
      await n.write(id, whole, 'outcome-1', { fr: 'Deuxième version.', en: 'Second version.' }, 'idp|coordinator');
      await n.write(id, whole, 'learnings', { fr: null, en: 'Busy schedules.' }, 'idp|coordinator');
      await n.write(id, spring, 'outcome-1', { fr: 'Printemps.', en: null }, 'idp|coordinator');
      return n.versions(id, whole, 'outcome-1');
    });
    expect(versions).toEqual([
      { section: 'outcome-1', period: whole, version: 2, fr: 'Deuxième version.', en: 'Second version.', writtenAt: expect.any(String) },
      { section: 'outcome-1', period: whole, version: 1, fr: 'Première version.', en: null, writtenAt: expect.any(String) },
    ]);
    const latest = (await service((n) => n.latest(id, whole))) as { section: string; version: number; fr: string | null; en: string | null }[];
    expect(latest.map(({ section, version, fr, en }) => ({ section, version, fr, en }))).toEqual([
      { section: 'learnings', version: 1, fr: null, en: 'Busy schedules.' },
      { section: 'outcome-1', version: 2, fr: 'Deuxième version.', en: 'Second version.' },
    ]);
    // A period's narrative is its own, numbered from 1.
    expect(await service((n) => n.latest(id, spring))).toEqual([{ section: 'outcome-1', period: spring, version: 1, fr: 'Printemps.', en: null, writtenAt: expect.any(String) }]);
  });

  it('numbers versions one after the other when two are written at once', async () => {
    const id = projection.consortiumId;
    await service((n) => Promise.all([1, 2, 3, 4].map((i) => n.write(id, whole, 'outcome-2', { fr: `Version ${i}`, en: null }, 'idp|coordinator'))));
    expect(((await service((n) => n.versions(id, whole, 'outcome-2'))) as { version: number }[]).map((v) => v.version)).toEqual([4, 3, 2, 1]);
  });

  it('serves one consortium’s narratives to none other, behind the database’s own wall too', async () => {
    const id = projection.consortiumId;
    const other = randomUUID();
    await projection.apply(fixtureEvent(ConsortiumCreatedV1, other, { consortiumId: other }));
    await service((n) => n.write(id, whole, 'learnings', { fr: 'Apprentissage.', en: null }, 'idp|coordinator'));
    expect(await service((n) => n.latest(other, whole))).toEqual([]);
    // Row-level security, forced (the tests' administrator bypasses it; the service's role does not: e2e/tenant-isolation).
    const [wall] = await projection.read((db) => db.query(`SELECT relrowsecurity AND relforcerowsecurity AS walled FROM pg_class WHERE oid = to_regclass('narratives')`));
    expect(wall).toEqual({ walled: true });
  });

  it('answers 404 for a consortium evaluation does not know', async () => {
    await expect(service((n) => n.write(randomUUID(), whole, 'outcome-1', { fr: 'Texte.', en: null }, 'idp|coordinator'))).rejects.toMatchObject({ code: 'consortium.not-found', status: 404 });
  });

  it('refuses an empty text, a text over 10,000 characters and half a period, with catalogued codes', () => {
    const refusal = (schema: Parameters<typeof parseOrRefuse>[0], value: unknown) => {
      try {
        parseOrRefuse(schema, value);
      } catch (error) {
        return (error as DomainError).details.errors?.map(({ code, field }) => ({ code, field }));
      }
      throw new Error('accepted');
    };
    expect(refusal(narrativeBody, { fr: '  ', en: '' })).toEqual([{ code: 'narrative.text-required', field: 'fr' }]);
    expect(refusal(narrativeBody, { fr: 'x'.repeat(10_001) })).toEqual([{ code: 'field.too-long', field: 'fr' }]);
    expect(parseOrRefuse(narrativeBody, { fr: 'x'.repeat(10_000) })).toEqual({ fr: 'x'.repeat(10_000), en: '' });
    expect(refusal(narrativePeriodQuery, { from: '2026-03-01' })).toEqual([{ code: 'narrative.period-incomplete', field: 'to' }]);
    expect(refusal(narrativePeriodQuery, { from: '2026-03-01', to: '2026-02-01' })).toEqual([{ code: 'field.end-before-start', field: 'to' }]);
  });
});
