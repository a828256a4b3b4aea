import { CloudEvent } from 'cloudevents';
import { z } from 'zod';
import { eventCatalog } from './catalog';
import { defineEvent } from './define-event';
import { checkFixtures, readFixtures } from './fixtures';
import { parseEvent } from './parse-event';
import { allEventsSubject, consortiumEventsSubject, contextEventsSubject, eventSubject, parseEventSubject } from './subjects';

describe('event contracts', () => {
  it('parses a fixture of every event version', () => {
    expect(checkFixtures(eventCatalog)).toEqual([]);
    for (const fixture of readFixtures()) expect(parseEvent(fixture.envelope)).toMatchObject({ ok: true });
  });

  it('breaks the build when a required field of a published version changes', () => {
    const attendance = eventCatalog.find((d) => d.type === 'ccndr.community.gathering.attendance-recorded.v1')!;
    const renamed = defineEvent('community', 'gathering', 'attendance-recorded', 1,
      (attendance.schema as z.ZodObject).omit({ recordedAt: true }).extend({ recordedOn: z.iso.datetime() }), attendance.subjectOf);
    const catalog = eventCatalog.map((d) => (d === attendance ? renamed : d));
    expect(checkFixtures(catalog)).toEqual([
      expect.stringMatching(/^ccndr\.community\.gathering\.attendance-recorded\.v1\/two-attendees\.json: data: recordedOn/),
    ]);
  });

  it('breaks the build when the subject of a fixture is not the one its contract derives from its data', () => {
    const attendance = eventCatalog.find((d) => d.type === 'ccndr.community.gathering.attendance-recorded.v1')!;
    const elsewhere = defineEvent('community', 'gathering', 'attendance-recorded', 1, attendance.schema, () => 'meeting/elsewhere');
    const problems = checkFixtures(eventCatalog.map((d) => (d === attendance ? elsewhere : d)));
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/^ccndr\.community\.gathering\.attendance-recorded\.v1\/.*: subject gathering\/.* is not the contract's meeting\/elsewhere$/);
  });

  it('breaks the build when a published version is removed from the catalog', () => {
    const problems = checkFixtures(eventCatalog.filter((d) => d.type !== 'ccndr.community.member.joined.v1'));
    expect(problems).toEqual([expect.stringContaining('no event version ccndr.community.member.joined.v1')]);
  });

  it('names the offending field of an event whose data fails its schema', () => {
    const fixture = readFixtures().find((f) => f.type === 'ccndr.community.organization.joined.v1')!;
    const envelope = structuredClone(fixture.envelope) as any;
    envelope.data.category = 'bank';
    const result = parseEvent(envelope);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('data.category') });
  });

  it('rejects an unknown event type', () => {
    const envelope = structuredClone(readFixtures()[0].envelope) as any;
    envelope.type = 'ccndr.community.consortium.renamed.v9';
    expect(parseEvent(envelope)).toEqual({ ok: false, reason: 'unknown event type ccndr.community.consortium.renamed.v9', unknownType: true });
  });

  it('produces envelopes that the official CloudEvents SDK reads', () => {
    for (const fixture of readFixtures()) {
      const envelope = fixture.envelope as Record<string, unknown>;
      const event = new CloudEvent(envelope as any);
      expect(event.validate()).toBe(true);
      expect(event.consortiumid).toBe(envelope.consortiumid);
    }
  });

  it('builds subjects as ccndr.<context>.<aggregate>.<event>.v<major>.<consortiumId>', () => {
    const consortiumId = '0b6f1f3e-9d4c-4c1e-8a53-2f4d8b1c7a10';
    expect(eventSubject('ccndr.community.member.joined.v1', consortiumId)).toBe(`ccndr.community.member.joined.v1.${consortiumId}`);
    expect(eventSubject('ccndr.community.member.joined.v1', consortiumId, 't42')).toBe(`t42.ccndr.community.member.joined.v1.${consortiumId}`);
    expect(allEventsSubject()).toBe('ccndr.>');
    expect(contextEventsSubject('community', 't42')).toBe('t42.ccndr.community.>');
    expect(() => eventSubject('ccndr.community.member.joined.v1', 'a.b')).toThrow('not a valid subject token');
    expect(consortiumEventsSubject(consortiumId, 't42')).toBe(`t42.ccndr.*.*.*.*.${consortiumId}`);
    expect(parseEventSubject(`t42.ccndr.community.member.joined.v1.${consortiumId}`)).toEqual({ type: 'ccndr.community.member.joined.v1', consortiumId });
    expect(parseEventSubject(eventSubject('ccndr.community.member.joined.v1', consortiumId))).toEqual({ type: 'ccndr.community.member.joined.v1', consortiumId });
    expect(parseEventSubject('ccndr-dead-letter.evaluation')).toBeUndefined();
  });
});
