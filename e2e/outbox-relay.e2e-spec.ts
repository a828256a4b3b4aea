import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ServiceProcess } from '@ccndr/local-stack';
import { expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium } from './support/programme';

describe('the outbox relay', () => {
  let system: TestSystem;

  beforeAll(async () => {
    // Polling an hour apart: anything published within the test came from the commit notification.
    system = await TestSystem.start({ services: ['community'], env: { OUTBOX_POLL_INTERVAL_MS: '3600000' } });
  });
  afterAll(() => system?.stop());

  it('publishes an event as soon as its transaction commits, then empties the outbox', async () => {
    const nc = await connect({ servers: system.natsUrl });
    try {
      const jsm = await jetstreamManager(nc);
      const before = (await jsm.streams.info(system.topology.eventsStream)).state.messages;
      const { consortiumId } = await createConsortium(system);
      await expectEventually(async () => expect((await jsm.streams.info(system.topology.eventsStream)).state.messages).toBe(before + 1), { timeoutMs: 10_000 });
      const last = await jsm.streams.getMessage(system.topology.eventsStream, { last_by_subj: `${system.namespace}.ccndr.community.consortium.created.v1.${consortiumId}` });
      expect(JSON.parse(last!.string())).toMatchObject({ type: 'ccndr.community.consortium.created.v1', consortiumid: consortiumId });
      expect(last!.header.get('Nats-Msg-Id')).toBe(JSON.parse(last!.string()).id);
      await expectEventually(async () => expect(await system.sql('SELECT * FROM community.outbox')).toEqual([]));
      const health = await system.call('community', 'GET', '/health/ready');
      expect(health.body.outbox).toMatchObject({ pending: 0, failing: 0 });
    } finally {
      await nc.close();
    }
  });
});

describe('the outbox relay with several instances', () => {
  let system: TestSystem;
  let second: ServiceProcess;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community'] });
    // A second instance of the same service: same database, same outbox, its own relay.
    second = await system.startReplica('community', 'second');
  });
  afterAll(async () => {
    await second?.stop();
    await system?.stop();
  });

  it('publishes every event of both instances and leaves nothing behind', async () => {
    const { consortiumId, coordinator } = await createConsortium(system);
    const schedule = (url: string, n: number) =>
      fetch(`${url}/consortia/${consortiumId}/gatherings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'working-session', title: `Séance ${n}`, startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }),
      }).then((r) => r.status);
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, n) => schedule(n % 2 ? second.url : system.service('community').url, n)));
    expect(statuses).toEqual(Array(60).fill(201));

    const nc = await connect({ servers: system.natsUrl });
    try {
      const jsm = await jetstreamManager(nc);
      const subject = `${system.namespace}.ccndr.community.gathering.scheduled.v1.${consortiumId}`;
      await expectEventually(async () => expect((await jsm.streams.info(system.topology.eventsStream, { subjects_filter: subject })).state.subjects?.[subject]).toBe(60));
      await expectEventually(async () => expect(await system.sql('SELECT * FROM community.outbox')).toEqual([]));
    } finally {
      await nc.close();
    }
  });
});
