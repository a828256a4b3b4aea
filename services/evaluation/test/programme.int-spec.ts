import { randomUUID } from 'node:crypto';
import { AssessmentCompletedV1, ConsortiumCreatedV1, FrameworkAdoptedV1 } from '@ccndr/contracts';
import { IndicatorsService } from '../src/indicators/indicators.service';
import { ProgrammeService } from '../src/programme/programme.service';
import { fixtureEvent, projectionSpec } from './projection-harness';

/**
 * The programme view across consortia on real PostgreSQL (evaluation's migrated schema): every
 * consortium's stored indicators side by side, and the readiness benchmark pooled from the
 * consortia that opted in (a consortium contributing from 5 organisations), withheld below 10
 * organisations or 2 contributing consortia. Who may call the routes,
 * and the database wall of the programme scope, are checked over HTTP in e2e/programme.e2e-spec.ts
 * and e2e/tenant-isolation.e2e-spec.ts (this harness connects as an administrator, which row-level security spares).
 */
describe('the programme view across consortia', () => {
  const projection = projectionSpec();
  const service = <T>(work: (programme: ProgrammeService) => Promise<T>) => projection.read((db) => work(new ProgrammeService(db)));

  const consortium = async (name?: { fr: string; en: string }) => {
    const id = randomUUID();
    await projection.apply(fixtureEvent(ConsortiumCreatedV1, id, { consortiumId: id, ...(name ? { name } : {}) }), fixtureEvent(FrameworkAdoptedV1, id, {}));
    return id;
  };
  const assessed = (consortiumId: string, cybersecurity: number, organizationId = randomUUID(), completedAt = '2026-05-01T12:00:00.000Z') =>
    fixtureEvent(AssessmentCompletedV1, consortiumId, { assessmentId: randomUUID(), organizationId, completedAt, dimensions: [{ dimension: 'cybersecurity', score: cybersecurity, stage: 3, spread: 0 }] });

  it('shows every consortium with its indicators as stored, the suppressed ones still without a value', async () => {
    const north = await consortium({ fr: 'Consortium du Nord', en: 'Northern Consortium' });
    const south = await consortium({ fr: 'Consortium du Sud', en: 'Southern Consortium' });
    // One organisation assessed in the north: its maturity is withheld; five in the south: shown.
    await projection.apply(assessed(north, 40), ...[20, 40, 60, 80, 100].map((score) => assessed(south, score)));
    const consortia = await service((p) => p.indicators());
    const of = (id: string) => consortia.find((c) => c.consortiumId === id)!;
    expect(of(north).name).toEqual({ fr: 'Consortium du Nord', en: 'Northern Consortium' });
    const maturity = (id: string) => of(id).indicators.find((i) => i.key === 'readiness.maturity.cybersecurity');
    expect(maturity(north)).toMatchObject({ value: null, suppressed: true, unit: 'average', status: 'tracked' });
    expect(maturity(south)).toMatchObject({ value: 60, suppressed: false });
    // The same indicators, in the same order, as the consortium's own view — without their breakdown.
    const own = await projection.read((db) => new IndicatorsService(db).list(north));
    expect(of(north).indicators.map((i) => i.key)).toEqual(own.map((i) => i.key));
    expect(of(north).indicators.map((i) => i.value)).toEqual(own.map((i) => i.value));
    expect(Object.keys(maturity(south)!)).toEqual(['key', 'outcome', 'label', 'unit', 'value', 'suppressed', 'target', 'status']);
    const participants = of(north).indicators.find((i) => i.key === 'o1.meeting-participants');
    expect(participants).toMatchObject({ outcome: 1, target: { comparison: 'more-than', value: 60 }, status: 'not-met' });
  });

  it('pools the opted-in consortia’s latest scores per dimension, from consortia of at least 5 organisations, withheld below 10 organisations or 2 such consortia', async () => {
    const db = (statement: string) => projection.read((d) => d.query(statement));
    // Only this test's consortia take part.
    await db(`UPDATE programme_benchmark SET opted_in = false`);
    const first = await consortium();
    const second = await consortium();
    await service((p) => p.setBenchmarkChoice(first, true, 'idp|coordinator-first'));
    const cybersecurity = async () => (await service((p) => p.readinessBenchmark())).dimensions.find((d) => d.dimension === 'cybersecurity');
    const withheld = (reason: string, organizations: number | null, consortia: number) => ({
      dimension: 'cybersecurity',
      name: { fr: 'Cybersécurité', en: 'Cybersecurity' },
      organizations,
      consortia,
      withheld: expect.objectContaining({ reason }),
      lowerQuartile: null,
      median: null,
      upperQuartile: null,
    });

    // 1 organisation: its consortium does not contribute yet (fewer than 5), so nothing is drawn from it.
    const retaker = randomUUID();
    await projection.apply(assessed(first, 10, retaker, '2026-04-01T12:00:00.000Z'), assessed(first, 40, retaker));
    expect(await cybersecurity()).toEqual(withheld('organizations', 0, 0));
    expect((await cybersecurity())!.withheld!.text).toEqual({ fr: 'non affichée (moins de 10 organismes, d’au moins 5 par consortium)', en: 'not shown (fewer than 10 organisations, at least 5 per consortium)' });

    // 5 organisations of one consortium: quartiles of 5 scores would be the organisations' own.
    await projection.apply(...[60, 20, 80, 100].map((score) => assessed(first, score)));
    expect(await cybersecurity()).toEqual(withheld('organizations', 5, 1));

    // The second opts in with 3 organisations: fewer than 5, it does not contribute (a 5 + 3 split would show its 3 through the quartiles).
    await projection.apply(...[10, 10, 10].map((score) => assessed(second, score)));
    await service((p) => p.setBenchmarkChoice(second, true, 'idp|coordinator-second'));
    expect(await cybersecurity()).toEqual(withheld('organizations', 5, 1));

    // 10 organisations of the first, still 3 of the second: enough organisations, but one consortium's figures would be the programme's.
    await projection.apply(...[30, 50, 70, 90, 0].map((score) => assessed(first, score)));
    expect(await cybersecurity()).toEqual(withheld('consortia', 10, 1));
    expect((await cybersecurity())!.withheld!.text).toEqual({ fr: 'non affichée (moins de 2 consortiums d’au moins 5 organismes)', en: 'not shown (fewer than 2 consortia of at least 5 organisations)' });

    // The second reaches 5: 15 organisations of 2 consortia, latest scores 0 10 10 10 10 10 20 30 40 50 60 70 80 90 100 (the retaker's 40, not its 10).
    // Quartiles by linear interpolation over positions 0–14: 3.5 → 10, 7 → 30, 10.5 → (60 + 70) / 2 = 65.
    await projection.apply(...[10, 10].map((score) => assessed(second, score)));
    expect(await cybersecurity()).toEqual({ dimension: 'cybersecurity', name: { fr: 'Cybersécurité', en: 'Cybersecurity' }, organizations: 15, consortia: 2, withheld: null, lowerQuartile: 10, median: 30, upperQuartile: 65 });
    expect(await service((p) => p.readinessBenchmark())).toMatchObject({ consortia: 2, minimumOrganizations: 10, minimumOrganizationsPerConsortium: 5, minimumConsortia: 2 });

    // Opting out takes its scores out again.
    expect(await service((p) => p.setBenchmarkChoice(second, false, 'idp|coordinator-second'))).toEqual({ optIn: false, decidedAt: expect.any(String) });
    expect(await cybersecurity()).toEqual(withheld('consortia', 10, 1));
    expect(await service((p) => p.benchmarkChoice(second))).toEqual({ optIn: false, decidedAt: expect.any(String) });
  });

  it('has a consortium out of the benchmark until its coordinator opts in, and answers 404 for a consortium evaluation does not know', async () => {
    expect(await service((p) => p.benchmarkChoice(projection.consortiumId))).toEqual({ optIn: false, decidedAt: null });
    await expect(service((p) => p.setBenchmarkChoice(randomUUID(), true, 'idp|coordinator'))).rejects.toMatchObject({ code: 'consortium.not-found', status: 404 });
    await expect(service((p) => p.benchmarkChoice(randomUUID()))).rejects.toMatchObject({ code: 'consortium.not-found', status: 404 });
  });
});
