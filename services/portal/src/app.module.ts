import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { clientLimitProviders, ClientLimitsGuard } from '@ccndr/auth';
import { loadConfig, PortalConfig, portalConfigSchema } from '@ccndr/config';
import { JsonLogger } from '@ccndr/observability';
import { HealthController } from './health.controller';
import { AboutController } from './pages/about.controller';
import { AssetsController } from './pages/assets.controller';
import { EventsController } from './pages/events.controller';
import { Api, PORTAL_CONFIG } from './pages/api';
import { CoordinatorController } from './pages/coordinator.controller';
import { MemberController } from './pages/member.controller';
import { AssessmentController } from './pages/assessment.controller';
import { ProviderController } from './pages/provider.controller';
import { ProviderRequestsController } from './pages/provider-requests.controller';
import { EngagementsController } from './pages/engagements.controller';
import { PartnershipsController } from './pages/partnerships.controller';
import { CirclesController } from './pages/circles.controller';
import { ModelsController } from './pages/models.controller';
import { NarrativesController } from './pages/narratives.controller';
import { OrganizationsController } from './pages/organizations.controller';
import { ProgrammeBenchmarkController, ProgrammeController } from './pages/programme.controller';
import { PeriodsController } from './pages/periods.controller';
import { SurveysController } from './pages/surveys.controller';
import { NotificationsController, UnsubscribeController } from './pages/notifications.controller';
import { PageErrorsFilter } from './pages/page-errors.filter';
import { PortalController } from './pages/portal.controller';
import { ProxyController } from './proxy/proxy.controller';
import { OidcClient } from './session/oidc';
import { SameOriginGuard } from './session/cross-site';
import { SessionCodec } from './session/session';

/** The portal: pages rendered on the server in FR/EN, and a proxy to the services; no database, no rules of its own. */
@Module({
  controllers: [HealthController, AssetsController, PortalController, CoordinatorController, MemberController, AssessmentController, ProviderController, ProviderRequestsController, EngagementsController, PartnershipsController, CirclesController, ModelsController, SurveysController, NarrativesController, OrganizationsController, PeriodsController, ProgrammeController, ProgrammeBenchmarkController, AboutController, NotificationsController, UnsubscribeController, EventsController, ProxyController],
  providers: [
    { provide: PORTAL_CONFIG, useFactory: () => loadConfig({ PORT: '3005' }, process.env, portalConfigSchema) },
    { provide: JsonLogger, inject: [PORTAL_CONFIG], useFactory: (config: PortalConfig) => new JsonLogger('portal', config.LOG_LEVEL) },
    { provide: SessionCodec, inject: [PORTAL_CONFIG], useFactory: (config: PortalConfig) => new SessionCodec(config.SESSION_SECRET) },
    Api,
    OidcClient,
    { provide: APP_FILTER, useClass: PageErrorsFilter },
    // Sign-in steps per client address (docs/security.md, "How fast").
    ...clientLimitProviders(PORTAL_CONFIG, (c: PortalConfig) => [
      { name: 'sign-in', limit: c.SIGN_IN_LIMIT, windowSeconds: c.SIGN_IN_LIMIT_WINDOW_SECONDS, counts: 'marked' },
      { name: 'unsubscribe', limit: c.UNSUBSCRIBE_LIMIT, windowSeconds: c.UNSUBSCRIBE_LIMIT_WINDOW_SECONDS, counts: 'marked' },
    ]),
    { provide: APP_GUARD, useClass: ClientLimitsGuard },
    { provide: APP_GUARD, useClass: SameOriginGuard },
  ],
})
export class AppModule {}
