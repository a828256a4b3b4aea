import { Module } from '@nestjs/common';
import { PlatformModule } from '@ccndr/service-kit';
import { assessmentsService } from './assessments.service-spec';

@Module({
  imports: [PlatformModule.forService(assessmentsService)],
})
export class AppModule {}
