import { Context, context, propagation, ROOT_CONTEXT, TextMapGetter, TextMapSetter } from '@opentelemetry/api';
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
