import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CloudEventEnvelope, ConsortiumCreatedV1, parseEvent } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { parseOrRefuse } from '@ccndr/service-kit';
import { IndicatorsService } from '../src/indicators/indicators.service';
import { ClosedPeriodView, PeriodsService } from '../src/periods/periods.service';
import { ReportController, reportQuery } from '../src/report/report.controller';
import { fixtureEvent, heldMeeting, projectionSpec, ProjectionHarness } from './projection-harness';

/**
 * Closed periods: the figures frozen when the period is closed, restatements beside them, and
 * both restored from the stream by a rebuild (their events applied to an empty projection).
 */
describe('closed periods', () => {
  const projection = projectionSpec();
  const periods = (db: DataSource) => new PeriodsService(db, new Outbox('/ccndr/evaluation', 'spec'), new IndicatorsService(db));
  const published = (db: DataSource, type: string): Promise<CloudEventEnvelope[]> =>
    db.query(`SELECT payload FROM outbox ORDER BY position`).then((rows: { payload: string }[]) => rows.map((r) => JSON.parse(r.payload)).filter((e) => e.type === type));

  /** A consortium meeting on that day with `people` attendees, each of an organisation of their own. */
  const meeting = (startsAt: string, people: number) => heldMeeting(projection, startsAt, Array.from({ length: people }, () => randomUUID()));
  const participants = (figures: ClosedPeriodView['indicators']) => figures.find((f) => f.key === 'o1.meeting-participants')!.value;

  it('keeps the figures of a closed period when later events fall in it, shows a restatement beside them, and a rebuild restores both', async () => {
    const facts = [...meeting('2026-01-15T17:00:00.000Z', 1), ...meeting('2026-02-10T17:00:00.000Z', 6), ...meeting('2026-03-10T17:00:00.000Z', 2)];
    await projection.apply(...facts);
    const closed = await projection.read((db, consortiumId) => periods(db).close(consortiumId, '2026-02-01', '2026-03-01'));
    // February: the 6 of the February meeting; readiness maturity, with no assessment, null.
    expect(closed).toMatchObject({ from: '2026-02-01', to: '2026-03-01', restated: null, restatements: [] });
    expect(participants(closed.indicators)).toBe(6);
    expect(closed.indicators.find((f) => f.key === 'o1.meeting-participants')).toMatchObject({ label: { en: expect.any(String), fr: expect.any(String) }, target: { comparison: 'more-than', value: 60 }, status: 'not-met' });

    // The event: aggregates only (key, value, target, status), valid against its contract.
    const [event] = await projection.read((db) => published(db, 'ccndr.evaluation.period.closed.v1'));
    expect(parseEvent(event)).toMatchObject({ ok: true });
    expect(Object.keys((event.data as { indicators: object[] }).indicators[0]).sort()).toEqual(['key', 'status', 'suppressed', 'target', 'value']);

    // A late record of a February meeting (4 more) leaves the closed figures as they were.
    const late = meeting('2026-02-20T17:00:00.000Z', 4);
    await projection.apply(...late);
    const after = await projection.read((db, consortiumId) => periods(db).get(consortiumId, closed.id));
    expect(participants(after.indicators)).toBe(6);
    expect(after.restated).toBeNull();

    // Restated for late records: the original 6 and the restated 6 + 4 = 10, with the reason in both languages.
    const restated = await projection.read((db, consortiumId) => periods(db).restate(consortiumId, closed.id, 'late-records'));
    expect(participants(restated.indicators)).toBe(6);
    expect(restated.restated).toMatchObject({ reason: 'late-records', reasonLabel: { en: 'Records that came in late', fr: 'Données reçues en retard' } });
    expect(participants(restated.restated!.indicators)).toBe(10);
    expect(restated.restatements).toHaveLength(1);

    // A rebuild: every event, the period's own included, applied to an empty projection.
    const [closing, restating] = await projection.read(async (db) => [...(await published(db, 'ccndr.evaluation.period.closed.v1')), ...(await published(db, 'ccndr.evaluation.period.restated.v1'))]);
    const rebuilt = await ProjectionHarness.start();
    try {
      await rebuilt.apply(fixtureEvent(ConsortiumCreatedV1, projection.consortiumId, { consortiumId: projection.consortiumId }), ...facts, closing, ...late, restating);
      const restored = await rebuilt.read((db) => periods(db).get(projection.consortiumId, closed.id));
      expect(restored).toEqual(restated);
    } finally {
      await rebuilt.stop();
    }
  });

  it('refuses a period overlapping a closed one, a period not yet ended, and an unknown period', async () => {
    await projection.apply(...meeting('2026-02-10T17:00:00.000Z', 1));
    await projection.read((db, consortiumId) => periods(db).close(consortiumId, '2026-02-01', '2026-03-01'));
    const refusal = (run: (service: PeriodsService, consortiumId: string) => Promise<unknown>) =>
      projection.read((db, consortiumId) => run(periods(db), consortiumId).then(() => 'accepted', (error) => [error.code, error.details.errors?.map((e: { field: string; code: string }) => [e.field, e.code])]));
    expect(await refusal((s, c) => s.close(c, '2026-02-15', '2026-04-01'))).toEqual(['period.overlaps', undefined]);
    expect(await refusal((s, c) => s.close(c, '2026-01-01', '2026-02-02'))).toEqual(['period.overlaps', undefined]);
    // Next to it, not over it: accepted.
    expect(await refusal((s, c) => s.close(c, '2026-03-01', '2026-04-01'))).toBe('accepted');
    expect(await refusal((s, c) => s.close(c, '2026-04-01', '2999-01-01'))).toEqual(['request.invalid-fields', [['to', 'field.must-not-be-in-future']]]);
    expect(await refusal((s, c) => s.restate(c, randomUUID(), 'corrected-records'))).toEqual(['period.not-found', undefined]);
    expect(await projection.read((db, consortiumId) => periods(db).list(consortiumId))).toMatchObject([{ from: '2026-02-01', to: '2026-03-01' }, { from: '2026-03-01', to: '2026-04-01' }]);
  });

  it('the report says the period it covers: a period computed now, or a closed period’s frozen figures with its restatements in the data-quality notes', async () => {
    await projection.apply(...meeting('2026-02-10T17:00:00.000Z', 6));
    const report = (query: Record<string, string>) =>
      projection.read(async (db, consortiumId) => {
        const controller = new ReportController(new IndicatorsService(db), periods(db), db);
        return (await controller.report(consortiumId, parseOrRefuse(reportQuery, { format: 'markdown', ...query }), { type: () => undefined })) as string;
      });
    const february = await report({ lang: 'en', from: '2026-02-01', to: '2026-03-01' });
    expect(february).toContain('February 1, 2026 to February 28, 2026');
    expect(february).toContain('from the indicators computed for the period');
    expect(february).toContain('No period has been closed yet');

    const closed = await projection.read((db, consortiumId) => periods(db).close(consortiumId, '2026-02-01', '2026-03-01'));
    await projection.apply(...meeting('2026-02-20T17:00:00.000Z', 4));
    await projection.read((db, consortiumId) => periods(db).restate(consortiumId, closed.id, 'corrected-records'));
    const frozen = await report({ lang: 'fr', period: closed.id });
    const today = new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date()).replace(/^1 /, '1er ');
    expect(frozen).toContain(`1er février 2026 au 28 février 2026 (période close le ${today})`);
    // The frozen 6, not the 10 computed now; the restatement listed with its reason in French.
    expect(frozen).toContain('6 participant·e·s aux rencontres du Consortium');
    expect(frozen).not.toContain('10 participant·e·s');
    expect(frozen).not.toContain('personne différente');
    expect(frozen).toContain(`Retraitements depuis la clôture\u00a0: ${today} (données corrigées).`);
    // Live, the report counts the closed periods.
    expect(await report({ lang: 'en' })).toContain('Closed periods: 1;');
    expect(() => parseOrRefuse(reportQuery, { period: closed.id, from: '2026-01-01' })).toThrow();
  });
});
