import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Browser } from 'playwright-core';
import { parse } from 'yaml';
import { NatsServerProcess } from '@ccndr/local-stack';
import { adminToken, expectEventually, TestSystem } from '@ccndr/testing';
import { checkPage, launchChromium } from './support/browser';
import { metricValue } from './support/metrics';
import { buildProgramme, createConsortium, indicator } from './support/programme';

/** The readiness probe's timeout of the shipped Kubernetes manifests: a health answer must come within it. */
const probeTimeoutMs = parse(readFileSync(join(__dirname, '..', 'infra', 'kubernetes', 'base', 'community.yaml'), 'utf8').split('\n---\n')[0]).spec.template.spec.containers[0].readinessProbe.timeoutSeconds * 1000;

/** GET a health route as a probe would: an answer after the probe's timeout counts as none. */
async function probe(url: string): Promise<{ status: number; body: any } | 'timed out'> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(probeTimeoutMs) });
    return { status: response.status, body: await response.json() };
  } catch {
    return 'timed out';
  }
}

/** The JSON lines a service of `system` has logged so far (its log file, other lines left out). */
function logLines(logDir: string, service: string): Record<string, unknown>[] {
  return readFileSync(join(logDir, `${service}.log`), 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    });
}

/** A W3C traceparent of a fresh trace, as a caller already traced would send it, and its trace id. */
function freshTrace(): { traceparent: string; traceId: string } {
  const traceId = randomBytes(16).toString('hex');
  return { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, traceId };
}

/**
 * Readiness tells whether a service can serve, not whether everything around it is well: a
 * service that still takes its commands (the outbox keeps their events) stays ready and says it is
 * degraded; only a service that cannot serve at all answers 503. Faults are real: a nats-server
 * frozen with SIGSTOP and killed with SIGKILL, a database that refuses the service's role.
 */
describe('health under real faults', () => {
  let nats: NatsServerProcess;
  let system: TestSystem;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ccndr-health-'));
    nats = await NatsServerProcess.start(dataDir);
    system = await TestSystem.start({ services: ['community', 'evaluation'], natsUrl: nats.url });
  });
  afterAll(async () => {
    nats?.thaw();
    await system?.stop();
    await nats?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const health = (service: 'community' | 'evaluation') => probe(`${system.service(service).url}/health/ready`);

  it.each([
    ['frozen (SIGSTOP)', () => nats.freeze(), () => nats.thaw()],
    ['killed (SIGKILL)', () => nats.stop('SIGKILL'), () => nats.restart()],
  ] as const)('with NATS %s: answers within a second, stays ready as degraded while commands succeed, logs the loss and return of NATS on lines of no trace, and is ready again when NATS is back', async (_, fault, repair) => {
    const { consortiumId, coordinator, members, meetingId } = await buildProgramme(system, 6);
    const record = (memberId: string) => system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, { token: coordinator, body: { memberId } });
    await system.settled();
    expect(await health('community')).toMatchObject({ status: 200, body: { status: 'ready', reasons: [] } });

    const services = ['community', 'evaluation'] as const;
    const logged = Object.fromEntries(services.map((service) => [service, logLines(system.logDir, service).length]));
    const statusLines = (service: string, message: string) => logLines(system.logDir, service).slice(logged[service]).filter((line) => line.msg === message);

    await fault();
    const answers: Awaited<ReturnType<typeof probe>>[] = [];
    const tookMs: number[] = [];
    const timedHealth = async (service: 'community' | 'evaluation') => {
      const started = performance.now();
      const answer = await health(service);
      tookMs.push(Math.round(performance.now() - started));
      answers.push(answer);
      return answer;
    };
    // Told within seconds, by both services (one publishes, one consumes).
    for (const service of services) {
      await expectEventually(async () => {
        expect(await timedHealth(service)).toMatchObject({ status: 200, body: { status: 'degraded', checks: { nats: false }, reasons: expect.arrayContaining(['nats-unreachable']) } });
      }, { timeoutMs: 15_000, intervalMs: 250 });
    }
    // Commands go on through the outbox; liveness and metrics keep answering.
    for (const member of members.slice(0, 3)) expect((await record(member)).status).toBe(200);
    // The client gives the server up (a frozen one after three unanswered pings): said in each
    // service's log, on a line of no trace (no request or event caused it).
    for (const service of services) {
      await expectEventually(async () => {
        await timedHealth(service);
        expect(statusLines(service, 'nats disconnect').length).toBeGreaterThan(0);
      }, { timeoutMs: 20_000, intervalMs: 250 });
    }
    expect(await probe(`${system.service('community').url}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    const metrics = await fetch(`${system.service('community').url}/metrics`, { signal: AbortSignal.timeout(probeTimeoutMs) }).then((r) => r.text());
    expect(metricValue(metrics, 'ccndr_health_status', { service: 'community', status: 'degraded' })).toBe(1);
    expect(metricValue(metrics, 'ccndr_health_reason', { service: 'community', reason: 'nats-unreachable' })).toBe(1);
    expect(answers.filter((a) => a === 'timed out')).toEqual([]);
    // Whatever hangs, each answer came within a second (one deadline for the whole report).
    expect(tookMs.length).toBeGreaterThan(2);
    expect(tookMs.filter((ms) => ms >= 1000)).toEqual([]);

    await repair();
    for (const member of members.slice(3)) expect((await record(member)).status).toBe(200);
    await expectEventually(async () => expect(await health('community')).toMatchObject({ status: 200, body: { status: 'ready', checks: { nats: true } } }), { timeoutMs: 30_000 });
    for (const service of services) {
      await expectEventually(() => expect(statusLines(service, 'nats reconnect').length).toBeGreaterThan(0), { timeoutMs: 30_000, intervalMs: 250 });
      const lines = [...statusLines(service, 'nats disconnect'), ...statusLines(service, 'nats reconnect')];
      expect(lines.map((line) => ({ level: line.level, traced: 'trace_id' in line || 'span_id' in line }))).toEqual(lines.map(() => ({ level: 'warn', traced: false })));
    }
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: members.length }), { timeoutMs: 60_000 });
    expect(await health('evaluation')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('answers 503 not-ready while its database refuses it (its requests 503 to retry, logged under the caller’s trace id), and ready again once it is let back in', async () => {
    const role = new URL(system.serviceDatabaseUrls.community).username;
    try {
      await system.sql(`ALTER ROLE "${role}" NOLOGIN`);
      await system.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [role]);
      await expectEventually(async () => expect(await health('community')).toMatchObject({ status: 503, body: { status: 'not-ready', checks: { database: false }, reasons: ['database-unreachable'] } }), { timeoutMs: 15_000 });
      expect(await probe(`${system.service('community').url}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
      // A request meanwhile answers 503 to retry, and the line it logs carries its caller's trace id (no trace exporter: spans are made and dropped).
      const { traceparent, traceId } = freshTrace();
      const refused = await system.call('community', 'GET', '/consortia', { token: await adminToken(), headers: { traceparent } });
      expect({ status: refused.status, retryAfter: refused.headers.get('retry-after'), code: refused.body.code }).toEqual({ status: 503, retryAfter: '1', code: 'server.database-unavailable' });
      const logged = await expectEventually(() => {
        const lines = logLines(system.logDir, 'community').filter((line) => line.trace_id === traceId);
        expect(lines.length).toBeGreaterThan(0);
        return lines;
      });
      expect(logged).toEqual([expect.objectContaining({ level: 'warn', msg: 'database unavailable', path: '/consortia', span_id: expect.stringMatching(/^[0-9a-f]{16}$/) })]);
    } finally {
      await system.sql(`ALTER ROLE "${role}" LOGIN`);
    }
    await expectEventually(async () => expect(await health('community')).toMatchObject({ status: 200, body: { status: 'ready' } }), { timeoutMs: 30_000 });
  });

  const metricsOf = (service: 'community' | 'evaluation') => fetch(`${system.service(service).url}/metrics`, { signal: AbortSignal.timeout(probeTimeoutMs) }).then((r) => r.text());

  it('stays ready as degraded with outbox-delayed while an event fails to publish, and is ready once it is gone', async () => {
    await system.settled();
    // An event on a subject no stream takes: NATS answers, but refuses every publish of it.
    const eventId = randomUUID();
    await system.sql(`INSERT INTO community.outbox (event_id, subject, payload) VALUES ($1, $2, '{}')`, [eventId, `${system.namespace}.nowhere.${eventId}`]);
    try {
      await expectEventually(async () => expect(await health('community')).toMatchObject({ status: 200, body: { status: 'degraded', reasons: ['outbox-delayed'], checks: { nats: true, database: true }, outbox: { pending: 1, failing: 1 } } }), { timeoutMs: 15_000, intervalMs: 250 });
      const metrics = await metricsOf('community');
      expect(metricValue(metrics, 'ccndr_health_status', { service: 'community', status: 'degraded' })).toBe(1);
      expect(metricValue(metrics, 'ccndr_health_reason', { service: 'community', reason: 'outbox-delayed' })).toBe(1);
      expect(metricValue(metrics, 'ccndr_outbox_pending', { service: 'community' })).toBe(1);
    } finally {
      // The relay may hold the row meanwhile (taken out, to be put back): deleted until it is gone.
      await expectEventually(async () => {
        await system.sql(`DELETE FROM community.outbox WHERE event_id = $1`, [eventId]);
        expect(await system.sql(`SELECT event_id FROM community.outbox WHERE event_id = $1`, [eventId])).toEqual([]);
      });
    }
    await expectEventually(async () => expect(await health('community')).toMatchObject({ status: 200, body: { status: 'ready', reasons: [] } }), { timeoutMs: 15_000, intervalMs: 250 });
  });

  it('stays ready, not even degraded, while a consumer lags behind (its lag is in the body and /metrics), and catches up', async () => {
    const { consortiumId, coordinator, members, meetingId } = await buildProgramme(system, 3);
    await system.settled();
    // Evaluation's writes of attendance wait behind a lock: its consumer takes events and applies none.
    const locker = new Client({ connectionString: system.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE evaluation.attendance IN ACCESS EXCLUSIVE MODE');
      for (const memberId of members) expect((await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, { token: coordinator, body: { memberId } })).status).toBe(200);
      await expectEventually(async () => {
        const answer = await health('evaluation');
        expect(answer).toMatchObject({ status: 200, body: { status: 'ready', reasons: [] } });
        const lag = (answer as { body: any }).body.lag.evaluation;
        expect(lag.pending + lag.unacknowledged).toBeGreaterThan(0);
      }, { timeoutMs: 15_000, intervalMs: 250 });
      const metrics = await metricsOf('evaluation');
      expect(metricValue(metrics, 'ccndr_health_status', { service: 'evaluation', status: 'ready' })).toBe(1);
      const behind = ['ccndr_consumer_pending', 'ccndr_consumer_unacknowledged'].map((name) => metricValue(metrics, name, { service: 'evaluation', consumer: 'evaluation' }) ?? 0);
      expect(behind[0] + behind[1]).toBeGreaterThan(0);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
    await system.settled();
    expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: members.length });
  });

  it('stays ready as degraded with consumers-detached while its durable consumer is gone, and is ready once started again', async () => {
    await system.settled();
    const before = await health('evaluation');
    expect(before).toMatchObject({ status: 200, body: { status: 'ready', checks: { consumers: { ready: true } } } });
    const [durable] = (before as { body: any }).body.checks.consumers.attached;
    await (await system.bus.manager()).consumers.delete(system.topology.eventsStream, durable);
    await expectEventually(async () => expect(await health('evaluation')).toMatchObject({ status: 200, body: { status: 'degraded', reasons: ['consumers-detached'], checks: { nats: true, consumers: { attached: [], ready: false } } } }), { timeoutMs: 20_000, intervalMs: 250 });
    const metrics = await metricsOf('evaluation');
    expect(metricValue(metrics, 'ccndr_health_status', { service: 'evaluation', status: 'degraded' })).toBe(1);
    expect(metricValue(metrics, 'ccndr_health_reason', { service: 'evaluation', reason: 'consumers-detached' })).toBe(1);
    // Started again, the service declares its durable consumer again and attaches.
    await system.service('evaluation').stop();
    await system.service('evaluation').restart();
    expect(await health('evaluation')).toMatchObject({ status: 200, body: { status: 'ready', reasons: [], checks: { consumers: { attached: [durable], ready: true } } } });
  });
});

/** The portal stays up when a service it calls is down: that service's pages say so, in the person's language, and the others work. */
describe('portal health with a service down', () => {
  let system: TestSystem;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching', 'evaluation', 'portal'] });
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('stays ready as degraded, says which part is down on its pages (FR and EN), and serves the other pages', async () => {
    const { consortiumId } = await createConsortium(system, 'Consortium résilient');
    const portal = system.service('portal').url;
    expect(await probe(`${portal}/health/ready`)).toMatchObject({ status: 200, body: { status: 'ready', checks: { evaluation: true } } });

    const page = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await page.goto(`${portal}/sign-in`);
    await page.selectOption('#person', { label: 'Consortium résilient — Coordination du consortium' });
    await page.click('button[type=submit]');
    expect(new URL(page.url()).pathname).toBe(`/c/${consortiumId}`);

    await system.service('evaluation').stop();
    expect(await probe(`${portal}/health/ready`)).toMatchObject({ status: 200, body: { status: 'degraded', checks: { evaluation: false, community: true } } });
    // The overview reads evaluation's indicators: it says evaluation does not answer, and that the rest works.
    // Asked within a trace of the caller's (no trace exporter: spans are made and dropped).
    const { traceparent, traceId } = freshTrace();
    await page.setExtraHTTPHeaders({ traceparent });
    const overview = await page.goto(`${portal}/c/${consortiumId}?lang=fr`);
    await page.setExtraHTTPHeaders({});
    expect(overview!.status()).toBe(503);
    // The line logged while handling that request carries its trace id (and a span id).
    const logged = logLines(system.logDir, 'portal').filter((line) => line.msg === 'service unavailable' && String(line.path).startsWith(`/c/${consortiumId}`));
    expect(logged).toEqual([expect.objectContaining({ level: 'warn', trace_id: traceId, span_id: expect.stringMatching(/^[0-9a-f]{16}$/) })]);
    expect(await page.locator('[role=alert]').textContent()).toBe('L’évaluation (tableau de bord et rapport) ne répond pas pour l’instant ; le reste du portail fonctionne. Réessayez dans un instant.');
    await checkPage(page, system.logDir, 'service-down.fr');
    await page.goto(`${portal}/c/${consortiumId}?lang=en`);
    expect(await page.locator('[role=alert]').textContent()).toBe('The evaluation (dashboard and report) is not answering right now; the rest of the portal works. Try again in a moment.');
    await checkPage(page, system.logDir, 'service-down.en');
    // Community's pages work meanwhile.
    const gatherings = await page.goto(`${portal}/c/${consortiumId}/gatherings?lang=en`);
    expect(gatherings!.status()).toBe(200);
    expect(await page.locator('[role=alert]').count()).toBe(0);

    await system.service('evaluation').restart();
    expect(await probe(`${portal}/health/ready`)).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect((await page.goto(`${portal}/c/${consortiumId}?lang=en`))!.status()).toBe(200);
  });
});
