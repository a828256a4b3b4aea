import { Module } from '@nestjs/common';
import { PlatformModule } from '@ccndr/service-kit';
import { providerMatchingService } from './provider-matching.service-spec';

@Module({
  imports: [PlatformModule.forService(providerMatchingService)],
})
export class AppModule {}
