import { Module } from '@nestjs/common';
import { PlatformModule } from '@ccndr/service-kit';
import { AssessmentsController } from './assessments/assessments.controller';
import { AssessmentsService } from './assessments/assessments.service';
import { assessmentsService } from './assessments.service-spec';
import { communityReadModelConsumers } from './events/community-read-model.consumers';
import { ConsortiumCreatedV1Consumer } from './events/consortium-created.v1.consumer';
import { OrganizationAccess } from './access/organization-access';
import { FrameworkController } from './framework/framework.controller';
import { FrameworksService } from './framework/frameworks.service';
import { JourneysController } from './journeys/journeys.controller';
import { JourneysService } from './journeys/journeys.service';
import { ProfilesController } from './profiles/profiles.controller';
import { ReportsController } from './reports/reports.controller';
import { ProfilesService } from './profiles/profiles.service';

@Module({
  imports: [PlatformModule.forService(assessmentsService)],
  controllers: [FrameworkController, AssessmentsController, ProfilesController, JourneysController, ReportsController, ConsortiumCreatedV1Consumer, ...communityReadModelConsumers],
  providers: [FrameworksService, OrganizationAccess, AssessmentsService, ProfilesService, JourneysService],
})
export class AppModule {}
