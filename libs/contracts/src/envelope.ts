import { z } from 'zod';

/** W3C trace context header value: version-traceid-parentid-flags. */
export const traceparentPattern = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Event type: ccndr.<context>.<aggregate>.<event>.v<major>, kebab-case tokens. */
export const eventTypePattern = /^ccndr\.[a-z][a-z-]*\.[a-z][a-z-]*\.[a-z][a-z-]*\.v[1-9][0-9]*$/;

/**
 * CloudEvents 1.0 structured-JSON envelope (the CloudEvents NATS binding), with the
 * platform's two extension attributes: `consortiumid` (the tenant) and `traceparent`.
 */
export const cloudEventEnvelope = z.object({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  source: z.string().min(1),
  type: z.string().regex(eventTypePattern, 'must be ccndr.<context>.<aggregate>.<event>.v<major>'),
  time: z.iso.datetime({ offset: true }),
  subject: z.string().min(1).optional(),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().min(1).optional(),
  consortiumid: z.uuid(),
  traceparent: z.string().regex(traceparentPattern).optional(),
  data: z.unknown(),
});

export type CloudEventEnvelope<TData = unknown> = Omit<z.infer<typeof cloudEventEnvelope>, 'data'> & { data: TData };
