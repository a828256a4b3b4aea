import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { securityHeaders } from '@ccndr/auth';
import { PlatformModule } from '@ccndr/service-kit';
import { evaluationService } from './evaluation.service-spec';
import { CircleConsumer } from './events/circle.consumer';
import { CollaborationModelConsumer } from './events/collaboration-model.consumer';
import { ConsortiumConsumer } from './events/consortium.consumer';
import { EngagementConsumer } from './events/engagement.consumer';
import { FeedbackConsumer } from './events/feedback.consumer';
import { GatheringConsumer } from './events/gathering.consumer';
import { KnowledgeConsumer } from './events/knowledge.consumer';
import { OrganizationConsumer } from './events/organization.consumer';
import { PartnershipConsumer } from './events/partnership.consumer';
import { ReadinessConsumer } from './events/readiness.consumer';
import { DashboardController } from './dashboard/dashboard.controller';
import { IndicatorChanges } from './indicators/indicator-changes';
import { IndicatorRefresher } from './indicators/indicator-refresher';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsService } from './indicators/indicators.service';
import { ReportController, ReportStylesController } from './report/report.controller';
import { TargetsController } from './indicators/targets.controller';
import { TargetsService } from './indicators/targets.service';

@Module({
  imports: [PlatformModule.forService(evaluationService)],
  controllers: [
    IndicatorsController,
    TargetsController,
    ReportController,
    ReportStylesController,
    DashboardController,
    ConsortiumConsumer,
    OrganizationConsumer,
    GatheringConsumer,
    FeedbackConsumer,
    CircleConsumer,
    KnowledgeConsumer,
    CollaborationModelConsumer,
    ReadinessConsumer,
    EngagementConsumer,
    PartnershipConsumer,
  ],
  providers: [IndicatorsService, IndicatorChanges, IndicatorRefresher, TargetsService],
})
export class AppModule implements NestModule {
  /** The dashboard is the one page framed, by the portal's own pages (through its proxy, so the same origin). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(securityHeaders({ framedBySameOrigin: true })).forRoutes({ path: 'dashboard', method: RequestMethod.GET });
  }
}
