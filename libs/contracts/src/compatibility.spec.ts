import { z } from 'zod';
import { eventCatalog } from './catalog';
import { checkCompatibility, currentSchemas, readReleasedSchemas } from './compatibility';
import { defineEvent, EventDefinition } from './define-event';

const attendanceType = 'ccndr.community.gathering.attendance-recorded.v1';
const attendance = eventCatalog.find((d) => d.type === attendanceType)! as EventDefinition<z.ZodObject<any>>;

/** The current catalogue with the attendance event's schema changed. */
function withAttendance(change: (schema: z.ZodObject<any>) => z.ZodType): Record<string, any> {
  const changed = defineEvent('community', 'gathering', 'attendance-recorded', 1, change(attendance.schema), attendance.subjectOf as (data: unknown) => string);
  return currentSchemas(eventCatalog.map((d) => (d === attendance ? changed : d)));
}

describe('the contract compatibility gate', () => {
  const released = readReleasedSchemas();

  it('finds every released event version unchanged or extended compatibly in the current catalogue', () => {
    expect(checkCompatibility(released, currentSchemas())).toEqual([]);
  });

  it('accepts a new optional field and a new event version', () => {
    const current = withAttendance((s) => s.extend({ venue: z.string().optional() }));
    current['ccndr.community.gathering.attendance-recorded.v2'] = { type: 'object' };
    expect(checkCompatibility(released, current)).toEqual([]);
  });

  it('fails on a removed field', () => {
    expect(checkCompatibility(released, withAttendance((s) => s.omit({ gatheringKind: true })))).toEqual([`${attendanceType}: gatheringKind: field removed`]);
  });

  it('fails on a changed type, also inside a list', () => {
    expect(checkCompatibility(released, withAttendance((s) => s.extend({ recordedAt: z.number() })))).toEqual([
      `${attendanceType}: recordedAt: type changed from string to number`,
    ]);
    const nested = withAttendance((s) => s.extend({ attendees: z.array(z.object({ memberId: z.uuid(), organizationId: z.number() })).min(1) }));
    expect(checkCompatibility(released, nested)).toEqual([`${attendanceType}: attendees[].organizationId: type changed from string to number`]);
  });

  it('fails on a new required field and on a field made optional', () => {
    expect(checkCompatibility(released, withAttendance((s) => s.extend({ venue: z.string() })))).toEqual([`${attendanceType}: venue: new required field`]);
    expect(checkCompatibility(released, withAttendance((s) => s.extend({ recordedAt: s.shape.recordedAt.optional() })))).toEqual([
      `${attendanceType}: recordedAt: required field made optional`,
    ]);
  });

  it('fails on changed allowed values', () => {
    const problems = checkCompatibility(released, withAttendance((s) => s.extend({ gatheringKind: z.enum(['consortium-meeting', 'webinar']) })));
    expect(problems).toEqual([expect.stringMatching(/^ccndr\.community\.gathering\.attendance-recorded\.v1: gatheringKind: enum changed from /)]);
  });

  it('accepts the platform’s date bounds on a date field released without them, and no other date bound', () => {
    const unbounded = structuredClone(released);
    delete unbounded[attendanceType].properties.recordedAt.formatMinimum;
    delete unbounded[attendanceType].properties.recordedAt.formatMaximum;
    expect(checkCompatibility(unbounded, currentSchemas())).toEqual([]);
    const later = withAttendance((s) => s.extend({ recordedAt: z.iso.datetime({ offset: true }).meta({ formatMinimum: '2000-01-01T00:00:00Z' }) }));
    expect(checkCompatibility(unbounded, later)).toEqual([`${attendanceType}: recordedAt: formatMinimum changed from undefined to "2000-01-01T00:00:00Z"`]);
    expect(checkCompatibility(released, withAttendance((s) => s.extend({ recordedAt: z.iso.datetime({ offset: true }) })))).toEqual([
      `${attendanceType}: recordedAt: formatMinimum changed from "1900-01-01T00:00:00Z" to undefined`,
      `${attendanceType}: recordedAt: formatMaximum changed from "2200-12-31T23:59:59.999Z" to undefined`,
    ]);
  });

  it('fails on a released version removed from the catalogue', () => {
    const current = currentSchemas(eventCatalog.filter((d) => d.type !== 'ccndr.community.member.left.v1'));
    expect(checkCompatibility(released, current)).toEqual(['ccndr.community.member.left.v1: released version removed from the catalogue']);
  });
});
