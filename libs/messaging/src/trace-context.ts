import { Context, context, Link, propagation, ROOT_CONTEXT, SpanOptions, SpanStatusCode, TextMapGetter, TextMapSetter, trace } from '@opentelemetry/api';
import { MsgHdrs } from '@nats-io/transport-node';

const natsHeaderSetter: TextMapSetter<MsgHdrs> = { set: (carrier, key, value) => carrier.set(key, value) };
const natsHeaderGetter: TextMapGetter<MsgHdrs> = {
  keys: (carrier) => carrier.keys(),
  get: (carrier, key) => carrier.get(key) || undefined,
};

/** Writes the W3C trace context of `ctx` into NATS message headers. */
export function injectTraceHeaders(headers: MsgHdrs, ctx: Context = context.active()): void {
  propagation.inject(ctx, headers, natsHeaderSetter);
}

/** Reads the W3C trace context carried by NATS message headers, else by the envelope's traceparent. */
export function extractTraceContext(headers: MsgHdrs | undefined, traceparent?: string): Context {
  if (headers?.get('traceparent')) return propagation.extract(ROOT_CONTEXT, headers, natsHeaderGetter);
  if (traceparent) return propagation.extract(ROOT_CONTEXT, { traceparent });
  return ROOT_CONTEXT;
}

/** The active trace context as a traceparent value, to save with an outbox row. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

const tracer = trace.getTracer('@ccndr/messaging');

/** Runs `work` in a new active span under `parent`; the span is marked failed if `work` throws. */
export function inSpan<T>(name: string, options: SpanOptions, parent: Context, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, options, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The links one span keeps: the SDK's default limit (`OTEL_SPAN_LINK_COUNT_LIMIT`), past which it drops them. */
export const linksPerSpan = 128;

/**
 * Runs `work` in a new active span under `parent` linked to every one of `links`: beyond what one
 * span keeps, the others are held by child spans named `<name> links`, so every linked span has a
 * path to the work however many there are.
 */
export function inLinkedSpan<T>(name: string, options: SpanOptions, parent: Context, links: Link[], work: () => Promise<T>): Promise<T> {
  return inSpan(name, { ...options, links: links.slice(0, linksPerSpan) }, parent, () => {
    for (let i = linksPerSpan; i < links.length; i += linksPerSpan) tracer.startSpan(`${name} links`, { links: links.slice(i, i + linksPerSpan) }).end();
    return work();
  });
}
