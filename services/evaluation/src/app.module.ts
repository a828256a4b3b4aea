import { Module } from '@nestjs/common';
import { PlatformModule } from '@ccndr/service-kit';
import { evaluationService } from './evaluation.service-spec';
import { AssessmentCompletedV1Consumer } from './events/assessment-completed.v1.consumer';
import { CircleMemberJoinedV1Consumer } from './events/circle-member-joined.v1.consumer';
import { KnowledgeSharedV1Consumer } from './events/knowledge-shared.v1.consumer';
import { ConsortiumCreatedV1Consumer } from './events/consortium-created.v1.consumer';
import { GatheringAttendanceRecordedV1Consumer } from './events/gathering-attendance-recorded.v1.consumer';
import { OrganizationJoinedV1Consumer } from './events/organization-joined.v1.consumer';
import { OrganizationUpdatedV1Consumer } from './events/organization-updated.v1.consumer';
import { EngagementAcceptedV1Consumer } from './events/engagement-accepted.v1.consumer';
import { PartnershipCollaborationRecordedV1Consumer } from './events/partnership-collaboration-recorded.v1.consumer';
import { PartnershipStatusV1Consumer } from './events/partnership-status.v1.consumer';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsService } from './indicators/indicators.service';

@Module({
  imports: [PlatformModule.forService(evaluationService)],
  controllers: [IndicatorsController, ConsortiumCreatedV1Consumer, OrganizationJoinedV1Consumer, OrganizationUpdatedV1Consumer, GatheringAttendanceRecordedV1Consumer, CircleMemberJoinedV1Consumer, KnowledgeSharedV1Consumer, AssessmentCompletedV1Consumer, EngagementAcceptedV1Consumer, PartnershipStatusV1Consumer, PartnershipCollaborationRecordedV1Consumer],
  providers: [IndicatorsService],
})
export class AppModule {}
