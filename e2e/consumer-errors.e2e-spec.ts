import { randomUUID } from 'node:crypto';
import { deadLetterHeaders } from '@ccndr/messaging';
import { expectEventually, TestSystem } from '@ccndr/testing';

/**
 * An error thrown inside an event handler (here a statement of provider matching's community
 * directory) travels with its event to the dead-letter stream, so that an operator reads what went
 * wrong rather than a generic message.
 */
describe('an error thrown inside an event handler', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['provider-matching'], env: { CONSUMER_MAX_DELIVERIES: '1' } });
  });
  afterAll(() => system?.stop());

  it('is the reason its event is dead-lettered with', async () => {
    const consortiumId = randomUUID();
    await system.bus.publish(system.bus.event('ccndr.community.consortium.created.v1', consortiumId, { consortiumId }));
    await expectEventually(async () => expect(await system.sql(`SELECT 1 FROM provider_matching.consortia WHERE consortium_id = $1`, [consortiumId])).toHaveLength(1));
    await system.sql(`ALTER TABLE provider_matching.organizations RENAME TO organizations_away`);
    try {
      const joined = system.bus.event('ccndr.community.organization.joined.v1', consortiumId, { organizationId: randomUUID() });
      await system.bus.publish(joined);
      await expectEventually(async () => {
        const letter = (await system.bus.deadLetters()).find((message) => JSON.parse(message.string()).id === joined.id);
        expect(letter?.header?.get(deadLetterHeaders.reason)).toMatch(/^failed 1 times: .*relation "organizations" does not exist/);
      });
    } finally {
      await system.sql(`ALTER TABLE provider_matching.organizations_away RENAME TO organizations`);
    }
  });
});
