import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { parse } from 'yaml';
import { NatsServerProcess } from '@ccndr/local-stack';
import { expectEventually, TestSystem } from '@ccndr/testing';
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
  ] as const)('with NATS %s: answers within the probe timeout, stays ready as degraded while commands succeed, and is ready again when NATS is back', async (_, fault, repair) => {
    const { consortiumId, coordinator, members, meetingId } = await buildProgramme(system, 6);
    const record = (memberId: string) => system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, { token: coordinator, body: { memberId } });
    await system.settled();
    expect(await health('community')).toMatchObject({ status: 200, body: { status: 'ready', reasons: [] } });

    await fault();
    const answers: Awaited<ReturnType<typeof probe>>[] = [];
    // Told within seconds, by both services (one publishes, one consumes).
    for (const service of ['community', 'evaluation'] as const) {
      await expectEventually(async () => {
        const answer = await health(service);
        answers.push(answer);
        expect(answer).toMatchObject({ status: 200, body: { status: 'degraded', checks: { nats: false }, reasons: expect.arrayContaining(['nats-unreachable']) } });
      }, { timeoutMs: 15_000, intervalMs: 250 });
    }
    // Commands go on through the outbox; liveness and metrics keep answering.
    for (const member of members.slice(0, 3)) expect((await record(member)).status).toBe(200);
    answers.push(await health('community'));
    expect(await probe(`${system.service('community').url}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    const metrics = await fetch(`${system.service('community').url}/metrics`, { signal: AbortSignal.timeout(probeTimeoutMs) }).then((r) => r.text());
    expect(metricValue(metrics, 'ccndr_health_status', { service: 'community', status: 'degraded' })).toBe(1);
    expect(metricValue(metrics, 'ccndr_health_reason', { service: 'community', reason: 'nats-unreachable' })).toBe(1);
    expect(answers.filter((a) => a === 'timed out')).toEqual([]);

    await repair();
    for (const member of members.slice(3)) expect((await record(member)).status).toBe(200);
    await expectEventually(async () => expect(await health('community')).toMatchObject({ status: 200, body: { status: 'ready', checks: { nats: true } } }), { timeoutMs: 30_000 });
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: members.length }), { timeoutMs: 60_000 });
    expect(await health('evaluation')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('answers 503 not-ready while its database refuses it, and ready again once it is let back in', async () => {
    const role = new URL(system.serviceDatabaseUrls.community).username;
    try {
      await system.sql(`ALTER ROLE "${role}" NOLOGIN`);
      await system.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [role]);
      await expectEventually(async () => expect(await health('community')).toMatchObject({ status: 503, body: { status: 'not-ready', checks: { database: false }, reasons: ['database-unreachable'] } }), { timeoutMs: 15_000 });
      expect(await probe(`${system.service('community').url}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    } finally {
      await system.sql(`ALTER ROLE "${role}" LOGIN`);
    }
    await expectEventually(async () => expect(await health('community')).toMatchObject({ status: 200, body: { status: 'ready' } }), { timeoutMs: 30_000 });
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
    const overview = await page.goto(`${portal}/c/${consortiumId}?lang=fr`);
    expect(overview!.status()).toBe(503);
    expect(await page.locator('[role=alert]').textContent()).toBe('L’évaluation (tableau de bord et rapport) ne répond pas pour l’instant; le reste du portail fonctionne. Réessayez dans un instant.');
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
