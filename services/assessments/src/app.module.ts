import { Module } from '@nestjs/common';
import { communityDirectoryConsumers, ON_CONSORTIUM_KNOWN, OrganizationAccess } from '@ccndr/community-directory';
import { PlatformModule } from '@ccndr/service-kit';
import { AssessmentsController } from './assessments/assessments.controller';
import { AssessmentsService } from './assessments/assessments.service';
import { assessmentsService } from './assessments.service-spec';
import { FrameworkController } from './framework/framework.controller';
import { FrameworksService } from './framework/frameworks.service';
import { JourneysController } from './journeys/journeys.controller';
import { JourneysService } from './journeys/journeys.service';
import { ProfilesController } from './profiles/profiles.controller';
import { ProfilesService } from './profiles/profiles.service';
import { ReportsController, ReportStylesController } from './reports/reports.controller';

@Module({
  imports: [PlatformModule.forService(assessmentsService)],
  controllers: [FrameworkController, AssessmentsController, ProfilesController, JourneysController, ReportsController, ReportStylesController, ...communityDirectoryConsumers],
  providers: [
    FrameworksService,
    OrganizationAccess,
    AssessmentsService,
    ProfilesService,
    JourneysService,
    // A new consortium starts on the default framework: say so, for services that need its dimensions.
    { provide: ON_CONSORTIUM_KNOWN, inject: [FrameworksService], useFactory: (frameworks: FrameworksService) => frameworks.announceAdoption.bind(frameworks) },
  ],
})
export class AppModule {}
