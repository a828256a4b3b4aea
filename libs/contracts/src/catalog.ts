import { EventDefinition } from './define-event';
import { AssessmentCompletedV1 } from './events/assessments/assessment-completed.v1';
import { AssessmentStartedV1 } from './events/assessments/assessment-started.v1';
import { AssessmentSubmittedV1 } from './events/assessments/assessment-submitted.v1';
import { FrameworkAdoptedV1 } from './events/assessments/framework-adopted.v1';
import { JourneyCreatedV1 } from './events/assessments/journey-created.v1';
import { JourneyMilestoneCompletedV1 } from './events/assessments/journey-milestone-completed.v1';
import { JourneyMilestoneDueSetV1 } from './events/assessments/journey-milestone-due-set.v1';
import { ReadinessGapsIdentifiedV1 } from './events/assessments/readiness-gaps-identified.v1';
import { MatchSuggestedV1 } from './events/provider-matching/match-suggested.v1';
import { EngagementRequestedV1 } from './events/provider-matching/engagement-requested.v1';
import { EngagementAcceptedV1 } from './events/provider-matching/engagement-accepted.v1';
import { EngagementDeclinedV1 } from './events/provider-matching/engagement-declined.v1';
import { EngagementScopeProposedV1 } from './events/provider-matching/engagement-scope-proposed.v1';
import { EngagementScopedV1 } from './events/provider-matching/engagement-scoped.v1';
import { EngagementStartedV1 } from './events/provider-matching/engagement-started.v1';
import { EngagementDeliveredV1 } from './events/provider-matching/engagement-delivered.v1';
import { EngagementCompletedV1 } from './events/provider-matching/engagement-completed.v1';
import { EngagementCancelledV1 } from './events/provider-matching/engagement-cancelled.v1';
import { EngagementResponseOverdueV1 } from './events/provider-matching/engagement-response-overdue.v1';
import { EngagementExpiredV1 } from './events/provider-matching/engagement-expired.v1';
import { EngagementMilestonePaidV1 } from './events/provider-matching/engagement-milestone-paid.v1';
import { EngagementRatedV1 } from './events/provider-matching/engagement-rated.v1';
import { PartnershipProposedV1 } from './events/provider-matching/partnership-proposed.v1';
import { PartnershipNegotiationStartedV1 } from './events/provider-matching/partnership-negotiation-started.v1';
import { PartnershipConfirmedV1 } from './events/provider-matching/partnership-confirmed.v1';
import { PartnershipEndedV1 } from './events/provider-matching/partnership-ended.v1';
import { PartnershipCollaborationRecordedV1 } from './events/provider-matching/partnership-collaboration-recorded.v1';
import { TargetChangedV1 } from './events/evaluation/target-changed.v1';
import { PeriodClosedV1 } from './events/evaluation/period-closed.v1';
import { PeriodRestatedV1 } from './events/evaluation/period-restated.v1';
import { NeedPostedV1 } from './events/provider-matching/need-posted.v1';
import { ProviderRegisteredV1 } from './events/provider-matching/provider-registered.v1';
import { ProviderUpdatedV1 } from './events/provider-matching/provider-updated.v1';
import { CircleCreatedV1 } from './events/community/circle-created.v1';
import { CircleMemberJoinedV1 } from './events/community/circle-member-joined.v1';
import { CircleMemberLeftV1 } from './events/community/circle-member-left.v1';
import { CollaborationModelProposedV1 } from './events/community/collaboration-model-proposed.v1';
import { CollaborationModelReviewedV1 } from './events/community/collaboration-model-reviewed.v1';
import { CollaborationModelViabilityCheckedV1 } from './events/community/collaboration-model-viability-checked.v1';
import { ConsortiumCreatedV1 } from './events/community/consortium-created.v1';
import { FeedbackSubmittedV1 } from './events/community/feedback-submitted.v1';
import { GatheringAttendanceRecordedV1 } from './events/community/gathering-attendance-recorded.v1';
import { GatheringAttendanceWithdrawnV1 } from './events/community/gathering-attendance-withdrawn.v1';
import { GatheringCancelledV1 } from './events/community/gathering-cancelled.v1';
import { GatheringRegistrationChangedV1 } from './events/community/gathering-registration-changed.v1';
import { GatheringReminderSentV1 } from './events/community/gathering-reminder-sent.v1';
import { GatheringRepresentationSnapshotV1 } from './events/community/gathering-representation-snapshot.v1';
import { GatheringRescheduledV1 } from './events/community/gathering-rescheduled.v1';
import { GatheringScheduledV1 } from './events/community/gathering-scheduled.v1';
import { KnowledgeReactedV1 } from './events/community/knowledge-reacted.v1';
import { KnowledgeSharedV1 } from './events/community/knowledge-shared.v1';
import { MemberJoinedV1 } from './events/community/member-joined.v1';
import { MemberLeftV1 } from './events/community/member-left.v1';
import { MemberUpdatedV1 } from './events/community/member-updated.v1';
import { OrganizationJoinedV1 } from './events/community/organization-joined.v1';
import { OrganizationLeftV1 } from './events/community/organization-left.v1';
import { OrganizationUpdatedV1 } from './events/community/organization-updated.v1';
import { SurveyPublishedV1 } from './events/community/survey-published.v1';

/** Every event version the platform publishes. Old versions stay here during their deprecation window. */
export const eventCatalog: readonly EventDefinition[] = [
  ConsortiumCreatedV1,
  OrganizationJoinedV1,
  OrganizationUpdatedV1,
  OrganizationLeftV1,
  MemberJoinedV1,
  MemberUpdatedV1,
  MemberLeftV1,
  GatheringScheduledV1,
  GatheringRescheduledV1,
  GatheringCancelledV1,
  GatheringRegistrationChangedV1,
  GatheringAttendanceRecordedV1,
  GatheringAttendanceWithdrawnV1,
  GatheringReminderSentV1,
  CircleCreatedV1,
  CircleMemberJoinedV1,
  CircleMemberLeftV1,
  KnowledgeSharedV1,
  KnowledgeReactedV1,
  SurveyPublishedV1,
  FeedbackSubmittedV1,
  CollaborationModelProposedV1,
  CollaborationModelReviewedV1,
  CollaborationModelViabilityCheckedV1,
  GatheringRepresentationSnapshotV1,
  AssessmentStartedV1,
  AssessmentSubmittedV1,
  AssessmentCompletedV1,
  ReadinessGapsIdentifiedV1,
  JourneyCreatedV1,
  FrameworkAdoptedV1,
  JourneyMilestoneCompletedV1,
  JourneyMilestoneDueSetV1,
  ProviderRegisteredV1,
  ProviderUpdatedV1,
  NeedPostedV1,
  MatchSuggestedV1,
  EngagementRequestedV1,
  EngagementAcceptedV1,
  EngagementDeclinedV1,
  EngagementScopeProposedV1,
  EngagementScopedV1,
  EngagementStartedV1,
  EngagementDeliveredV1,
  EngagementCompletedV1,
  EngagementCancelledV1,
  EngagementResponseOverdueV1,
  EngagementExpiredV1,
  EngagementMilestonePaidV1,
  EngagementRatedV1,
  PartnershipProposedV1,
  PartnershipNegotiationStartedV1,
  PartnershipConfirmedV1,
  PartnershipEndedV1,
  PartnershipCollaborationRecordedV1,
  TargetChangedV1,
  PeriodClosedV1,
  PeriodRestatedV1,
];

const byType = new Map(eventCatalog.map((definition) => [definition.type, definition]));

export function findEventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}
