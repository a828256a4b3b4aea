import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';

let sdk: NodeSDK | undefined;

/**
 * Starts the OpenTelemetry NodeSDK. Must run before NestJS, http and pg are loaded, so each
 * service's `instrumentation.ts` calls it and `main.ts` imports that file first. Exporters,
 * sampling and resource attributes come from the standard OTEL_* environment variables (read
 * here, before any configuration module can load).
 *
 * Tracing always runs, whatever is exported: with `OTEL_TRACES_EXPORTER=none` the SDK would start
 * no tracer at all, and then no event would carry a `traceparent` and no log a trace id. So when
 * nothing is to be exported, spans go to a processor that drops them, and context still flows.
 */
export function startTelemetry(serviceName: string): void {
  if (sdk) return;
  const exporters = (process.env.OTEL_TRACES_EXPORTER ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const exportNothing = exporters.length > 0 && exporters.every((e) => e === 'none');
  sdk = new NodeSDK({
    serviceName,
    ...(exportNothing ? { spanProcessors: [new NoopSpanProcessor()] } : {}),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => request.url?.startsWith('/health') ?? false,
        // An unsubscribe link's signed token (`?token=…`) is its holder's authority: kept out of the spans' url.query.
        redactedQueryParamsServer: ['token'],
        // A server span is named by its route pattern (`POST /consortia/:consortiumId/…`), as the
        // semantic conventions say: Express leaves the matched route on the request.
        applyCustomAttributesOnSpan: (span, request) => {
          const route = (request as { route?: { path?: unknown } }).route?.path;
          if (typeof route !== 'string') return;
          span.setAttribute(ATTR_HTTP_ROUTE, route);
          span.updateName(`${(request as { method?: string }).method ?? 'GET'} ${route}`);
        },
      }),
      // No NestJS instrumentation: its two spans a request (controller, handler) said nothing the
      // server span does not, and cost CPU on every request. A statement's span is kept, a pool
      // checkout's is not (a wait for a connection shows as the gap before the first statement).
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
  sdk.start();
}

/** Flushes spans still buffered; called on shutdown. */
export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown().catch(() => undefined);
  sdk = undefined;
}
