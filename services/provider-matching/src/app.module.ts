import { Module } from '@nestjs/common';
import { communityDirectoryConsumers, OrganizationAccess } from '@ccndr/community-directory';
import { PlatformModule } from '@ccndr/service-kit';
import { EngagementDeadlines } from './engagements/engagement-deadlines';
import { EngagementsController } from './engagements/engagements.controller';
import { EngagementsService } from './engagements/engagements.service';
import { MatchingService } from './matching/matching.service';
import { PartnershipsController } from './partnerships/partnerships.controller';
import { PartnershipsService } from './partnerships/partnerships.service';
import { FrameworkAdoptedV1Consumer } from './events/framework-adopted.v1.consumer';
import { FrameworkDimensions } from './framework/framework-dimensions';
import { ReadinessGapsIdentifiedV1Consumer } from './events/readiness-gaps-identified.v1.consumer';
import { NeedsController } from './needs/needs.controller';
import { NeedsService } from './needs/needs.service';
import { providerMatchingService } from './provider-matching.service-spec';
import { ProvidersController } from './providers/providers.controller';
import { ProvidersService } from './providers/providers.service';

@Module({
  imports: [PlatformModule.forService(providerMatchingService)],
  controllers: [ProvidersController, NeedsController, EngagementsController, PartnershipsController, ReadinessGapsIdentifiedV1Consumer, FrameworkAdoptedV1Consumer, ...communityDirectoryConsumers],
  providers: [OrganizationAccess, FrameworkDimensions, ProvidersService, NeedsService, MatchingService, EngagementsService, EngagementDeadlines, PartnershipsService],
})
export class AppModule {}
