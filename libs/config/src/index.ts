import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';

/**
 * Where a process listens unless told otherwise: this machine only. Listening beyond it is an
 * operator's choice (HOST=0.0.0.0 in a container image, a cluster, a reverse proxy's network).
 */
export const defaultHost = '127.0.0.1';

/** What migrating a service's schema needs, and nothing else (a migrations job has no NATS or tokens). */
const migrationFields = {
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  /** The service's own schema in the database; a service never reads another's. */
  DATABASE_SCHEMA: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a lower-case SQL identifier'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
};
export const migrationConfigSchema = z.object(migrationFields);

/** Where the event bus is and how its streams are kept: the services' settings, also read by the operator's `stream recreate`. */
const eventBusFields = {
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  /** Copies JetStream keeps of the platform's streams when it creates them: 3 on a three-node cluster. */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /**
   * Bytes the events stream may hold before publishes are refused (-1: unlimited). Alert at 70 %.
   * JetStream reserves it when the stream is created: it must fit in the servers' max_file_store (50G in infra/nats).
   */
  EVENTS_STREAM_MAX_BYTES: z.coerce.number().int().min(-1).default(40 * 1024 ** 3),
  /** Days the events stream keeps an event (default 0: for good; anything else drops history rebuilds need). */
  EVENTS_STREAM_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(0),
  /** Days a dead letter waits to be redriven before it expires (default 30; 0: for good). */
  DEAD_LETTER_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(30),
  /** Prefix of every subject and stream, to isolate a deployment (tests, previews). Empty in production. */
  EVENT_NAMESPACE: z.string().regex(/^([a-z][a-z0-9]*)?$/, 'must be empty or lower-case letters and digits').default(''),
};
export const eventBusConfigSchema = z.object(eventBusFields);

/** One proxy address or network in TRUST_PROXY: `10.0.0.7`, `10.0.0.0/8`, `fd00::/8`. */
function isAddressOrNetwork(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length) return false;
  const family = isIPv4(address) ? 32 : isIPv6(address) ? 128 : 0;
  return family > 0 && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= family));
}

/**
 * Which proxies in front of a service or the portal to believe about the client's address (Express's `trust
 * proxy`): off (the connection's address; the default, since anyone may write X-Forwarded-For), a
 * number of hops (`1`: the one ingress in front; the client is the address it appended to
 * X-Forwarded-For), or a comma-separated list of the proxies' addresses and CIDR networks.
 */
export const trustProxySetting = z
  .string()
  .default('false')
  .transform((value, context): false | number | string[] => {
    const text = value.trim();
    if (text === 'false' || text === '0') return false;
    if (/^\d+$/.test(text)) return Number(text);
    const entries = text.split(',').map((entry) => entry.trim());
    if (entries.every(isAddressOrNetwork)) return entries;
    context.addIssue({ code: 'custom', message: 'must be false, a number of proxy hops, or a comma-separated list of proxy addresses and CIDR networks' });
    return z.NEVER;
  });

/** Settings every service reads. Each service extends this schema with its own. */
export const serviceConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535),
    HOST: z.string().min(1).default(defaultHost),
    ...migrationFields,
    ...eventBusFields,
    AUTH_JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    AUTH_JWKS_URL: z.url().optional(),
    AUTH_ISSUER: z.string().optional(),
    AUTH_AUDIENCE: z.string().optional(),
    /** Key of the sign-in keys that link a person's token to their member profile across services, and (community) of unsubscribe links (defaults to AUTH_JWT_SECRET). */
    IDENTITY_LINK_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Connections of the service's pool, per process (LISTEN connections come on top: docs/scaling.md). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).default(10),
    /** Safety net under LISTEN/NOTIFY: how often the outbox relay looks for rows anyway. */
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
    /** Evaluation: safety net under LISTEN/NOTIFY: how often the indicator refresher looks for consortia marked stale anyway. */
    INDICATOR_REFRESH_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
    /** Assessments: organisations of a category that must have completed before its peer benchmark shows. */
    BENCHMARK_MIN_ORGANIZATIONS: z.coerce.number().int().min(5).default(5), // never a group under the small-count threshold
    /**
     * Days a processed-event record is kept before the pruning job deletes it: longer than a dead
     * letter waits, the longest outage the outboxes ride out and a rebuild (docs/operations.md, "Retention").
     */
    PROCESSED_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
    /** Records the pruning job deletes per transaction, and how often it runs. */
    PROCESSED_EVENTS_PRUNE_BATCH: z.coerce.number().int().min(1).default(5000),
    PROCESSED_EVENTS_PRUNE_INTERVAL_MS: z.coerce.number().int().positive().default(3_600_000),
    /** Deliveries of one event before a consumer gives up and dead-letters it. */
    CONSUMER_MAX_DELIVERIES: z.coerce.number().int().min(1).default(8),
    /** How many times a supervisor (the embedded default's run command) started this process again after it exited: shown in health and by the operator's status. */
    RESTARTS: z.coerce.number().int().min(0).default(0),
    /** Where traces go (the OpenTelemetry SDK reads these itself; here they are reported in health). */
    OTEL_TRACES_EXPORTER: z.string().default('otlp'),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional(),
    /** Provider matching: how often overdue introduction requests are reminded and expired. */
    ENGAGEMENT_SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
    /** Provider matching: unanswered introduction requests a nonprofit may have at once. */
    PENDING_REQUEST_LIMIT: z.coerce.number().int().min(1).default(3),
    /**
     * Community: the mail server notifications go through (smtp:// or smtps://, user and password in
     * the URL). Unset: nothing is sent; messages wait in the queue until it is set.
     */
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
    /** Community: the sender of notifications (and the organiser of calendar invitations). */
    MAIL_FROM: z.string().min(3).default('Plateforme CCNDR / CCNDR Platform <notifications@localhost>'),
    /** Community: how often the mail sender looks for messages due. */
    MAIL_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
    /** Community: the first and the longest wait before a message is tried again while the mail server is unreachable. */
    MAIL_RETRY_BASE_MS: z.coerce.number().int().positive().default(1000),
    MAIL_RETRY_MAX_MS: z.coerce.number().int().positive().default(300_000),
    /** The portal's public address, for links in messages (default: the embedded default's portal). */
    PORTAL_URL: z.url().default('http://127.0.0.1:3005'),
    /**
     * Per-client limits, each kept by every instance: at most LIMIT requests of a kind in any
     * WINDOW_SECONDS, beyond which 429 with Retry-After (docs/security.md, "How fast").
     * Writes (POST, PUT, PATCH, DELETE) per caller (the token's subject)…
     */
    WRITE_LIMIT: z.coerce.number().int().min(1).default(200),
    WRITE_LIMIT_WINDOW_SECONDS: z.coerce.number().positive().default(10),
    /** …expensive reads (reports, exports, provider suggestions) per caller… */
    EXPENSIVE_READ_LIMIT: z.coerce.number().int().min(1).default(30),
    EXPENSIVE_READ_LIMIT_WINDOW_SECONDS: z.coerce.number().positive().default(60),
    /** …and tokens failing their check per client address: beyond, that address's tokens are refused unchecked for the window. */
    FAILED_TOKEN_LIMIT: z.coerce.number().int().min(1).default(30),
    FAILED_TOKEN_LIMIT_WINDOW_SECONDS: z.coerce.number().positive().default(60),
    /** The proxies believed about the client's address, for the failed-token limit (default: none). */
    TRUST_PROXY: trustProxySetting,
  })
  .refine((c) => c.DEAD_LETTER_MAX_AGE_DAYS === 0 || c.PROCESSED_EVENTS_RETENTION_DAYS > c.DEAD_LETTER_MAX_AGE_DAYS, {
    message: 'must be longer than DEAD_LETTER_MAX_AGE_DAYS: a dead letter redriven late may repeat an event applied since, whose record must still be there',
    path: ['PROCESSED_EVENTS_RETENTION_DAYS'],
  })
  .refine((c) => Boolean(c.IDENTITY_LINK_KEY ?? c.AUTH_JWT_SECRET), {
    message: 'set IDENTITY_LINK_KEY (required with AUTH_JWKS_URL)',
    path: ['IDENTITY_LINK_KEY'],
  })
  .refine((c) => Boolean(c.AUTH_JWT_SECRET) !== Boolean(c.AUTH_JWKS_URL), {
    message: 'set exactly one of AUTH_JWT_SECRET (embedded default) or AUTH_JWKS_URL (OIDC provider)',
    path: ['AUTH_JWT_SECRET'],
  });

export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

export class ConfigError extends Error {}

/**
 * The one config loader: reads the environment once, applies the service's defaults and fails
 * at boot with every problem named, instead of later with an undefined value. Services read
 * `serviceConfigSchema`; the portal, which has no database of its own, reads `portalConfigSchema`.
 */
export function loadConfig<S extends z.ZodType = typeof serviceConfigSchema>(
  defaults: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
  schema: S = serviceConfigSchema as unknown as S,
): z.infer<S> {
  const merged: Record<string, string | undefined> = { ...defaults };
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') merged[key] = value;
  const result = schema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`invalid configuration:\n${problems}`);
  }
  return result.data;
}

/** The portal: the web front end, calling the services with the signed-in person's token. */
export const portalConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535),
  HOST: z.string().min(1).default(defaultHost),
  COMMUNITY_URL: z.url(),
  ASSESSMENTS_URL: z.url(),
  PROVIDER_MATCHING_URL: z.url(),
  EVALUATION_URL: z.url(),
  /** Encrypts the session cookie (which holds the person's access token). */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /**
   * Embedded default only: a marked development sign-in that picks a demo person and signs a
   * token with this secret (the services' AUTH_JWT_SECRET). Unset in production (OIDC).
   */
  DEVELOPMENT_SIGN_IN_SECRET: z.string().min(16).optional(),
  /**
   * Set by the run command (`npm start`) alone: the portal runs as part of the embedded default,
   * the only place where the development sign-in answers, and then only to this machine itself.
   */
  EMBEDDED_DEFAULT: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /** Sign-in with the identity provider (authorization code with PKCE). */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().default('openid profile'),
  /** The portal's public address, for the identity provider's redirect (default: http://127.0.0.1:<PORT>). */
  PORTAL_URL: z.url().optional(),
  /** Sign-in requests (the sign-in page, the development sign-in, the identity provider's callback) per client address in any window; beyond, 429 with Retry-After. */
  SIGN_IN_LIMIT: z.coerce.number().int().min(1).default(30),
  SIGN_IN_LIMIT_WINDOW_SECONDS: z.coerce.number().positive().default(60),
  /** Unsubscribe links (their page and one-click post) per client address in any window, counted apart from sign-in; beyond, 429 with Retry-After. */
  UNSUBSCRIBE_LIMIT: z.coerce.number().int().min(1).default(120),
  UNSUBSCRIBE_LIMIT_WINDOW_SECONDS: z.coerce.number().positive().default(60),
  /** The proxies believed about the client's address, for the limits kept per address (default: none). */
  TRUST_PROXY: trustProxySetting,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
}).refine((c) => Boolean(c.DEVELOPMENT_SIGN_IN_SECRET) !== Boolean(c.OIDC_ISSUER && c.OIDC_CLIENT_ID), {
  message: 'set either OIDC_ISSUER and OIDC_CLIENT_ID (identity provider) or DEVELOPMENT_SIGN_IN_SECRET (embedded default), not both',
  path: ['OIDC_ISSUER'],
});

export type PortalConfig = z.infer<typeof portalConfigSchema>;

/** The key of sign-in keys (see @ccndr/auth signInKey). */
export function identityLinkKey(config: ServiceConfig): string {
  return (config.IDENTITY_LINK_KEY ?? config.AUTH_JWT_SECRET)!;
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * Whether an address (a HOST setting, a connection's remote address) is this machine's loopback:
 * 127.0.0.0/8, ::1, IPv4-mapped 127.x (::ffff:127.0.0.1) or `localhost`. Anything else, the
 * wildcard 0.0.0.0 and :: included, is not.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  if (address === 'localhost') return true;
  if (isIPv4(address)) return loopback.check(address, 'ipv4');
  if (isIPv6(address)) return loopback.check(address, 'ipv6');
  return false;
}

/** Nest injection token for the loaded ServiceConfig. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/**
 * The deadline of a health route's whole answer (every look-up of the database, NATS, a service
 * the portal calls, one after the other or side by side, within it): the routes answer within
 * this long whatever hangs, under a second with room for the HTTP exchange, and well inside the
 * probes' `timeoutSeconds` (infra/kubernetes, checked by tools/kubernetes.spec.ts).
 */
export const healthCheckBudgetMs = 750;
