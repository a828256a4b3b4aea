import { Module } from '@nestjs/common';
import { PlatformModule } from '@ccndr/service-kit';
import { CirclesController } from './circles/circles.controller';
import { CirclesService } from './circles/circles.service';
import { CollaborationModelsController } from './collaboration-models/collaboration-models.controller';
import { CollaborationModelsService } from './collaboration-models/collaboration-models.service';
import { communityService } from './community.service-spec';
import { KnowledgeController } from './knowledge/knowledge.controller';
import { KnowledgeService } from './knowledge/knowledge.service';
import { RepresentationController } from './representation/representation.controller';
import { RepresentationService } from './representation/representation.service';
import { SurveysController } from './surveys/surveys.controller';
import { SurveysService } from './surveys/surveys.service';
import { ConsortiaController } from './consortia/consortia.controller';
import { ConsortiaService } from './consortia/consortia.service';
import { GatheringsController } from './gatherings/gatherings.controller';
import { GatheringsService } from './gatherings/gatherings.service';
import { GatheringCancelledV1Consumer, GatheringRescheduledV1Consumer, GatheringScheduledV1Consumer, MemberJoinedV1Consumer, MemberLeftV1Consumer } from './notifications/gathering-events.consumer';
import { GatheringNotifications } from './notifications/gathering-notifications';
import {
  EngagementAcceptedV1Consumer,
  EngagementCancelledV1Consumer,
  EngagementDeclinedV1Consumer,
  EngagementExpiredV1Consumer,
  EngagementMilestonePaidV1Consumer,
  EngagementRequestedV1Consumer,
  EngagementResponseOverdueV1Consumer,
  EngagementScopedV1Consumer,
  EngagementScopeProposedV1Consumer,
} from './notifications/engagement-events.consumer';
import { EngagementNotifications } from './notifications/engagement-notifications';
import { AssessmentStartedV1Consumer, JourneyMilestoneCompletedV1Consumer, JourneyMilestoneDueSetV1Consumer, JourneyNotifications } from './notifications/journey-notifications';
import { DigestNotifications } from './notifications/digest-notifications';
import { MailSender } from './notifications/mail-sender';
import { SurveyNotifications, SurveyPublishedV1Consumer } from './notifications/survey-notifications';
import { NotificationSettingsController } from './notifications/notification-settings.controller';
import { NotificationSettingsService } from './notifications/notification-settings.service';
import { NotificationPreferencesController, UnsubscribeController } from './notifications/notification-preferences.controller';
import { NotificationPreferencesService } from './notifications/notification-preferences.service';
import { UnsubscribeLinks } from './notifications/unsubscribe-token';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationsService } from './organizations/organizations.service';

@Module({
  imports: [PlatformModule.forService(communityService)],
  controllers: [ConsortiaController, OrganizationsController, MembersController, GatheringsController, CirclesController, KnowledgeController, SurveysController, CollaborationModelsController, RepresentationController, GatheringScheduledV1Consumer, GatheringRescheduledV1Consumer, GatheringCancelledV1Consumer, MemberJoinedV1Consumer, MemberLeftV1Consumer, NotificationSettingsController, NotificationPreferencesController, UnsubscribeController,
    EngagementRequestedV1Consumer, EngagementResponseOverdueV1Consumer, EngagementAcceptedV1Consumer, EngagementDeclinedV1Consumer, EngagementExpiredV1Consumer, EngagementScopeProposedV1Consumer, EngagementScopedV1Consumer, EngagementMilestonePaidV1Consumer, EngagementCancelledV1Consumer, AssessmentStartedV1Consumer, JourneyMilestoneDueSetV1Consumer, JourneyMilestoneCompletedV1Consumer, SurveyPublishedV1Consumer],
  providers: [ConsortiaService, OrganizationsService, MembersService, GatheringsService, CirclesService, KnowledgeService, SurveysService, CollaborationModelsService, RepresentationService, GatheringNotifications, EngagementNotifications, JourneyNotifications, DigestNotifications, SurveyNotifications, MailSender, NotificationSettingsService, NotificationPreferencesService, UnsubscribeLinks],
})
export class AppModule {}
