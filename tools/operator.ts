/**
 * Operator tools. The platform-wide commands reach the services at COMMUNITY_URL, ASSESSMENTS_URL,
 * PROVIDER_MATCHING_URL and EVALUATION_URL (the embedded default's ports when unset).
 *   npm run operator -- token [--subject <sub>] [--platform-admin] [--programme-lead] [--consortium <id>=<role>[,<role>…]]… [--expires-in 8h]
 *        mint a development token (signed with AUTH_JWT_SECRET: the embedded default's or a test deployment's secret), at most 12 h of life
 *   npm run operator -- consortium create --name-fr <nom> --name-en <name> [--language fr|en]
 *        --organization <coordinating organisation> --province <QC, ON…> [--category <category>] --coordinator-name <name> --coordinator-subject <sign-in subject>
 *        open a consortium with its coordinating organisation and first coordinator
 *   npm run operator -- consortium export <consortium id> [--out <file>]      every service's data of one consortium, as JSON
 *   npm run operator -- consortium delete <consortium id> --confirm <consortium id> [--wait-seconds 300]
 *        delete a consortium everywhere: every service's rows, its events in the stream and its dead letters (docs/operations.md)
 *   npm run operator -- status [--json]                              every service's health (ready, degraded, not ready), restarts, outbox backlog,
 *        consumer lag, dead letters, freshness of the indicators and trace exporter: a table, or JSON
 *   npm run operator -- rebuild <service url>                        rebuild a service's projections from the stream, showing progress
 *   npm run operator -- dead-letters list <service url>              the dead letters of a service's consumers, one per line
 *   npm run operator -- dead-letters show <service url> <sequence>   one dead letter with its event, as JSON
 *   npm run operator -- dead-letters redrive <service url> [sequence…] [--event <file>]
 *        apply them again (all when no sequence is given); with --event, one dead letter replaced by the corrected event in <file>
 *   npm run operator -- subscriber add <programme> [--consumer <name>]… [--conf <nats-server.conf>]
 *        a NATS user for an outside programme: prints its block for nats-server.conf, its entries for the Helm values
 *        and a generated password (docs/subscribers.md)
 *   npm run operator -- stream recreate --confirm <events stream name>
 *        after the NATS store was lost for good: creates the events stream empty (the topology's configuration, marked as
 *        recreated) so that the services, which refuse to start on a missing or blank stream, start again (docs/operations.md#streams).
 *        Reads NATS_URL, NATS_USER, NATS_PASSWORD, EVENT_NAMESPACE, NATS_STREAM_REPLICAS and the streams' limits as the services do.
 *   npm run operator -- stream backup --out <file>
 *        a JetStream snapshot of the events stream (its events, with their sequences and times, and its consumers' positions) into <file>
 *   npm run operator -- stream restore <file> --confirm <events stream name>
 *        replaces the events stream by the snapshot in <file> (the services stopped: docs/operations.md#backup-and-restore)
 *   npm run operator -- consumers replay (--since <ISO time> | --sequence <stream sequence>) [--consumer <durable>]…
 *        moves durable consumers back (every service's, as their health reports name them, unless --consumer names them):
 *        they deliver again from the first event stored at or after the time, or from the sequence (after a PostgreSQL
 *        restore; dedupe makes the overlap harmless). Reaches NATS as `stream recreate` does (docs/operations.md#backup-and-restore).
 *   npm run operator -- restore catch-up --since <ISO time> [--wait-seconds 300]
 *        the services' part of a restore drill, once PostgreSQL and the stream are restored and the services started:
 *        every consumer replays from before the restore point, waits until all have caught up, then checks every
 *        consortium's indicators in evaluation against a rebuild from the stream; exits 2 if any differ.
 * Every command but `token`, `subscriber`, `stream` and `consumers` needs OPERATOR_TOKEN: a bearer token with the platform-admin role.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConsortiumRole, consortiumRoles, platformRoles as platformRolesOf, signDevelopmentToken } from '@ccndr/auth';
import { jetstreamManager } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/transport-node';
import { eventBusConfigSchema, loadConfig } from '@ccndr/config';
import { freshSecret } from '@ccndr/local-stack';
import { connectNats, eventBusTopology, isJetStreamNotFound, natsInboxPrefix, readSnapshotFile, recreateEventsStream, replayDurableConsumer, ReplayStart, restoreStream, snapshotFile, snapshotStream, streamLimitsOf } from '@ccndr/messaging';
import { confBlock, grantedNames, helmEnvEntry, helmUserEntry, subscriberGrant } from './nats-subscriber';

const usage = [
  'usage: npm run operator -- token [--subject <sub>] [--platform-admin] [--programme-lead] [--consortium <id>=<role>[,<role>…]]… [--expires-in 8h]',
  '       npm run operator -- consortium create --name-fr <nom> --name-en <name> [--language fr|en] --organization <name> --province <QC, ON…> [--category <category>] --coordinator-name <name> --coordinator-subject <subject>',
  '       npm run operator -- consortium export <consortium id> [--out <file>]',
  '       npm run operator -- consortium delete <consortium id> --confirm <consortium id> [--wait-seconds 300]',
  '       npm run operator -- status [--json]',
  '       npm run operator -- rebuild <service url, e.g. http://127.0.0.1:3004>',
  '       npm run operator -- dead-letters list <service url>',
  '       npm run operator -- dead-letters show <service url> <sequence>',
  '       npm run operator -- dead-letters redrive <service url> [sequence…] [--event <corrected event file>]',
  '       npm run operator -- subscriber add <programme> [--consumer <durable consumer name>]… [--conf <nats-server.conf>]',
  '       npm run operator -- stream recreate --confirm <events stream name, e.g. CCNDR_EVENTS>',
  '       npm run operator -- stream backup --out <file>',
  '       npm run operator -- stream restore <file> --confirm <events stream name>',
  '       npm run operator -- consumers replay (--since <ISO time> | --sequence <stream sequence>) [--consumer <durable consumer name>]…',
  '       npm run operator -- restore catch-up --since <ISO time before the restore point> [--wait-seconds 300]',
].join('\n');

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function call(url: string, method: string, payload?: unknown): Promise<any> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${process.env.OPERATOR_TOKEN}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const text = await response.text();
  const answer = text ? JSON.parse(text) : null;
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${answer?.detail ?? JSON.stringify(answer)}`);
  return answer;
}

/** The four domain services, where the platform-wide commands reach them. */
const services = {
  community: process.env.COMMUNITY_URL ?? 'http://127.0.0.1:3001',
  assessments: process.env.ASSESSMENTS_URL ?? 'http://127.0.0.1:3002',
  'provider-matching': process.env.PROVIDER_MATCHING_URL ?? 'http://127.0.0.1:3003',
  evaluation: process.env.EVALUATION_URL ?? 'http://127.0.0.1:3004',
};
type ServiceName = keyof typeof services;
const serviceNames = Object.keys(services) as ServiceName[];

/** `--name value` options (repeatable) and the other words, in order. */
function options(args: string[]): { values: Map<string, string[]>; words: string[] } {
  const values = new Map<string, string[]>();
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) words.push(args[i]);
    else if (args[i] === '--platform-admin' || args[i] === '--programme-lead') values.set(args[i].slice(2), ['yes']);
    else if (i + 1 < args.length) values.set(args[i].slice(2), [...(values.get(args[i].slice(2)) ?? []), args[++i]]);
    else throw new Error(`${args[i]} needs a value\n${usage}`);
  }
  return { values, words };
}

function option(values: Map<string, string[]>, name: string, fallback?: string): string {
  const value = values.get(name)?.[0] ?? fallback;
  if (value === undefined) throw new Error(`--${name} is required\n${usage}`);
  return value;
}

/**
 * A progress bar for a long operation, on stderr (stdout stays the command's output, e.g. an
 * export piped to a file): redrawn in place on a terminal, one line per step otherwise.
 */
function progress(label: string, done: number, total: number): void {
  const width = 24;
  const filled = total ? Math.round((done / total) * width) : width;
  const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}${done === total ? '\n' : ''}` : `${line}\n`);
}

async function token(args: string[]): Promise<void> {
  const secret = process.env.AUTH_JWT_SECRET;
  if (!secret) throw new Error('set AUTH_JWT_SECRET to the development secret the services verify tokens with (never a production identity provider)');
  const { values } = options(args);
  const consortia: Record<string, string[]> = {};
  for (const grant of values.get('consortium') ?? []) {
    const [id, roles] = grant.split('=');
    if (!/^[0-9a-f-]{36}$/i.test(id ?? '') || !roles) throw new Error(`--consortium ${grant}: give <consortium id>=<role>[,<role>…]`);
    const unknown = roles.split(',').filter((role) => !consortiumRoles.includes(role as ConsortiumRole));
    if (unknown.length) throw new Error(`--consortium ${grant}: unknown role ${unknown.join(', ')} (roles: ${consortiumRoles.join(', ')})`);
    consortia[id] = roles.split(',');
  }
  const platformRoles = platformRolesOf.filter((role) => values.has(role));
  if (!platformRoles.length && !Object.keys(consortia).length) throw new Error(`give --platform-admin, --programme-lead or at least one --consortium\n${usage}`);
  const subject = option(values, 'subject', platformRoles.length ? 'operator' : 'development-person');
  say(await signDevelopmentToken(secret, { subject, platformRoles: [...platformRoles], consortia: consortia as Record<string, ConsortiumRole[]> }, { expiresIn: option(values, 'expires-in', '8h') }));
}

async function createConsortium(args: string[]): Promise<void> {
  const { values } = options(args);
  const language = option(values, 'language', 'fr');
  const consortium = await call(`${services.community}/consortia`, 'POST', { name: { fr: option(values, 'name-fr'), en: option(values, 'name-en') }, defaultLanguage: language });
  say(`consortium ${consortium.id} opened`);
  const base = `${services.community}/consortia/${consortium.id}`;
  const organization = await call(`${base}/organizations`, 'POST', {
    name: option(values, 'organization'),
    category: option(values, 'category', 'other-member'),
    provinceOrTerritory: option(values, 'province'),
    country: 'CA',
    preferredLanguage: language,
  });
  say(`organisation ${organization.id} joined`);
  const member = await call(`${base}/members`, 'POST', { organizationId: organization.id, displayName: option(values, 'coordinator-name'), role: 'coordinator', subject: option(values, 'coordinator-subject') });
  say(`coordinator ${member.id} joined: signs in as ${option(values, 'coordinator-subject')}`);
}

async function exportConsortium(consortiumId: string, args: string[]): Promise<void> {
  const { values } = options(args);
  const exported: Record<string, unknown> = {};
  progress('export', 0, serviceNames.length);
  for (const [i, name] of serviceNames.entries()) {
    exported[name] = await call(`${services[name]}/admin/consortia/${consortiumId}/export`, 'GET');
    progress('export', i + 1, serviceNames.length);
  }
  const document = `${JSON.stringify({ consortiumId, exportedAt: new Date().toISOString(), services: exported }, null, 2)}\n`;
  const file = values.get('out')?.[0];
  if (!file) return void process.stdout.write(document);
  writeFileSync(file, document);
  const rows = Object.values(exported).reduce<number>((n, e: any) => n + Object.values<unknown[]>(e.tables).reduce((m, t) => m + t.length, 0), 0);
  say(`${rows} rows written to ${file}`);
}

/**
 * Deletes everywhere, in an order that leaves nothing behind: the publishing services' rows first
 * (no new command for the consortium succeeds), then, once every outbox is published and every
 * consumer has caught up, every service's rows again (what consumers applied meanwhile), and last
 * the consortium's events in the stream and its dead letters.
 */
async function deleteConsortium(consortiumId: string, args: string[]): Promise<void> {
  const { values } = options(args);
  if (values.get('confirm')?.[0] !== consortiumId) throw new Error(`deleting a consortium cannot be undone: repeat its id with --confirm ${consortiumId}`);
  const steps = serviceNames.length * 2 + 2;
  let step = 0;
  const deleted: Record<string, number> = {};
  const erase = async () => {
    for (const name of serviceNames) {
      const answer = await call(`${services[name]}/admin/consortia/${consortiumId}`, 'DELETE');
      for (const [table, n] of Object.entries<number>(answer.deleted)) deleted[`${name}.${table}`] = (deleted[`${name}.${table}`] ?? 0) + n;
      progress('delete', ++step, steps);
    }
  };
  progress('delete', 0, steps);
  await erase();
  const deadline = Date.now() + Number(option(values, 'wait-seconds', '300')) * 1000;
  for (;;) {
    const states = await Promise.all(serviceNames.map((name) => call(`${services[name]}/health/ready`, 'GET')));
    if (states.every((s) => (s.outbox?.pending ?? 0) === 0 && Object.values<any>(s.lag ?? {}).every((l) => l.pending === 0 && l.unacknowledged === 0))) break;
    // Every step can be run again: a second delete finishes what this one could not.
    if (Date.now() > deadline) throw new Error('outboxes or consumers did not catch up in time (npm run operator -- status shows which); the rows deleted so far stay deleted: run the same delete again');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  progress('delete', ++step, steps);
  await erase();
  let events = 0;
  let deadLetters = 0;
  for (const name of serviceNames) {
    const purged = await call(`${services[name]}/admin/consortia/${consortiumId}/events`, 'DELETE');
    events += purged.events;
    deadLetters += purged.deadLetters;
  }
  progress('delete', ++step, steps);
  for (const [table, n] of Object.entries(deleted)) if (n) say(`  ${table}: ${n} row(s)`);
  say(`consortium ${consortiumId} deleted: ${Object.values(deleted).reduce((a, b) => a + b, 0)} rows, ${events} events, ${deadLetters} dead letters`);
}

interface ServiceStatus {
  service: string;
  /** ready, degraded, not-ready, or unreachable (no answer within the probe's time). */
  status: string;
  reasons: string[];
  restarts: number | null;
  outbox: { pending: number; failing: number; oldestAgeSeconds: number } | null;
  consumers: { consumer: string; pending: number | null; unacknowledged: number | null; deadLetters: number | null; newestEventAgeSeconds: number | null }[];
  /** Evaluation: consortia whose indicators wait to be recomputed, and the oldest wait. */
  indicatorsWaiting: { pending: number; oldestAgeSeconds: number | null } | null;
  traces: string | null;
}

/** Every service's health as the operator reads it. */
async function serviceStatuses(): Promise<ServiceStatus[]> {
  return Promise.all(
    serviceNames.map(async (service): Promise<ServiceStatus> => {
      const answer = await fetch(`${services[service]}/health/ready`, { signal: AbortSignal.timeout(5000) }).then(
        (r) => r.json() as Promise<any>,
        (error) => ({ status: `unreachable (${error.cause?.code ?? error.name})` }),
      );
      const names = Object.keys({ ...answer.activity, ...answer.lag });
      return {
        service,
        status: answer.status,
        reasons: answer.reasons ?? [],
        restarts: answer.process?.restarts ?? null,
        outbox: answer.outbox ?? null,
        consumers: names.map((consumer) => ({
          consumer,
          pending: answer.lag?.[consumer]?.pending ?? null,
          unacknowledged: answer.lag?.[consumer]?.unacknowledged ?? null,
          deadLetters: answer.deadLetters?.[consumer] ?? null,
          newestEventAgeSeconds: answer.activity?.[consumer]?.newestEventAgeSeconds ?? null,
        })),
        indicatorsWaiting: answer.refresh ?? null,
        traces: answer.tracing ? [answer.tracing.exporter, answer.tracing.endpoint].filter(Boolean).join(' → ') : null,
      };
    }),
  );
}

/** A table on a terminal (one row per service and consumer), the whole document with --json; exits 2 unless every service is ready. */
async function status(args: string[]): Promise<void> {
  const statuses = await serviceStatuses();
  if (statuses.some((s) => s.status !== 'ready')) process.exitCode = 2;
  if (args.includes('--json')) return say(JSON.stringify(statuses, null, 2));
  const seconds = (n: number | null | undefined) => (n === null || n === undefined ? '-' : `${Math.round(n)}`);
  const rows = [['service', 'status', 'restarts', 'outbox', 'oldest (s)', 'consumer', 'pending', 'unacked', 'dead letters', 'newest event (s)', 'indicators waiting', 'traces']];
  for (const s of statuses) {
    const head = [s.service, [s.status, ...s.reasons].join(' '), `${s.restarts ?? '-'}`, `${s.outbox?.pending ?? '-'}`, seconds(s.outbox?.oldestAgeSeconds)];
    const tail = [!s.indicatorsWaiting ? '-' : s.indicatorsWaiting.pending ? `${s.indicatorsWaiting.pending} (oldest ${seconds(s.indicatorsWaiting.oldestAgeSeconds)} s)` : '0', s.traces ?? '-'];
    if (!s.consumers.length) rows.push([...head, '-', '-', '-', '-', '-', ...tail]);
    for (const c of s.consumers) rows.push([...head, c.consumer, `${c.pending ?? '-'}`, `${c.unacknowledged ?? '-'}`, `${c.deadLetters ?? '-'}`, seconds(c.newestEventAgeSeconds), ...tail]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) say(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

async function rebuild(serviceUrl: string): Promise<void> {
  const url = `${serviceUrl.replace(/\/$/, '')}/admin/rebuild`;
  await call(url, 'POST');
  say(`rebuild started on ${serviceUrl}`);
  let shown = '';
  for (;;) {
    const status = await call(url, 'GET');
    const line = `${status.state}${status.phase ? ` · ${status.phase}` : ''} · ${status.applied} events applied · stream sequence ${status.sequence}`;
    if (line !== shown) say((shown = line));
    if (status.state === 'done') return;
    if (status.state === 'failed') throw new Error(`rebuild failed: ${status.error}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function deadLetters(action: string | undefined, serviceUrl: string, rest: string[]): Promise<void> {
  const url = `${serviceUrl.replace(/\/$/, '')}/admin/dead-letters`;
  if (action === 'list') {
    const letters = await call(url, 'GET');
    for (const l of letters) say(`${l.sequence}\t${l.deadLetteredAt}\t${l.consumer}\t${l.event?.type ?? '(not JSON)'}\t${l.event?.id ?? ''}\t${l.reason}`);
    say(`${letters.length} dead letter(s)`);
    return;
  }
  if (action === 'show' && rest.length === 1) {
    say(JSON.stringify(await call(`${url}/${rest[0]}`, 'GET'), null, 2));
    return;
  }
  if (action === 'redrive') {
    const file = rest.indexOf('--event');
    let outcomes: { sequence: number; outcome: string; reason?: string }[];
    if (file >= 0) {
      const sequences = rest.filter((_, i) => i !== file && i !== file + 1);
      if (sequences.length !== 1 || !rest[file + 1]) throw new Error('--event replaces exactly one dead letter: give its sequence and the file');
      outcomes = [await call(`${url}/${sequences[0]}/redrive`, 'POST', { event: JSON.parse(readFileSync(rest[file + 1], 'utf8')) })];
    } else {
      outcomes = (await call(`${url}/redrive`, 'POST', rest.length ? { sequences: rest.map(Number) } : {})).outcomes;
    }
    outcomes.forEach((o, i) => say(`[${i + 1}/${outcomes.length}] ${o.sequence} ${o.outcome}${o.reason ? `: ${o.reason}` : ''}`));
    const failed = outcomes.filter((o) => o.outcome === 'failed' || o.outcome === 'not-found').length;
    say(`${outcomes.length - failed} redriven, ${failed} left`);
    if (failed) process.exitCode = 2;
    return;
  }
  throw new Error(usage);
}

/**
 * A programme's NATS user: its durable consumers are granted by exact name (the programme's name
 * unless --consumer gives others), never one the configuration grants already.
 */
function addSubscriber(programme: string, args: string[]): void {
  const { values } = options(args);
  const grant = subscriberGrant(programme, values.get('consumer') ?? [programme]);
  const confFile = option(values, 'conf', join(__dirname, '..', 'infra', 'nats', 'nats-server.conf'));
  const granted = grantedNames(readFileSync(confFile, 'utf8'));
  if (granted.users.includes(grant.user)) throw new Error(`${confFile} has a user ${grant.user} already`);
  const taken = grant.consumers.filter((name) => granted.consumers.includes(name));
  if (taken.length) throw new Error(`consumer name ${taken.join(', ')} is granted to another user in ${confFile}: choose another with --consumer`);
  const password = freshSecret();
  say(`# NATS user ${grant.user} for the programme ${programme}: read-only; durable consumers on CCNDR_EVENTS named exactly ${grant.consumers.join(', ')}; inbox prefix ${grant.inboxPrefix}`);
  say('');
  say('# 1. infra/nats/nats-server.conf, in the PLATFORM account\'s users (after subscriber-example):');
  say(confBlock(grant));
  say('');
  say('# 2. infra/kubernetes/nats-values.yaml, in config.merge.accounts.PLATFORM.users:');
  say(helmUserEntry(grant));
  say('#    and in container.env:');
  say(helmEnvEntry(grant));
  say('');
  say('# 3. The password, in the NATS servers\' environment (the nats-passwords secret on Kubernetes):');
  say(`${grant.passwordVariable}=${password}`);
  say('');
  say('# 4. For the programme (docs/subscribers.md), once the servers have reloaded their configuration:');
  say(`NATS_USER=${grant.user} NATS_PASSWORD=${password} CONSUMER=${grant.consumers[0]} INBOX_PREFIX=${grant.inboxPrefix}`);
}

/**
 * Recreates the events stream after its store was lost for good, confirmed by its name. The
 * services' durable consumers start from the new stream's beginning: they replay nothing of what
 * was lost, and their projections keep what they had applied.
 */
async function recreateStream(args: string[]): Promise<void> {
  const config = loadConfig({}, process.env, eventBusConfigSchema);
  const confirmed = options(args).values.get('confirm')?.[0];
  await withJetStream(async (jsm, topology) => {
    if (confirmed !== topology.eventsStream) throw new Error(`recreating the events stream needs --confirm ${topology.eventsStream}`);
    const done = await recreateEventsStream(jsm, topology, streamLimitsOf(config), config.NATS_STREAM_REPLICAS);
    say(`${topology.eventsStream} ${done === 'created' ? 'created empty' : 'was empty and is now marked'} as recreated by an operator: the services will start on it.`);
    say('Events lost with the store are not replayed, and a rebuild would now drop them from the projections: it is refused; check evaluation’s indicators as docs/operations.md#streams says.');
  });
}

/** The events stream's topology and a JetStream manager, reached as the services reach them (NATS_URL, NATS_USER…). */
async function withJetStream<T>(work: (jsm: Awaited<ReturnType<typeof jetstreamManager>>, topology: ReturnType<typeof eventBusTopology>, connection: NatsConnection, inboxPrefix: string) => Promise<T>): Promise<T> {
  const config = loadConfig({}, process.env, eventBusConfigSchema);
  // One attempt: an operator waiting on an unreachable server is told at once, nothing changed.
  const connection = await connectNats({ url: config.NATS_URL, name: 'operator', user: config.NATS_USER, password: config.NATS_PASSWORD, once: true }).catch((error: unknown) => {
    throw new Error(`cannot reach NATS at ${config.NATS_URL} (NATS_URL): ${error instanceof Error ? error.message : String(error)}; nothing was changed`);
  });
  try {
    return await work(await jetstreamManager(connection), eventBusTopology(config.EVENT_NAMESPACE), connection, natsInboxPrefix(config.NATS_USER ?? 'operator'));
  } finally {
    await connection.close();
  }
}

/** A snapshot of the events stream into a file, taken while the services run. */
async function backupStream(args: string[]): Promise<void> {
  const file = option(options(args).values, 'out');
  await withJetStream(async (_jsm, topology, connection, inboxPrefix) => {
    const snapshot = await snapshotStream(connection, topology.eventsStream, inboxPrefix);
    writeFileSync(file, snapshotFile(snapshot));
    say(`${topology.eventsStream}: ${snapshot.state.messages} events (sequences ${snapshot.state.first_seq} to ${snapshot.state.last_seq}) and ${snapshot.state.consumer_count} consumers written to ${file} (${snapshot.data.length} bytes)`);
  });
}

/**
 * Replaces the events stream by a snapshot, confirmed by its name: the stream there now is
 * deleted with its consumers, then the snapshot restored as it was taken.
 */
async function restoreStreamFrom(file: string, args: string[]): Promise<void> {
  const snapshot = readSnapshotFile(readFileSync(file));
  await withJetStream(async (jsm, topology, connection) => {
    if (snapshot.config.name !== topology.eventsStream) throw new Error(`${file} holds a snapshot of ${snapshot.config.name}, not of ${topology.eventsStream} (EVENT_NAMESPACE)`);
    if (options(args).values.get('confirm')?.[0] !== topology.eventsStream) throw new Error(`restoring replaces the events stream and its consumers: repeat its name with --confirm ${topology.eventsStream}`);
    const replaced = await jsm.streams.delete(topology.eventsStream).catch((error: unknown) => {
      if (isJetStreamNotFound(error)) return false;
      throw error;
    });
    const state = await restoreStream(connection, snapshot);
    say(`${topology.eventsStream} ${replaced ? 'replaced by' : 'restored from'} the snapshot of ${snapshot.takenAt}: ${state.messages} events (sequences ${state.first_seq} to ${state.last_seq}), ${state.consumer_count} consumers`);
  });
}

/** Where `--since` or `--sequence` says to replay from. */
function replayStart(values: Map<string, string[]>): ReplayStart {
  const since = values.get('since')?.[0];
  const sequence = values.get('sequence')?.[0];
  if ((since === undefined) === (sequence === undefined)) throw new Error(`give either --since <ISO time> or --sequence <stream sequence>\n${usage}`);
  if (since !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T/.test(since) || Number.isNaN(Date.parse(since))) throw new Error(`--since ${since}: give an ISO 8601 time, e.g. 2026-07-01T14:30:00Z`);
    return { since: new Date(since) };
  }
  if (!/^[1-9]\d*$/.test(sequence!)) throw new Error(`--sequence ${sequence}: give a stream sequence, a whole number from 1`);
  return { sequence: Number(sequence) };
}

/** Every service's durable consumers, as its health report names them (the services must be running). */
async function serviceDurables(): Promise<string[]> {
  const statuses = await serviceStatuses();
  const unreachable = statuses.filter((s) => s.status.startsWith('unreachable'));
  if (unreachable.length) throw new Error(`${unreachable.map((s) => s.service).join(', ')} did not answer: start the services, or name the consumers with --consumer`);
  return statuses.flatMap((s) => s.consumers.map((c) => c.consumer));
}

/** Moves durable consumers back to a time or a sequence; says where each had got to. */
async function replayConsumers(start: ReplayStart, durables: string[]): Promise<void> {
  if (!durables.length) throw new Error('no durable consumer to move back');
  await withJetStream(async (jsm, topology) => {
    for (const durable of durables) {
      const { acknowledgedTo } = await replayDurableConsumer(jsm, topology.eventsStream, durable, start);
      say(`${durable}: had acknowledged up to stream sequence ${acknowledgedTo}; delivers again from ${'since' in start ? start.since.toISOString() : `sequence ${start.sequence}`}`);
    }
  });
}

async function consumersReplay(args: string[]): Promise<void> {
  const { values } = options(args);
  const start = replayStart(values);
  await replayConsumers(start, values.get('consumer') ?? (await serviceDurables()));
}

/** Every consortium's indicators in evaluation, by consortium and key. */
async function allIndicators(): Promise<Map<string, Record<string, unknown>>> {
  const consortia: { id: string }[] = await call(`${services.community}/consortia`, 'GET');
  const figures = new Map<string, Record<string, unknown>>();
  for (const { id } of consortia) {
    const indicators: { key: string; value: unknown }[] = await call(`${services.evaluation}/consortia/${id}/indicators`, 'GET');
    figures.set(id, Object.fromEntries(indicators.map((i) => [i.key, i.value])));
  }
  return figures;
}

/**
 * After PostgreSQL and the events stream are restored and the services started: every consumer
 * replays from before the restore point, the command waits for all to catch up, then evaluation's
 * indicators are checked against a rebuild from the stream (refused if the stream lost its head).
 */
async function restoreCatchUp(args: string[]): Promise<void> {
  const { values } = options(args);
  if (!values.has('since')) throw new Error(`--since is required: a time before the restore point\n${usage}`);
  const start = replayStart(values);
  await replayConsumers(start, await serviceDurables());
  const deadline = Date.now() + Number(option(values, 'wait-seconds', '300')) * 1000;
  for (;;) {
    const statuses = await serviceStatuses();
    const behind = statuses.flatMap((s) => [
      ...((s.outbox?.pending ?? 0) > 0 ? [`${s.service}'s outbox`] : []),
      ...((s.indicatorsWaiting?.pending ?? 0) > 0 ? [`${s.service}'s indicators`] : []),
      ...s.consumers.filter((c) => c.pending !== 0 || c.unacknowledged !== 0).map((c) => c.consumer),
    ]);
    if (!behind.length) break;
    if (Date.now() > deadline) throw new Error(`not caught up after --wait-seconds: ${behind.join(', ')} (npm run operator -- status)`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  say('every consumer has caught up');
  const live = await allIndicators();
  await rebuild(services.evaluation);
  const rebuilt = await allIndicators();
  let differences = 0;
  for (const id of new Set([...live.keys(), ...rebuilt.keys()])) {
    for (const key of new Set([...Object.keys(live.get(id) ?? {}), ...Object.keys(rebuilt.get(id) ?? {})])) {
      const [a, b] = [live.get(id)?.[key], rebuilt.get(id)?.[key]];
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        differences++;
        say(`  consortium ${id} ${key}: ${JSON.stringify(a)} before the rebuild, ${JSON.stringify(b)} rebuilt from the stream`);
      }
    }
  }
  if (differences) {
    process.exitCode = 2;
    say(`${differences} indicator(s) differed from a rebuild: the rebuilt figures are now live (docs/operations.md#backup-and-restore)`);
  } else say(`the indicators of ${live.size} consortia equal a rebuild from the stream`);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'token') return token(args);
  if (command === 'subscriber' && args[0] === 'add' && args[1]) return addSubscriber(args[1], args.slice(2));
  if (command === 'stream' && args[0] === 'recreate') return recreateStream(args.slice(1));
  if (command === 'stream' && args[0] === 'backup') return backupStream(args.slice(1));
  if (command === 'stream' && args[0] === 'restore' && args[1]) return restoreStreamFrom(args[1], args.slice(2));
  if (command === 'consumers' && args[0] === 'replay') return consumersReplay(args.slice(1));
  if (!process.env.OPERATOR_TOKEN) throw new Error('set OPERATOR_TOKEN to a platform-admin token');
  if (command === 'restore' && args[0] === 'catch-up') return restoreCatchUp(args.slice(1));
  if (command === 'consortium' && args[0] === 'create') return createConsortium(args.slice(1));
  if (command === 'consortium' && args[0] === 'export' && args[1]) return exportConsortium(args[1], args.slice(2));
  if (command === 'consortium' && args[0] === 'delete' && args[1]) return deleteConsortium(args[1], args.slice(2));
  if (command === 'status') return status(args);
  if (command === 'rebuild' && args[0]) return rebuild(args[0]);
  if (command === 'dead-letters' && args[1]) return deadLetters(args[0], args[1], args.slice(2));
  throw new Error(usage);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
