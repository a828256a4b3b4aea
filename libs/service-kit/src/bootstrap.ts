import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NestMicroservice } from '@nestjs/microservices';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { securityHeaders } from '@ccndr/auth';
import { migrationConfigSchema, SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { errorCatalogue } from '@ccndr/contracts';
import { LiveConsumer } from '@ccndr/messaging';
import { exitAfterFailedStart, JsonLogger } from '@ccndr/observability';
import { bodyErrors, bodyLimits, refuseDeepJson, refuseUnsupportedBodies } from './body-parsing';
import { EventErrorsFilter } from './event-errors.filter';
import { HttpMetrics } from './http-metrics';
import { loadServiceConfig, openServiceDatabase } from './platform.module';
import { ProblemFilter } from './problem.filter';
import { ServiceSpec } from './service-spec';

/**
 * Boots a service: HTTP API with its OpenAPI document at /docs (JSON at /docs/openapi.json), the
 * JetStream consumers as a connected microservice, graceful shutdown on SIGTERM/SIGINT. With
 * `--migrate-only` it migrates its schema and exits (a deployment's migrations job). A service that
 * cannot start logs why and exits with 1.
 */
export function runService(appModule: unknown, spec: ServiceSpec): Promise<void> {
  return (process.argv.includes('--migrate-only') ? migrateOnly(spec) : startService(appModule, spec)).catch(exitAfterFailedStart(spec.name));
}

async function startService(appModule: unknown, spec: ServiceSpec): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(appModule as any, { bufferLogs: true, bodyParser: false });
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  const logger = app.get(JsonLogger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  // The client address the failed-token limit counts by: the connection's, unless the operator names the proxies in front (TRUST_PROXY).
  app.set('trust proxy', config.TRUST_PROXY);
  // Security headers on every answer (helmet); Swagger UI's page needs inline styles, nothing else does.
  app.use(securityHeaders());
  app.use('/docs', securityHeaders({ inlineStyles: true }));
  app.use(app.get(HttpMetrics).middleware);
  // Bodies are JSON, or CSV for join logs (text); any other type, too large, too deep or unreadable
  // is answered with a problem before a route sees it (body-parsing.ts).
  app.use(refuseUnsupportedBodies);
  app.useBodyParser('json', { limit: bodyLimits.json });
  app.useBodyParser('text', { type: 'text/csv', limit: bodyLimits.csv });
  app.use(refuseDeepJson, bodyErrors(new ProblemFilter(logger)));
  // Events do not go through the HTTP enhancers (access guard, rate limit, consortium scope,
  // idempotency, problem filter): for an event each would only pass it on, at a cost per event
  // that was a fifth of ingest. The consumer applies events in the platform's scope itself.
  // Handlers are registered when the transport starts, after their filter: registered at once,
  // they would keep Nest's default, which replaces a handler's error by an "Internal server error"
  // object. The modules' lifecycle hooks stay the application's to run, once.
  const events = app.connectMicroservice({ strategy: app.get(LiveConsumer) }, { inheritAppConfig: false, deferInitialization: true }) as NestMicroservice;
  events.useGlobalFilters(new EventErrorsFilter());
  events.setIsInitHookCalled(true);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`${spec.title.en} / ${spec.title.fr}`)
      .setVersion('1')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  // Every POST takes an Idempotency-Key (see idempotency.ts).
  for (const path of Object.values(document.paths)) {
    if (!path.post) continue;
    (path.post.parameters ??= []).push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Retry safely: a second request with this key gets the first answer and writes nothing / Réessayer sans risque',
      schema: { type: 'string', maxLength: 200 },
    });
  }
  // Every refusal is a problem document with a catalogued code (docs/api.md).
  (document.components ??= {}).schemas = { ...document.components.schemas, Problem: problemSchema };
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.get, path.put, path.post, path.patch, path.delete]) {
      if (operation) operation.responses.default ??= { description: 'A refusal (RFC 9457) / Un refus', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    }
  }
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });

  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  logger.write('info', `${spec.name} listening`, { url: await app.getUrl() });
}

async function migrateOnly(spec: ServiceSpec): Promise<void> {
  const config = loadServiceConfig(spec, migrationConfigSchema);
  const logger = new JsonLogger(spec.name, config.LOG_LEVEL);
  const db = await openServiceDatabase(spec, config);
  await db.destroy();
  logger.write('info', `${spec.name} schema migrated`, { schema: config.DATABASE_SCHEMA });
}

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; docs/api.md lists every code / détails de problème RFC 9457',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', description: 'urn:ccndr:problem:<code>' },
    title: { type: 'string', description: 'The code’s text for a person, in the language asked for' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'This occurrence, for developers (may name fields, values and ids)' },
    instance: { type: 'string' },
    code: { type: 'string', enum: Object.keys(errorCatalogue) },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['code', 'field', 'detail'], properties: { code: { type: 'string', enum: Object.keys(errorCatalogue) }, field: { type: 'string' }, detail: { type: 'string' } } },
    },
  },
};
