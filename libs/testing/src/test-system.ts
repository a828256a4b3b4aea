import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { ConsortiumRole, signDevelopmentToken } from '@ccndr/auth';
import { dropServiceRoles, grantServiceRoles, ServiceName, ServiceProcess } from '@ccndr/local-stack';
import { eventBusTopology, EventBusTopology } from '@ccndr/messaging';
import { EventBusClient } from './event-bus-client';

export const testJwtSecret = 'test-secret-for-the-readiness-platform';

export interface TestSystemOptions {
  services: ServiceName[];
  /** NATS and PostgreSQL (an admin URL) to use instead of the shared test servers: the fault suite brings its own. */
  natsUrl?: string;
  databaseUrl?: string;
  env?: Record<string, string>;
}

/** A JSON HTTP call's outcome. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Platform services started as real processes against their own database and their own event
 * namespace, so concurrent test files and runs never see each other's data. `stop()` ends the
 * processes and deletes the database and streams the system created.
 */
export class TestSystem {
  readonly services = new Map<ServiceName, ServiceProcess>();
  private readonly replicas: ServiceProcess[] = [];
  /** A raw client on this system's bus, to publish as an outsider and read what was published. */
  readonly bus: EventBusClient;
  /** Each domain service's database URL, as its own role. */
  serviceDatabaseUrls = {} as Record<Exclude<ServiceName, 'portal'>, string>;
  /** Each service's durable consumers, once read. */
  private readonly durables = new Map<ServiceName, string[]>();

  private constructor(
    readonly namespace: string,
    readonly databaseName: string,
    readonly adminDatabaseUrl: string,
    readonly natsUrl: string,
    readonly topology: EventBusTopology,
    readonly logDir: string,
  ) {
    this.bus = new EventBusClient(natsUrl, topology);
  }

  static async start(options: TestSystemOptions): Promise<TestSystem> {
    const adminUrl = options.databaseUrl ?? required('TEST_DATABASE_URL');
    const natsUrl = options.natsUrl ?? required('TEST_NATS_URL');
    const suffix = randomBytes(4).toString('hex');
    const namespace = `t${suffix}`;
    const system = new TestSystem(namespace, `ccndr_test_${suffix}`, adminUrl, natsUrl, eventBusTopology(namespace), mkdtempSync(join(tmpdir(), `ccndr-${namespace}-`)));
    await system.admin((db) => db.query(`CREATE DATABASE ${system.databaseName}`));
    try {
      // Each service signs in as a role of its own, held to row-level security; `sql()` reads as the admin.
      system.serviceDatabaseUrls = await grantServiceRoles(adminUrl, system.databaseName, system.rolePrefix);
      // The portal calls the others: it starts once they answer.
      await Promise.all(options.services.filter((name) => name !== 'portal').map((name) => system.startService(name, options.env)));
      if (options.services.includes('portal')) await system.startService('portal', options.env);
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  /** The prefix of this system's database roles. */
  get rolePrefix(): string {
    return `ccndr_${this.namespace}`;
  }

  /** This system's database, as the admin (row-level security does not hold the admin). */
  get databaseUrl(): string {
    const url = new URL(this.adminDatabaseUrl);
    url.pathname = `/${this.databaseName}`;
    return url.toString();
  }

  async startService(name: ServiceName, env: Record<string, string> = {}): Promise<ServiceProcess> {
    const service = await ServiceProcess.start(name, this.serviceEnvironment(env, name), this.logDir);
    this.services.set(name, service);
    return service;
  }

  /**
   * One more process of a service beside the one `service(name)` names (a replica sharing its
   * database, outbox and durable consumers), logging under `<logDir>/<label>`, with settings of its
   * own if given; stopped with the system.
   */
  async startReplica(name: ServiceName, label: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
    const replica = await ServiceProcess.start(name, this.serviceEnvironment(env, name), join(this.logDir, label));
    this.replicas.push(replica);
    return replica;
  }

  /** The environment a service of this system runs with. */
  serviceEnvironment(env: Record<string, string> = {}, name: ServiceName): Record<string, string> {
    if (name === 'portal') {
      const url = (service: ServiceName) => this.services.get(service)?.url ?? 'http://127.0.0.1:9';
      return {
        COMMUNITY_URL: url('community'),
        ASSESSMENTS_URL: url('assessments'),
        PROVIDER_MATCHING_URL: url('provider-matching'),
        EVALUATION_URL: url('evaluation'),
        SESSION_SECRET: `test-session-secret-${this.namespace}-0123456789abcdef`,
        // A test system is an embedded default of its own: its pages sign in through the development sign-in, from 127.0.0.1.
        DEVELOPMENT_SIGN_IN_SECRET: testJwtSecret,
        EMBEDDED_DEFAULT: 'true',
        LOG_LEVEL: 'warn',
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_LOGS_EXPORTER: 'none',
        ...env,
      };
    }
    return {
      DATABASE_URL: this.serviceDatabaseUrls[name as Exclude<ServiceName, 'portal'>],
      NATS_URL: this.natsUrl,
      EVENT_NAMESPACE: this.namespace,
      AUTH_JWT_SECRET: testJwtSecret,
      LOG_LEVEL: 'warn',
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      OUTBOX_POLL_INTERVAL_MS: '500',
      // JetStream reserves a stream's byte limit: test systems side by side on one server each take little.
      EVENTS_STREAM_MAX_BYTES: String(1024 ** 3),
      ...env,
    };
  }

  service(name: ServiceName): ServiceProcess {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} was not started`);
    return service;
  }

  /**
   * A command sent as a careful client sends it: with an Idempotency-Key, again and again while the
   * service is out of reach or answers 5xx (backing off), after Retry-After on 429, until it is
   * answered with `expected` (its body) or found applied by an instance that stopped before keeping
   * its answer (409 on the key: body undefined). Any other refusal throws. `attempts` counts sends.
   * A PUT (idempotent by itself) is retried the same way.
   */
  async command(name: ServiceName, path: string, options: { token: string; body?: unknown; expected?: number; timeoutMs?: number; method?: 'POST' | 'PUT' }): Promise<{ body: any; attempts: number }> {
    const key = randomUUID();
    const method = options.method ?? 'POST';
    const deadline = Date.now() + (options.timeoutMs ?? 180_000);
    for (let attempts = 1; ; attempts++) {
      const answer = await this.call(name, method, path, { token: options.token, body: options.body, headers: { 'idempotency-key': key } }).catch(() => undefined);
      if (answer?.status === (options.expected ?? 201)) return { body: answer.body, attempts };
      if (answer?.status === 409 && answer.body?.code === 'idempotency.answer-lost') return { body: undefined, attempts };
      if (answer && answer.status < 500 && answer.status !== 429) throw new Error(`refused: ${method} ${path} ${answer.status} ${JSON.stringify(answer.body)}`);
      if (Date.now() > deadline) throw new Error(`never answered: ${method} ${path}`);
      const wait = answer?.status === 429 ? Number(answer.headers.get('retry-after') ?? 1) * 1000 : Math.min(1000, 50 * 2 ** Math.min(attempts - 1, 5));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /**
   * Waits until every started service has published its whole outbox, every durable consumer of
   * theirs has acknowledged every event of its filter the stream holds, and the work those events
   * asked for is done (indicators recomputed). Fails after `timeoutMs` naming what still lags.
   */
  async settled(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const unsettled = await this.unsettled().catch((error) => [`not readable: ${String(error)}`]);
      if (unsettled.length === 0) return;
      if (Date.now() > deadline) throw new Error(`not settled after ${timeoutMs} ms: ${unsettled.join('; ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * What keeps the system from being settled, read in an order that leaves no gap: the stream's
   * last sequence; then each consumer (an event acknowledged has its effects committed: the outbox
   * rows and stale marks it wrote); then each outbox and derived work; then the last sequence again.
   * If nothing was published meanwhile, every event was in the stream when its consumers were read.
   */
  private async unsettled(): Promise<string[]> {
    const jsm = await this.bus.manager();
    const stream = this.topology.eventsStream;
    const lastSequence = async () => (await jsm.streams.info(stream)).state.last_seq;
    const services = [...this.services.keys()].filter((name) => name !== 'portal');
    const unsettled: string[] = [];
    const before = await lastSequence();
    for (const name of services) {
      for (const durable of await this.durablesOf(name)) {
        // The consumer's own counts: events outside its filter are never delivered to it, and do not keep it behind.
        const info = await jsm.consumers.info(stream, durable);
        if (info.num_pending > 0 || info.num_ack_pending > 0 || info.delivered.consumer_seq !== info.ack_floor.consumer_seq) {
          unsettled.push(
            `consumer ${durable} of ${name} lags: ${info.num_pending} not delivered, ${info.num_ack_pending} not acknowledged ` +
              `(delivered to stream sequence ${info.delivered.stream_seq}, acknowledged to ${info.ack_floor.stream_seq}, stream at ${before})`,
          );
        }
      }
    }
    for (const name of services) {
      const { body } = await this.call(name, 'GET', '/health/ready').catch(() => ({ body: undefined }));
      if (!body?.outbox || body.outbox.pending > 0) unsettled.push(`${name}'s outbox: ${body?.outbox ? `${body.outbox.pending} events not published` : 'unknown'}`);
      if (body?.refresh?.pending > 0) unsettled.push(`${name}'s derived work: ${body.refresh.pending} waiting`);
    }
    const after = await lastSequence();
    if (after !== before) unsettled.push(`events published meanwhile (stream from ${before} to ${after})`);
    return unsettled;
  }

  /** A service's durable consumers, as its health report names them (fixed for the service). */
  private async durablesOf(name: ServiceName): Promise<string[]> {
    let durables = this.durables.get(name);
    if (!durables) {
      const { body } = await this.call(name, 'GET', '/health/ready');
      if (!body?.activity) throw new Error(`${name} did not report its consumers`);
      this.durables.set(name, (durables = Object.keys(body.activity)));
    }
    return durables;
  }

  /** Calls a service's HTTP API with a bearer token and JSON body. */
  async call<T = any>(name: ServiceName, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.service(name).url}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body, headers: response.headers };
  }

  /** Runs SQL against this system's database. */
  async sql<T = any>(query: string, parameters: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(query, parameters)).rows;
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await this.bus.close().catch(() => undefined);
    await Promise.all([...this.replicas, ...this.services.values()].map((service) => service.stop()));
    await this.admin((db) => db.query(`DROP DATABASE IF EXISTS ${this.databaseName} WITH (FORCE)`)).catch(() => undefined);
    await dropServiceRoles(this.adminDatabaseUrl, this.rolePrefix).catch(() => undefined);
    await this.deleteStreams().catch(() => undefined);
  }

  private async deleteStreams(): Promise<void> {
    const nc = await connect({ servers: this.natsUrl, timeout: 3000 });
    try {
      const jsm = await jetstreamManager(nc);
      for (const stream of [this.topology.eventsStream, this.topology.deadLetterStream]) await jsm.streams.delete(stream).catch(() => undefined);
    } finally {
      await nc.close();
    }
  }

  private async admin<T>(work: (db: Client) => Promise<T>): Promise<T> {
    const db = new Client({ connectionString: this.adminDatabaseUrl });
    await db.connect();
    try {
      return await work(db);
    } finally {
      await db.end();
    }
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through Jest's global setup (npm test)`);
  return value;
}

/** Signs a token as a platform admin. */
export function adminToken(subject = 'admin@test'): Promise<string> {
  return signDevelopmentToken(testJwtSecret, { subject, platformRoles: ['platform-admin'] });
}

/** Signs a token as CCNDR programme staff: the read-only programme view across consortia. */
export function programmeLeadToken(subject = 'programme-lead@test'): Promise<string> {
  return signDevelopmentToken(testJwtSecret, { subject, platformRoles: ['programme-lead'] });
}

/** Signs a token for a person holding `roles` in the given consortia. */
export function consortiumToken(consortia: Record<string, ConsortiumRole[]>, subject = 'person@test'): Promise<string> {
  return signDevelopmentToken(testJwtSecret, { subject, consortia });
}
