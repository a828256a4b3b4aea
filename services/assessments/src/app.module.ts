import { Module } from '@nestjs/common';
import { PlatformModule } from '@ccndr/service-kit';
import { assessmentsService } from './assessments.service-spec';
import { ConsortiumCreatedV1Consumer } from './events/consortium-created.v1.consumer';
import { FrameworkController } from './framework/framework.controller';

@Module({
  imports: [PlatformModule.forService(assessmentsService)],
  controllers: [FrameworkController, ConsortiumCreatedV1Consumer],
})
export class AppModule {}
