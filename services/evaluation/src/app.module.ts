import { Module } from '@nestjs/common';
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
import { PeriodConsumer } from './events/period.consumer';
import { ReadinessConsumer } from './events/readiness.consumer';
import { DashboardController, DashboardFragmentController } from './dashboard/dashboard.controller';
import { ExportsController } from './exports/exports.controller';
import { ExportsService } from './exports/exports.service';
import { IndicatorChanges } from './indicators/indicator-changes';
import { IndicatorRefresher } from './indicators/indicator-refresher';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsService } from './indicators/indicators.service';
import { NarrativesController } from './narratives/narratives.controller';
import { NarrativesService } from './narratives/narratives.service';
import { PeriodsController } from './periods/periods.controller';
import { PeriodsService } from './periods/periods.service';
import { ProgrammeBenchmarkController, ProgrammeController } from './programme/programme.controller';
import { ProgrammeService } from './programme/programme.service';
import { ReportController, ReportStylesController } from './report/report.controller';
import { TargetsController } from './indicators/targets.controller';
import { TargetsService } from './indicators/targets.service';

@Module({
  imports: [PlatformModule.forService(evaluationService)],
  controllers: [
    IndicatorsController,
    TargetsController,
    NarrativesController,
    PeriodsController,
    ProgrammeController,
    ProgrammeBenchmarkController,
    ReportController,
    ReportStylesController,
    DashboardController,
    DashboardFragmentController,
    ExportsController,
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
    PeriodConsumer,
  ],
  providers: [IndicatorsService, IndicatorChanges, IndicatorRefresher, TargetsService, PeriodsService, ExportsService, NarrativesService, ProgrammeService],
})
/** No page of the service is framed: the portal embeds the dashboard's fragment in its own layout. */
export class AppModule {}
