import { randomUUID } from 'node:crypto';
import { AssessmentCompletedV1, ConsortiumCreatedV1, FrameworkAdoptedV1 } from '@ccndr/contracts';
import { IndicatorsService } from '../src/indicators/indicators.service';
import { ProgrammeService } from '../src/programme/programme.service';
import { fixtureEvent, projectionSpec } from './projection-harness';

/**
 * The programme view across consortia on real PostgreSQL (evaluation's migrated schema): every
 * consortium's stored indicators side by side, and the readiness benchmark pooled from the
 * consortia that opted in, withheld below 5 organisations or 2 consortia. Who may call the routes,
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

  it('pools the opted-in consortia’s latest scores per dimension, withheld below 5 organisations and below 2 consortia', async () => {
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

    // 1 organisation: withheld, and its count too.
    const retaker = randomUUID();
    await projection.apply(assessed(first, 10, retaker, '2026-04-01T12:00:00.000Z'), assessed(first, 40, retaker));
    expect(await cybersecurity()).toEqual(withheld('organizations', null, 1));
    expect((await cybersecurity())!.withheld!.text).toEqual({ fr: 'non affichée (moins de 5 organismes)', en: 'not shown (fewer than 5 organisations)' });

    // 4 organisations: still withheld. The second consortium has not opted in: its scores do not count.
    await projection.apply(...[60, 20, 80].map((score) => assessed(first, score)), ...[10, 10, 10].map((score) => assessed(second, score)));
    expect(await cybersecurity()).toEqual(withheld('organizations', null, 1));

    // 5 organisations, all of one consortium: the programme's figures would be that consortium's.
    await projection.apply(assessed(first, 100));
    expect(await cybersecurity()).toEqual(withheld('consortia', 5, 1));
    expect((await cybersecurity())!.withheld!.text).toEqual({ fr: 'non affichée (moins de 2 consortiums)', en: 'not shown (fewer than 2 consortia)' });

    // The second opts in: 8 organisations of 2 consortia, latest scores 10 10 10 20 40 60 80 100 (the retaker's 40, not its 10).
    // Quartiles by linear interpolation over positions 0–7: 1.75 → 10, 3.5 → (20 + 40) / 2 = 30, 5.25 → 60 + 0.25 × 20 = 65.
    await service((p) => p.setBenchmarkChoice(second, true, 'idp|coordinator-second'));
    expect(await cybersecurity()).toEqual({ dimension: 'cybersecurity', name: { fr: 'Cybersécurité', en: 'Cybersecurity' }, organizations: 8, consortia: 2, withheld: null, lowerQuartile: 10, median: 30, upperQuartile: 65 });
    expect(await service((p) => p.readinessBenchmark())).toMatchObject({ consortia: 2, minimumOrganizations: 5, minimumConsortia: 2 });

    // Opting out takes its scores out again.
    expect(await service((p) => p.setBenchmarkChoice(second, false, 'idp|coordinator-second'))).toEqual({ optIn: false, decidedAt: expect.any(String) });
    expect(await cybersecurity()).toEqual(withheld('consortia', 5, 1));
    expect(await service((p) => p.benchmarkChoice(second))).toEqual({ optIn: false, decidedAt: expect.any(String) });
  });

  it('has a consortium out of the benchmark until its coordinator opts in, and answers 404 for a consortium evaluation does not know', async () => {
    expect(await service((p) => p.benchmarkChoice(projection.consortiumId))).toEqual({ optIn: false, decidedAt: null });
    await expect(service((p) => p.setBenchmarkChoice(randomUUID(), true, 'idp|coordinator'))).rejects.toMatchObject({ code: 'consortium.not-found', status: 404 });
    await expect(service((p) => p.benchmarkChoice(randomUUID()))).rejects.toMatchObject({ code: 'consortium.not-found', status: 404 });
  });
});
