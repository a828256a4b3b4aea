import { Attributes, Context, context, Link, propagation, ROOT_CONTEXT, SpanOptions, SpanStatusCode, TextMapGetter, TextMapSetter, trace } from '@opentelemetry/api';
import { MsgHdrs } from '@nats-io/transport-node';
import {
  ATTR_CLOUDEVENTS_EVENT_ID,
  ATTR_CLOUDEVENTS_EVENT_TYPE,
  ATTR_MESSAGING_CONSUMER_GROUP_NAME,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
  MESSAGING_OPERATION_TYPE_VALUE_PROCESS,
  MESSAGING_OPERATION_TYPE_VALUE_SEND,
} from '@opentelemetry/semantic-conventions/incubating';
import { ATTR_CCNDR_CONSORTIUM_ID, MESSAGING_SYSTEM_VALUE_NATS } from '@ccndr/observability';

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

/**
 * The semantic-convention attributes of a publish (`send`) or of a consumer's handling
 * (`process`, with the durable consumer as its group) of one event.
 */
export function messagingAttributes(
  operation: { send: true } | { process: string },
  event: { subject: string; id: string; type?: string; consortiumId?: string },
): Attributes {
  return {
    [ATTR_MESSAGING_SYSTEM]: MESSAGING_SYSTEM_VALUE_NATS,
    [ATTR_MESSAGING_OPERATION_TYPE]: 'send' in operation ? MESSAGING_OPERATION_TYPE_VALUE_SEND : MESSAGING_OPERATION_TYPE_VALUE_PROCESS,
    [ATTR_MESSAGING_DESTINATION_NAME]: event.subject,
    ...('process' in operation ? { [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: operation.process } : {}),
    [ATTR_MESSAGING_MESSAGE_ID]: event.id,
    [ATTR_CLOUDEVENTS_EVENT_ID]: event.id,
    [ATTR_CLOUDEVENTS_EVENT_TYPE]: event.type,
    [ATTR_CCNDR_CONSORTIUM_ID]: event.consortiumId,
  };
}

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
