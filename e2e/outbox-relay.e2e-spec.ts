import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
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
