import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { CloudEvent } from 'cloudevents';
import { expectEventually, TestSystem } from '@ccndr/testing';
import { subscribe, Subscription } from '@ccndr/example-subscriber';
import { createConsortium, joinOrganization } from './support/programme';

/** The example subscriber in examples/, run against the real stream the platform publishes to. */
describe('the example subscriber', () => {
  let system: TestSystem;
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community'] });
  });
  afterAll(async () => {
    for (const subscription of subscriptions) await subscription.stop();
    await system?.stop();
  });

  function subscribeTo(consumer: string, filter: string, start?: Date | 'new', received: CloudEvent<any>[] = []) {
    return subscribe(
      // On the inbox prefix of its own that a programme's NATS user is limited to.
      { servers: system.natsUrl, inboxPrefix: '_INBOX_subscriber-example', stream: system.topology.eventsStream, consumer, filter: `${system.namespace}.${filter}`, start },
      (event) => void received.push(event),
    ).then((subscription) => (subscriptions.push(subscription), { subscription, received }));
  }

  it('receives one consortium’s events, published by the platform, as CloudEvents read by the official SDK', async () => {
    const { consortiumId, coordinator } = await createConsortium(system);
    const organizationId = await joinOrganization(system, consortiumId, coordinator, 'Jeunesse au travail', 'youth-employment-nonprofit');
    const { consortiumId: otherConsortium } = await createConsortium(system, 'Un autre consortium');

    const { subscription, received } = await subscribeTo('programme-a', `ccndr.*.*.*.*.${consortiumId}`);
    await expectEventually(() => expect(received.map((e) => e.type)).toEqual(expect.arrayContaining(['ccndr.community.consortium.created.v1', 'ccndr.community.organization.joined.v1'])));
    const joined = received.find((e) => e.type === 'ccndr.community.organization.joined.v1')!;
    expect(joined).toBeInstanceOf(CloudEvent);
    expect(joined.validate()).toBe(true);
    expect(joined.consortiumid).toBe(consortiumId);
    expect(joined.source).toBe('/ccndr/community');
    expect(joined.data).toMatchObject({ organizationId, category: 'youth-employment-nonprofit', provinceOrTerritory: 'QC' });
    // The organisation's name stays in the service: it did not consent to be named in reports.
    expect(JSON.stringify(joined)).not.toContain('Jeunesse au travail');
    expect(received.every((e) => e.consortiumid === consortiumId)).toBe(true);
    expect(received.some((e) => e.consortiumid === otherConsortium)).toBe(false);
    expect(subscription.rejected).toBe(0);
  });

  it('resumes where its durable consumer stopped, and starts from a date when asked', async () => {
    const { consortiumId, coordinator } = await createConsortium(system, 'Consortium repris');
    const first = await subscribeTo('programme-b', `ccndr.community.organization.joined.v1.${consortiumId}`);
    await joinOrganization(system, consortiumId, coordinator, 'Premier organisme', 'youth-employment-nonprofit');
    await expectEventually(() => expect(first.received).toHaveLength(1));
    await first.subscription.stop();
    subscriptions.splice(subscriptions.indexOf(first.subscription), 1);

    const since = new Date();
    await joinOrganization(system, consortiumId, coordinator, 'Deuxième organisme', 'service-provider');
    const resumed = await subscribeTo('programme-b', `ccndr.community.organization.joined.v1.${consortiumId}`);
    await expectEventually(() => expect(resumed.received.map((e) => e.data.category)).toEqual(['service-provider']));

    const fromDate = await subscribeTo('programme-c', `ccndr.community.organization.joined.v1.${consortiumId}`, since);
    await expectEventually(() => expect(fromDate.received.map((e) => e.data.category)).toEqual(['service-provider']));
  });

  it('terminates a message that is not a CloudEvent instead of receiving it again and again', async () => {
    const { consortiumId } = await createConsortium(system, 'Consortium brouillé');
    const { subscription, received } = await subscribeTo('programme-d', `ccndr.community.organization.joined.v1.${consortiumId}`);
    const envelope = system.bus.event('ccndr.community.organization.joined.v1', consortiumId);
    await system.bus.publish(envelope, { raw: '{"not":"an event"}' });
    await expectEventually(() => expect(subscription.rejected).toBe(1));
    expect(received).toEqual([]);
    const nc = await connect({ servers: system.natsUrl });
    try {
      const jsm = await jetstreamManager(nc);
      await expectEventually(async () => {
        const info = await jsm.consumers.info(system.topology.eventsStream, 'programme-d');
        expect({ pending: info.num_pending, unacknowledged: info.num_ack_pending, redelivered: info.num_redelivered }).toEqual({ pending: 0, unacknowledged: 0, redelivered: 0 });
      });
    } finally {
      await nc.close();
    }
  });
});
