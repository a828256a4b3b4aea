import { randomUUID } from 'node:crypto';
import { deadLetterHeaders } from '@ccndr/messaging';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { Bus } from './support/bus';
import { indicator } from './support/programme';

describe('events that cannot be processed go to the dead-letter stream', () => {
  let system: TestSystem;
  let bus: Bus;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['evaluation'] });
    bus = await Bus.open(system);
  });
  afterAll(async () => {
    await bus?.close();
    await system?.stop();
  });

  it('dead-letters a schema-invalid event with its reason and goes on with the events behind it', async () => {
    const consortiumId = randomUUID();
    const token = await consortiumToken({ [consortiumId]: ['observer'] });
    await bus.publish(bus.event('ccndr.community.consortium.created.v1', consortiumId, { consortiumId }));

    const invalid = bus.event('ccndr.community.gathering.attendance-recorded.v1', consortiumId, { attendees: [] });
    await bus.publish(invalid);
    const garbage = bus.event('ccndr.community.gathering.attendance-recorded.v1', consortiumId);
    await bus.publish(garbage, { raw: '{"this is": not json' });
    const valid = bus.event('ccndr.community.gathering.attendance-recorded.v1', consortiumId, {
      gatheringId: randomUUID(),
      attendees: [{ memberId: randomUUID(), organizationId: randomUUID() }],
    });
    await bus.publish(valid);

    await expectEventually(async () => expect(await indicator(system, consortiumId, token, 'o1.meeting-participants')).toMatchObject({ value: 1 }));
    const letters = await expectEventually(async () => {
      const found = await bus.deadLetters();
      expect(found).toHaveLength(2);
      return found;
    });
    const [schemaInvalid, notJson] = letters;
    expect(schemaInvalid.header.get(deadLetterHeaders.reason)).toMatch(/data\.attendees/);
    expect(schemaInvalid.header.get(deadLetterHeaders.consumer)).toBe('evaluation');
    expect(schemaInvalid.header.get(deadLetterHeaders.subject)).toBe(`${system.namespace}.ccndr.community.gathering.attendance-recorded.v1.${consortiumId}`);
    expect(JSON.parse(schemaInvalid.string()).id).toBe(invalid.id);
    expect(notJson.header.get(deadLetterHeaders.reason)).toMatch(/^not JSON/);
    expect(notJson.string()).toBe('{"this is": not json');
  });
});
