import { contextEventsSubject } from '@ccndr/contracts';
import { ServiceSpec } from '@ccndr/service-kit';
import { CommunityFoundation1764000001000 } from './migrations/1764000001000-community-foundation';
import { CommunityLifecycle1764000002000 } from './migrations/1764000002000-community-lifecycle';
import { GatheringRegistrations1764000003000 } from './migrations/1764000003000-gathering-registrations';
import { Circles1764000004000 } from './migrations/1764000004000-circles';
import { KnowledgeSharing1764000005000 } from './migrations/1764000005000-knowledge-sharing';
import { Surveys1764000006000 } from './migrations/1764000006000-surveys';
import { CollaborationModels1764000007000 } from './migrations/1764000007000-collaboration-models';
import { SelfIdentification1764000008000 } from './migrations/1764000008000-self-identification';
import { ConsortiumWalls1764000009000 } from './migrations/1764000009000-consortium-walls';
import { GatheringPlaces1764000010000 } from './migrations/1764000010000-gathering-places';
import { Notifications1764000011000, NotificationWalls1764000011100 } from './migrations/1764000011000-notifications';
import { GatheringReminders1764000012000, GatheringReminderWalls1764000012100 } from './migrations/1764000012000-gathering-reminders';
import { NotificationPreferences1764000013000, NotificationPreferenceWalls1764000013100 } from './migrations/1764000013000-notification-preferences';
import { OrganizationNameConsent1764000013500 } from './migrations/1764000013500-organization-name-consent';
import { GatheringChangeTimes1764000016110 } from './migrations/1764000016110-gathering-change-times';
import { JourneyNotifications1764000016200 } from './migrations/1764000016200-journey-notifications';
import { PaymentReminders1764000016210 } from './migrations/1764000016210-payment-reminders';
import { JourneyReminders1764000016230 } from './migrations/1764000016230-journey-reminders';
import { WeeklyDigest1764000016240 } from './migrations/1764000016240-weekly-digest';
import { RequestsWaiting1764000016250, RequestsWaitingWalls1764000016260 } from './migrations/1764000016250-requests-waiting';
import { SurveyInvitations1764000017000 } from './migrations/1764000017000-survey-invitations';
import { SurveyInvitationsOnJoin1764000018300 } from './migrations/1764000018300-survey-invitations-on-join';

/** Durable consumer of community's own events: notifications follow them like any projection. */
export const notificationsConsumer = 'community-notifications';
/** Durable consumer of provider matching's events: the engagement steps people are told of (one filter subject each, for NATS 2.9). */
export const engagementNotificationsConsumer = 'community-engagement-notifications';
/** Durable consumer of assessments' events: the readiness journey's invitations (a colleague asked to answer a team assessment). */
export const journeyNotificationsConsumer = 'community-journey-notifications';

export const communityService: ServiceSpec = {
  name: 'community',
  defaultPort: 3001,
  title: { en: 'Community of practice', fr: 'Communauté de pratique' },
  // It owns consortia: deleting one erases its events from the stream.
  purgesConsortiumEvents: true,
  entities: [],
  migrations: [CommunityFoundation1764000001000, CommunityLifecycle1764000002000, GatheringRegistrations1764000003000, Circles1764000004000, KnowledgeSharing1764000005000, Surveys1764000006000, CollaborationModels1764000007000, SelfIdentification1764000008000, ConsortiumWalls1764000009000, GatheringPlaces1764000010000, Notifications1764000011000, NotificationWalls1764000011100, GatheringReminders1764000012000, GatheringReminderWalls1764000012100, NotificationPreferences1764000013000, NotificationPreferenceWalls1764000013100, OrganizationNameConsent1764000013500, GatheringChangeTimes1764000016110, JourneyNotifications1764000016200, PaymentReminders1764000016210, JourneyReminders1764000016230, WeeklyDigest1764000016240, RequestsWaiting1764000016250, RequestsWaitingWalls1764000016260, SurveyInvitations1764000017000, SurveyInvitationsOnJoin1764000018300],
  consumers: (topology) => [
    { durable: notificationsConsumer, filterSubject: contextEventsSubject('community', topology.namespace) },
    { durable: engagementNotificationsConsumer, filterSubject: contextEventsSubject('provider-matching', topology.namespace) },
    { durable: journeyNotificationsConsumer, filterSubject: contextEventsSubject('assessments', topology.namespace) },
  ],
};
