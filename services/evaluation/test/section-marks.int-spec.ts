import { randomUUID } from 'node:crypto';
import {
  AssessmentCompletedV1,
  CircleCreatedV1,
  CircleMemberJoinedV1,
  CircleMemberLeftV1,
  CloudEventEnvelope,
  CollaborationModelProposedV1,
  CollaborationModelReviewedV1,
  CollaborationModelViabilityCheckedV1,
  EngagementAcceptedV1,
  FeedbackSubmittedV1,
  FrameworkAdoptedV1,
  GatheringAttendanceRecordedV1,
  GatheringAttendanceWithdrawnV1,
  GatheringCancelledV1,
  GatheringRegistrationChangedV1,
  GatheringReminderSentV1,
  GatheringRepresentationSnapshotV1,
  GatheringRescheduledV1,
  GatheringScheduledV1,
  JourneyCreatedV1,
  JourneyMilestoneCompletedV1,
  KnowledgeReactedV1,
  KnowledgeSharedV1,
  MemberJoinedV1,
  MemberUpdatedV1,
  OrganizationJoinedV1,
  OrganizationUpdatedV1,
  PartnershipCollaborationRecordedV1,
  PartnershipConfirmedV1,
  PartnershipEndedV1,
  PartnershipNegotiationStartedV1,
  PartnershipProposedV1,
} from '@ccndr/contracts';
import { indicatorCatalogue } from '@ccndr/indicators';
import { IndicatorView } from '../src/indicators/indicators.service';
import { computeIndicators } from '../src/indicators/refresh';
import { everySection, positionsPerSection, SectionName, sectionMask, sectionNames, sectionOf } from '../src/indicators/sections';
import { fixtureEvent, projectionSpec, Projection } from './projection-harness';

/** A consortium's history touching every kind of event evaluation reads, in the order it happened. */
function history(projection: Projection): CloudEventEnvelope[] {
  const day = (d: number, hours = 12) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000 + hours * 3_600_000).toISOString();
  const categories = ['youth-employment-nonprofit', 'youth-employment-nonprofit', 'youth-employment-nonprofit', 'service-provider', 'technical-advisor', 'youth-employment-nonprofit'] as const;
  const provinces = ['QC', 'ON', 'BC', 'QC', 'AB', 'NS'] as const;
  const organizations = categories.map((category, i) => projection.event(OrganizationJoinedV1, { organizationId: randomUUID(), category, provinceOrTerritory: provinces[i], country: 'CA', joinedAt: day(i) }));
  const members = Array.from({ length: 12 }, (_, i) =>
    projection.event(MemberJoinedV1, { memberId: randomUUID(), organizationId: organizations[i % 6].data.organizationId, role: i % 3 ? 'nonprofit-staff' : 'coordinator', joinedAt: day(10 + i) }),
  );
  const person = (i: number) => ({ memberId: members[i].data.memberId, organizationId: members[i].data.organizationId });
  const organization = (i: number) => organizations[i].data.organizationId;
  const [meeting, workshop, upcoming, cancelled] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  // An organisation whose first activity arrives before the event of its joining (events of different subjects are not ordered).
  const late = projection.event(OrganizationJoinedV1, { organizationId: randomUUID(), category: 'other-member', provinceOrTerritory: 'PE', country: 'CA', joinedAt: day(5) });
  const unordered = randomUUID();
  const lateMember = projection.event(MemberJoinedV1, { memberId: randomUUID(), organizationId: organization(2), role: 'sector-advisor', joinedAt: day(50) });
  const circle = randomUUID();
  const model = randomUUID();
  const [partnership, ended] = [randomUUID(), randomUUID()];
  const journey = randomUUID();
  const milestone = randomUUID();
  const milestones = [milestone, randomUUID()].map((milestoneId, i) => ({ milestoneId, position: i + 1, dimension: 'cybersecurity', fromStage: 3, toStage: 4 }));
  const assessment = randomUUID();
  // For each kind of event that makes an organisation active, an organisation whose first activity it is.
  const newcomers = (['service-provider', 'technical-advisor', 'sector-advisor', 'other-member', 'youth-employment-nonprofit', 'service-provider'] as const).map((category, i) =>
    projection.event(OrganizationJoinedV1, { organizationId: randomUUID(), category, provinceOrTerritory: 'YT', country: 'CA', joinedAt: day(6 + i) }),
  );
  const newcomer = (i: number) => newcomers[i].data.organizationId;
  const newcomerMember = projection.event(MemberJoinedV1, { memberId: randomUUID(), organizationId: newcomer(0), role: 'nonprofit-staff', joinedAt: day(22) });
  return [
    ...organizations,
    ...newcomers,
    ...members,
    newcomerMember,
    projection.event(FrameworkAdoptedV1, { adoptedAt: day(20) }),
    projection.event(GatheringScheduledV1, { gatheringId: meeting, kind: 'consortium-meeting', startsAt: day(40), scheduledAt: day(25) }),
    projection.event(GatheringScheduledV1, { gatheringId: workshop, kind: 'workshop', startsAt: day(50), scheduledAt: day(25) }),
    projection.event(GatheringScheduledV1, { gatheringId: cancelled, kind: 'workshop', startsAt: day(60), scheduledAt: day(25) }),
    // Still to come: the consortium's clock waits for it.
    projection.event(GatheringScheduledV1, { gatheringId: upcoming, kind: 'consortium-meeting', startsAt: '2031-03-01T17:00:00.000Z', scheduledAt: day(25) }),
    projection.event(GatheringRescheduledV1, { gatheringId: meeting, kind: 'consortium-meeting', startsAt: day(42), previousStartsAt: day(40), rescheduledAt: day(30) }),
    projection.event(GatheringCancelledV1, { gatheringId: cancelled, kind: 'workshop', cancelledAt: day(31) }),
    ...[0, 1, 2, 3, 4, 5, 6].map((i) => projection.event(GatheringRegistrationChangedV1, { gatheringId: meeting, gatheringKind: 'consortium-meeting', ...person(i), response: 'going', previousResponse: null, changedAt: day(32) })),
    projection.event(GatheringRegistrationChangedV1, { gatheringId: upcoming, gatheringKind: 'consortium-meeting', ...person(1), response: 'going', previousResponse: null, changedAt: day(32) }),
    ...[0, 1, 2, 3].map((i) => projection.event(GatheringReminderSentV1, { gatheringId: meeting, memberId: members[i].data.memberId, offsetMinutes: 1440, sentAt: day(41) })),
    projection.event(GatheringAttendanceRecordedV1, { gatheringId: meeting, gatheringKind: 'consortium-meeting', attendees: [0, 1, 2, 3, 4, 5, 7].map(person), recordedAt: day(42, 19) }),
    projection.event(GatheringAttendanceWithdrawnV1, { gatheringId: meeting, gatheringKind: 'consortium-meeting', attendees: [person(7)], withdrawnAt: day(42, 20) }),
    projection.event(GatheringAttendanceRecordedV1, { gatheringId: workshop, gatheringKind: 'workshop', attendees: [6, 8, 9, 10, 11].map(person), recordedAt: day(50, 19) }),
    projection.event(GatheringRepresentationSnapshotV1, { gatheringId: meeting, takenAt: day(43) }),
    // A meeting's attendance and snapshot before the event of its scheduling (listed last until then), a member's before the event of their joining.
    projection.event(GatheringAttendanceRecordedV1, {
      gatheringId: unordered,
      gatheringKind: 'consortium-meeting',
      attendees: [
        { memberId: lateMember.data.memberId, organizationId: organization(2) },
        { memberId: randomUUID(), organizationId: late.data.organizationId },
      ],
      recordedAt: day(35, 19),
    }),
    projection.event(GatheringRepresentationSnapshotV1, { gatheringId: unordered, takenAt: day(36) }),
    projection.event(GatheringScheduledV1, { gatheringId: unordered, kind: 'consortium-meeting', startsAt: day(35), scheduledAt: day(30) }),
    // Its time corrected once attended: listed after the other meeting again.
    projection.event(GatheringRescheduledV1, { gatheringId: unordered, kind: 'consortium-meeting', startsAt: day(45), previousStartsAt: day(35), rescheduledAt: day(46) }),
    lateMember,
    projection.event(CircleCreatedV1, { circleId: circle, prototype: 1, createdAt: day(60) }),
    ...[0, 1, 2, 3, 4, 5].map((i) => projection.event(CircleMemberJoinedV1, { circleId: circle, ...person(i), joinedAt: day(61 + i) })),
    projection.event(CircleMemberLeftV1, { circleId: circle, ...person(5), leftAt: day(70) }),
    projection.event(CircleMemberJoinedV1, { circleId: circle, memberId: newcomerMember.data.memberId, organizationId: newcomer(0), joinedAt: day(71) }),
    ...[0, 1, 2, 3, 4].map((i) =>
      projection.event(KnowledgeSharedV1, { itemId: randomUUID(), itemType: i ? 'reply' : 'thread', organizationId: organization(i), involvedOrganizationIds: [organization(i)], crossOrganization: i > 2, sharedAt: day(80 + i) }),
    ),
    projection.event(KnowledgeSharedV1, { itemId: randomUUID(), itemType: 'resource', organizationId: newcomer(5), involvedOrganizationIds: [newcomer(5)], crossOrganization: false, sharedAt: day(85) }),
    projection.event(KnowledgeReactedV1, { organizationId: organization(5), involvedOrganizationIds: [organization(5), organization(0)], crossOrganization: true, reactedAt: day(86) }),
    ...[0, 1, 2, 3, 4].map((i) =>
      projection.event(FeedbackSubmittedV1, {
        responseId: randomUUID(),
        gatheringId: meeting,
        organizationId: organization(i),
        scores: [
          { questionKey: 'participation', criterion: 'participation', score: 3 + (i % 3) },
          { questionKey: 'trust', criterion: 'trust-synergy', score: 2 + (i % 4) },
        ],
        submittedAt: day(44),
      }),
    ),
    projection.event(CollaborationModelProposedV1, { modelId: model, circleId: circle, prototype: 1, organizationId: newcomer(1), proposedAt: day(100) }),
    ...[0, 1, 2].map((i) =>
      projection.event(CollaborationModelReviewedV1, { modelId: model, reviewId: randomUUID(), reviewerRole: 'expert', organizationId: organization(i), scores: { impact: 3 + i, viability: 2 + i, relevance: 4 }, reviewedAt: day(101 + i) }),
    ),
    ...[3, 4].map((i) =>
      projection.event(CollaborationModelReviewedV1, { modelId: model, reviewId: randomUUID(), reviewerRole: 'stakeholder', organizationId: organization(i), scores: { feasibility: i, effectiveness: 5 - i, scalability: 3 }, reviewedAt: day(104 + i) }),
    ),
    projection.event(CollaborationModelViabilityCheckedV1, { modelId: model, scalability: true, efficientUseOfResources: true, sustainability: true, checkedAt: day(110) }),
    projection.event(EngagementAcceptedV1, { engagementId: randomUUID(), nonprofitId: organization(5), providerId: newcomer(2), acceptedAt: day(120) }),
    projection.event(PartnershipProposedV1, { partnershipId: partnership, organizationIds: [organization(0), organization(3)], proposedAt: day(130) }),
    projection.event(PartnershipNegotiationStartedV1, { partnershipId: partnership, organizationIds: [organization(0), organization(3)], negotiationStartedAt: day(131) }),
    projection.event(PartnershipConfirmedV1, { partnershipId: partnership, organizationIds: [organization(0), organization(3)], confirmedAt: day(132) }),
    projection.event(PartnershipCollaborationRecordedV1, {
      partnershipId: partnership,
      organizationIds: [organization(0), newcomer(3)],
      recordId: randomUUID(),
      kind: 'joint-initiative',
      occurredOn: day(133).slice(0, 10),
      recordedAt: day(134),
    }),
    projection.event(PartnershipProposedV1, { partnershipId: ended, organizationIds: [organization(1), organization(4)], proposedAt: day(135) }),
    projection.event(PartnershipEndedV1, { partnershipId: ended, organizationIds: [organization(1), organization(4)], previousStatus: 'proposed', endedAt: day(136) }),
    ...[0, 1, 2, 5, 4].map((i) => projection.event(AssessmentCompletedV1, { assessmentId: i ? randomUUID() : assessment, organizationId: organization(i), completedAt: day(140 + i) })),
    projection.event(AssessmentCompletedV1, { assessmentId: randomUUID(), organizationId: newcomer(4), completedAt: day(145) }),
    projection.event(JourneyCreatedV1, { journeyId: journey, assessmentId: assessment, organizationId: organization(0), milestones, createdAt: day(146) }),
    // Five journeys, so that their progress is shown (small counts are withheld).
    ...[1, 2, 4, 5].map((i) => projection.event(JourneyCreatedV1, { journeyId: randomUUID(), assessmentId: randomUUID(), organizationId: organization(i), milestones, createdAt: day(146) })),
    projection.event(JourneyMilestoneCompletedV1, { journeyId: journey, milestoneId: milestone, organizationId: organization(0), completedAt: day(150) }),
    projection.event(OrganizationUpdatedV1, { organizationId: organization(3), category: 'sector-advisor', provinceOrTerritory: 'MB', country: 'CA', updatedAt: day(160) }),
    projection.event(EngagementAcceptedV1, { engagementId: randomUUID(), nonprofitId: late.data.organizationId, providerId: organization(4), acceptedAt: day(161) }),
    late,
    projection.event(MemberUpdatedV1, { ...person(2), role: 'coordinator', updatedAt: day(161) }),
  ];
}

/** The indicators whose list of gatherings is not stored but read with the indicator (live-rollups.int-spec). */
const listedAsRead = ['o2.attendance-rate', 'o2.representation.age-bands', 'o2.representation.identity-groups'];

/** What the refresher stores of an indicator, in the order it is listed. */
const shown = (i: { key: string; value: number | null; suppressed: boolean; target: unknown; breakdown: unknown }) => ({
  key: i.key,
  value: i.value,
  suppressed: i.suppressed,
  target: i.target,
  // An undefined property: as if absent, for toEqual.
  breakdown: listedAsRead.includes(i.key) ? { ...(i.breakdown as object), gatherings: undefined } : i.breakdown,
});

/**
 * An event marks its consortium stale for the sections whose facts it changes, and the refresher
 * recomputes only those (docs/evaluation.md). A section an event changes but does not mark would
 * keep figures the facts no longer give: after every event of a history touching each kind of
 * event evaluation reads, the stored indicators are compared with every section recomputed.
 */
describe('stale marks by section', () => {
  const projection = projectionSpec();

  const everySectionRecomputed = () => projection.read((db, consortiumId) => db.transaction((manager) => computeIndicators(manager, consortiumId, { from: null, to: null })));

  it('after each event, the indicators of the sections it marked equal every section recomputed', async () => {
    const events = history(projection);
    const changedSections = new Set<SectionName>();
    const kinds = new Set<string>();
    let before = new Map<string, IndicatorView>();
    for (const event of events) {
      await projection.apply(event);
      const stored = await projection.indicators();
      const positions = await projection.peek(
        async (db, consortiumId) => new Map<string, number>((await db.query(`SELECT key, position FROM indicators WHERE consortium_id = $1`, [consortiumId])).map((r: { key: string; position: number }): [string, number] => [r.key, r.position])),
      );
      const all = await everySectionRecomputed();
      // The event's type named on failure: `toEqual` of an object that says which.
      expect({ event: event.type, indicators: [...stored.values()].map(shown) }).toEqual({ event: event.type, indicators: all.indicators.map(shown) });
      // Each row where its section places it.
      for (const key of stored.keys()) expect({ key, section: sectionNames[Math.floor(positions.get(key)! / positionsPerSection)] }).toEqual({ key, section: sectionOf(key) });
      for (const [key, indicator] of stored) if (JSON.stringify(shown(indicator)) !== JSON.stringify(before.get(key) && shown(before.get(key)!))) changedSections.add(sectionOf(key));
      before = stored;
      kinds.add(event.type);
    }
    // Not vacuous: every section's figures moved, from every kind of event evaluation reads but closed periods and targets.
    expect([...changedSections].sort()).toEqual([...sectionNames].sort());
    expect(kinds.size).toBe(31);
  });

  it('an attendance marks outcome 1, the attendance rate and who took part only; a section recomputed alone keeps the clock its gatherings set', async () => {
    const gatheringId = randomUUID();
    await projection.apply(projection.event(GatheringScheduledV1, { gatheringId, kind: 'consortium-meeting', startsAt: '2031-03-01T17:00:00.000Z' }));
    await projection.indicators();
    const clock = () => projection.peek(async (db, consortiumId) => (await db.query(`SELECT due_at FROM indicator_clock WHERE consortium_id = $1`, [consortiumId])).map((r: { due_at: Date }) => r.due_at.toISOString()));
    expect(await clock()).toEqual(['2031-03-01T17:00:00.000Z']);
    const marks = () => projection.peek(async (db, consortiumId) => (await db.query(`SELECT sections FROM stale_indicators WHERE consortium_id = $1`, [consortiumId])).map((r: { sections: number }) => r.sections));

    await projection.apply(projection.event(GatheringAttendanceRecordedV1, { gatheringId: randomUUID(), gatheringKind: 'workshop', attendees: [{ memberId: randomUUID(), organizationId: randomUUID() }], recordedAt: '2026-02-10T19:00:00.000Z' }));
    expect(await marks()).toEqual([sectionMask(['outcome1', 'outcome2Attendance', 'outcome2Participants'])]);
    await projection.indicators();
    expect(await marks()).toEqual([]);

    // Readiness alone: the attendance rate, whose gatherings set the clock, is not recomputed, and the clock stays.
    await projection.apply(projection.event(AssessmentCompletedV1, { assessmentId: randomUUID(), organizationId: randomUUID(), completedAt: '2026-03-01T12:00:00.000Z' }));
    expect(await marks()).toEqual([sectionMask(['outcome1', 'readiness'])]);
    await projection.apply(projection.event(JourneyCreatedV1, { journeyId: randomUUID(), assessmentId: randomUUID(), organizationId: randomUUID(), createdAt: '2026-03-02T12:00:00.000Z' }));
    await projection.indicators();
    await projection.apply(projection.event(JourneyMilestoneCompletedV1, { journeyId: randomUUID(), milestoneId: randomUUID(), organizationId: randomUUID(), completedAt: '2026-03-03T12:00:00.000Z' }));
    expect(await marks()).toEqual([sectionMask(['readiness'])]);
    await projection.indicators();
    expect(await clock()).toEqual(['2031-03-01T17:00:00.000Z']);
  });

  it('every indicator of the catalogue is made by one section, and a mark written without its sections asks for all of them', async () => {
    for (const { key } of indicatorCatalogue) expect(sectionNames).toContain(sectionOf(key));
    const [column] = await projection.peek((db) => db.query(`SELECT column_default FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'stale_indicators' AND column_name = 'sections'`));
    expect(Number(column.column_default)).toBe(everySection);
  });

  it('a consortium whose first events mark one section has every section computed', async () => {
    const consortiumId = randomUUID();
    await projection.apply(fixtureEvent(JourneyCreatedV1, consortiumId, { journeyId: randomUUID(), createdAt: '2026-03-02T12:00:00.000Z' }));
    // Its consortium's own event not seen yet: the rows as stored.
    const stored: { key: string; value: string | null }[] = await projection.read((db) => db.query(`SELECT key, value FROM indicators WHERE consortium_id = $1`, [consortiumId]));
    expect(new Set(stored.map((i) => sectionOf(i.key)))).toEqual(new Set(sectionNames));
    expect(stored.find((i) => i.key === 'o1.meeting-participants')).toEqual({ key: 'o1.meeting-participants', value: '0' });
  });
});
