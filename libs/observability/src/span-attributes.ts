/*
 * Span attribute names. Those the OpenTelemetry semantic conventions define come from
 * `@opentelemetry/semantic-conventions` (pinned: the messaging and CloudEvents ones are still
 * incubating and may change between its minor versions); the platform's own are named here, once.
 */

/** The consortium a request, an event or a publish belongs to: admins find a consortium's traces by it. */
export const ATTR_CCNDR_CONSORTIUM_ID = 'ccndr.consortium_id';
/** Rows a consumer's batch write wrote. */
export const ATTR_CCNDR_BATCH_ROWS = 'ccndr.batch.rows';
/** Events whose effects a consumer's batch write carries. */
export const ATTR_CCNDR_BATCH_EVENTS = 'ccndr.batch.events';
/** `messaging.system` for NATS: the conventions list no value of their own for it. */
export const MESSAGING_SYSTEM_VALUE_NATS = 'nats';
