import { randomBytes, randomUUID } from 'node:crypto';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '@ccndr/config';
import { JsonLogger } from '@ccndr/observability';
import { openServiceDatabase } from '@ccndr/service-kit';
import { evaluationService } from '../src/evaluation.service-spec';
import { IndicatorChanges, IndicatorMessage } from '../src/indicators/indicator-changes';
import { IndicatorRefresher } from '../src/indicators/indicator-refresher';
import { IndicatorsService } from '../src/indicators/indicators.service';
import { everySection } from '../src/indicators/sections';
import { staleMarks } from '../src/indicators/stale-marks.sql';

/**
 * Evaluation's listeners are woken by the notifications its statements send at commit: the
 * refresher polls an hour apart here, and the live stream has no poll, so a channel name that
 * differs between the statement and its listener fails these tests.
 */
describe('evaluation’s commit notifications', () => {
  const schema = `notify_test_${randomBytes(4).toString('hex')}`;
  const config = { DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: schema, INDICATOR_REFRESH_POLL_INTERVAL_MS: 3_600_000 } as ServiceConfig;
  const logger = new JsonLogger('evaluation', 'error');
  let db: DataSource;
  let refresher: IndicatorRefresher;
  let changes: IndicatorChanges;

  const addConsortium = (id: string) => db.query(`INSERT INTO consortia (consortium_id, default_language, created_at) VALUES ($1, 'fr', now())`, [id]);
  // What an event's handler writes, through the same statement (it notifies at commit).
  const markStale = (id: string) => db.query(staleMarks.statement, [[id], [randomUUID()], [everySection]]);
  const marks = async () => (await db.query(`SELECT consortium_id FROM stale_indicators`)).map((r: { consortium_id: string }) => r.consortium_id);

  beforeAll(async () => {
    db = await openServiceDatabase(evaluationService, config);
    refresher = new IndicatorRefresher(db, config, logger);
    changes = new IndicatorChanges(new IndicatorsService(db), config, logger);
  });
  afterAll(async () => {
    await refresher?.onApplicationShutdown();
    await changes?.onApplicationShutdown();
    await db?.query(`DROP SCHEMA "${schema}" CASCADE`);
    await db?.destroy();
  });

  /** The first indicator the live stream sends for the consortium (it is subscribed at once), within 10 s. */
  const firstChange = async (consortiumId: string) => {
    const stream = await changes.stream(consortiumId, new Date(Date.now() + 60_000));
    return firstValueFrom(stream.pipe(filter((m: IndicatorMessage) => m.type === 'indicator'), timeout({ first: 10_000 })));
  };
  /** Follows one indicator of the consortium from now on: `next` is its first change, within 10 s. */
  const follow = async (consortiumId: string, key: string) => {
    const stream = await changes.stream(consortiumId, new Date(Date.now() + 60_000));
    return { next: firstValueFrom(stream.pipe(filter((m: IndicatorMessage) => m.type === 'indicator' && (m.data as { key: string }).key === key), timeout({ first: 10_000 }))) };
  };

  it('wakes the indicator refresher when events mark a consortium stale, and the live stream when its indicators change', async () => {
    const [before, after] = [randomUUID(), randomUUID()];
    await addConsortium(before);
    await addConsortium(after);
    await changes.onApplicationBootstrap();
    // Marked before the refresher starts: its first pass finds it without being told.
    await markStale(before);
    const first = firstChange(before);
    await refresher.onApplicationBootstrap();
    expect(await first).toMatchObject({ type: 'indicator', data: { key: expect.any(String) } });
    // Marked after the first pass: only the notification wakes the refresher within the hour.
    const next = firstChange(after);
    await markStale(after);
    const { data } = await next;
    expect(await db.query(`SELECT 1 FROM indicators WHERE consortium_id = $1 AND key = $2`, [after, (data as { key: string }).key])).toHaveLength(1);
    expect(await marks()).toEqual([]);
  });

  it('wakes the indicator refresher when a consortium’s next gathering starts, though no event marks it', async () => {
    const consortiumId = randomUUID();
    await addConsortium(consortiumId);
    // A gathering two seconds ahead with one person registered as going, as the consumers would write them.
    const gatheringId = randomUUID();
    await db.query(`INSERT INTO gatherings (consortium_id, gathering_id, kind, starts_at, changed_at) VALUES ($1, $2, 'workshop', now() + interval '2 seconds', now())`, [consortiumId, gatheringId]);
    await db.query(`INSERT INTO registrations (consortium_id, gathering_id, member_id, response, changed_at) VALUES ($1, $2, $3, 'going', now())`, [consortiumId, gatheringId, randomUUID()]);
    await db.query(`SELECT refresh_rollups(ARRAY[$1::uuid], ARRAY[$2::uuid], ARRAY[NULL::uuid], ARRAY[NULL::date], ARRAY[NULL::uuid], ARRAY[NULL::uuid])`, [consortiumId, gatheringId]);
    const computed = await follow(consortiumId, 'o2.attendance-rate');
    await markStale(consortiumId);
    expect(await computed.next).toMatchObject({ data: { value: null, breakdown: { registered: 0, upcomingGatherings: 1 } } });
    // The refresher polls an hour apart: only the consortium's clock brings the change, once the gathering has started.
    const started = await follow(consortiumId, 'o2.attendance-rate');
    expect(await started.next).toMatchObject({ data: { value: 0, breakdown: { registered: 1, attendedOfRegistered: 0, upcomingGatherings: 0 } } });
    expect(await db.query(`SELECT 1 FROM gatherings WHERE consortium_id = $1 AND starts_at <= now()`, [consortiumId])).toHaveLength(1);
  });
});
