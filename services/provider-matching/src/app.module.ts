import { Module } from '@nestjs/common';
import { communityDirectoryConsumers, OrganizationAccess } from '@ccndr/community-directory';
import { PlatformModule } from '@ccndr/service-kit';
import { providerMatchingService } from './provider-matching.service-spec';
import { ProvidersController } from './providers/providers.controller';
import { ProvidersService } from './providers/providers.service';

@Module({
  imports: [PlatformModule.forService(providerMatchingService)],
  controllers: [ProvidersController, ...communityDirectoryConsumers],
  providers: [OrganizationAccess, ProvidersService],
})
export class AppModule {}
