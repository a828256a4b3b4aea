// Telemetry first: it must patch http and NestJS before they are loaded.
import './instrumentation';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { securityHeaders } from '@ccndr/auth';
import { PortalConfig } from '@ccndr/config';
import { exitAfterFailedStart, JsonLogger } from '@ccndr/observability';
import { AppModule } from './app.module';
import { PORTAL_CONFIG } from './pages/api';

async function main(): Promise<void> {
  // rawBody: the proxy forwards JSON bodies as the browser sent them.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { rawBody: true, bufferLogs: true });
  const logger = app.get(JsonLogger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  const config = app.get<PortalConfig>(PORTAL_CONFIG);
  // The client address the limits count by: the connection's, unless the operator names the proxies in front (TRUST_PROXY).
  app.set('trust proxy', config.TRUST_PROXY);
  // Security headers on every answer (helmet). Forms may end at the identity provider: signing out, or a post after the session expired, redirects there.
  app.use(securityHeaders({ formActions: config.OIDC_ISSUER ? [new URL(config.OIDC_ISSUER).origin] : [] }));
  await app.listen(config.PORT, config.HOST);
  logger.write('info', 'portal listening', { url: await app.getUrl() });
}

void main().catch(exitAfterFailedStart('portal'));
