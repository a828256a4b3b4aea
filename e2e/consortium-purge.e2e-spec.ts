import { randomUUID } from 'node:crypto';
import { adminToken, expectEventually, TestSystem } from '@ccndr/testing';

const created = 'ccndr.community.consortium.created.v1';
const attended = 'ccndr.community.gathering.attendance-recorded.v1';

/**
 * Deleting a consortium erases its events from the streams, dead letters included (docs/operations.md):
 * community, the owner of consortia, purges the events stream; each consumer's service its dead
 * letters; each service its rows, processed-event records included.
 */
describe('a consortium’s events purged from the streams', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation'] });
  });
  afterAll(() => system?.stop());

  it('removes its events and every dead letter carrying one, however many other dead letters come before them', async () => {
    const [deleted, kept] = [randomUUID(), randomUUID()];
    // An attendance with nobody fails its schema: dead-lettered at once.
    const refused = (consortiumId: string) => system.bus.event(attended, consortiumId, { gatheringId: randomUUID(), attendees: [] });
    const others = Array.from({ length: 1020 }, () => refused(kept));
    const theirs = [system.bus.event(created, deleted, { consortiumId: deleted }), ...Array.from({ length: 30 }, () => refused(deleted))];
    for (const event of [...others, ...theirs]) await system.bus.publish(event);
    // Evaluation's consumer applies attendance and dead-letters them; community's own (notifications) does not handle attendance and leaves them unchecked.
    await expectEventually(async () => expect(await system.bus.deadLetters()).toHaveLength(1050), { timeoutMs: 90_000 });

    const lettersPurged = await system.call('evaluation', 'DELETE', `/admin/consortia/${deleted}/events`, { token: await adminToken() });
    // Only community's NATS user may purge the events stream.
    expect(lettersPurged).toMatchObject({ status: 200, body: { events: 0, deadLetters: 30 } });
    const eventsPurged = await system.call('community', 'DELETE', `/admin/consortia/${deleted}/events`, { token: await adminToken() });
    expect(eventsPurged).toMatchObject({ status: 200, body: { events: theirs.length, deadLetters: 0 } });
    const left = (await system.bus.deadLetters()).map((letter) => JSON.parse(letter.string()).consortiumid);
    expect(left).toEqual(others.map(() => kept));
    expect((await system.bus.publishedEvents()).filter((event) => event.consortiumid === deleted)).toEqual([]);
  });

  it('leaves no processed-event record of a deleted consortium, and those of the others', async () => {
    const [deleted, kept] = [randomUUID(), randomUUID()];
    for (const consortiumId of [deleted, kept]) await system.bus.publish(system.bus.event(created, consortiumId, { consortiumId }));
    const records = async (consortiumId: string) => (await system.sql(`SELECT count(*)::int AS n FROM evaluation.processed_events WHERE consortium_id = $1`, [consortiumId]))[0].n;
    await expectEventually(async () => expect([await records(deleted), await records(kept)]).toEqual([1, 1]), { timeoutMs: 30_000 });

    const erased = await system.call('evaluation', 'DELETE', `/admin/consortia/${deleted}`, { token: await adminToken() });
    expect(erased).toMatchObject({ status: 200, body: { deleted: { processed_events: 1, outbox: 0 } } });
    expect([await records(deleted), await records(kept)]).toEqual([0, 1]);
  });
});
