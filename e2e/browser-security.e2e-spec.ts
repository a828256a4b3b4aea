import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { adminToken, consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { domainServiceNames } from '@ccndr/local-stack';
import { journeyTimeoutMs, launchChromium } from './support/browser';
import { createConsortium, joinMember, joinOrganization, scheduleGathering } from './support/programme';

/**
 * What a browser is protected by: the headers of every service and of the portal (helmet), a
 * content security policy that every page people see holds to in a real Chromium, writing calls
 * that only the portal's own pages can make, and cookies that cannot break a page.
 */
describe('browser security: headers, content security policy, cross-site requests, cookies', () => {
  let system: TestSystem;
  let browser: Browser;
  let attacker: Server;
  let attackerPage = '';
  let consortiumId: string;
  let coordinator: string;
  let organizationId: string;
  let meeting: string;
  let member: string;
  let assessmentId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching', 'evaluation', 'portal'] });
    ({ consortiumId, coordinator } = await createConsortium(system, 'Consortium protégé'));
    organizationId = await joinOrganization(system, consortiumId, coordinator, 'Woodgreen', 'youth-employment-nonprofit', 'ON');
    member = await joinMember(system, consortiumId, coordinator, organizationId, 'Sam Sécurité', 'nonprofit-staff', 'idp|sam');
    meeting = await scheduleGathering(system, consortiumId, coordinator);
    // Sam's organisation completes a self-assessment: the profile page and the printable report have something to show.
    const staff = await consortiumToken({ [consortiumId]: ['member'] }, 'idp|sam');
    const assessments = (method: string, path: string, body?: unknown) => system.call('assessments', method, `/consortia/${consortiumId}${path}`, { token: staff, body });
    const started = await expectEventually(async () => {
      const answer = await assessments('POST', '/assessments', { organizationId });
      expect(answer.status).toBe(201);
      return answer.body;
    });
    const framework = (await assessments('GET', '/framework')).body;
    const answers = Object.fromEntries(framework.dimensions.flatMap((d: any) => d.questions.map((q: any) => [`${d.key}/${q.key}`, 's3'])));
    expect((await assessments('PUT', `/assessments/${started.id}/answers`, { answers })).status).toBe(200);
    expect((await assessments('POST', `/assessments/${started.id}/submit`)).status).toBe(200);
    assessmentId = started.id;
    // A page of another origin on the same site (another port of the same host): it may post to the portal with SameSite=Lax cookies.
    attacker = createServer((request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(attackerPage));
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await new Promise((resolve) => attacker?.close(resolve));
  });

  const portal = () => system.service('portal').url;
  const attackerUrl = () => `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;

  /** A browser context whose pages report every CSP violation, script error, console error and resource that failed to load. */
  async function watchedContext(): Promise<{ context: BrowserContext; problems: string[] }> {
    const context = await browser.newContext({ locale: 'fr-CA' });
    const problems: string[] = [];
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)),
    );
    context.on('page', (page) => watch(page, problems));
    return { context, problems };
  }
  function watch(page: Page, problems: string[]): void {
    page.on('console', (message) => {
      // A resource that fails is reported below with its address.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('response', (response) => {
      // No page has a favicon; anything else must load.
      if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') problems.push(`${response.url()}: ${response.status()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error}`));
  }

  async function signIn(context: BrowserContext, label: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${portal()}/sign-in?lang=fr`);
    await page.selectOption('#person', { label });
    await page.click('form[action="/sign-in"] button[type=submit]');
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    return page;
  }

  /** The page was served under the strict policy: no violation below is for want of one. */
  function expectStrictPolicy(where: string, headers: Record<string, string>): void {
    expect({ where, policy: headers['content-security-policy'] }).toEqual({ where, policy: expect.stringMatching(/script-src 'self'.*style-src 'self'/) });
  }

  function expectHelmetHeaders(where: string, headers: Headers, frameAncestors = "'none'"): void {
    expect({
      where,
      poweredBy: headers.get('x-powered-by'),
      nosniff: headers.get('x-content-type-options'),
      referrer: headers.get('referrer-policy'),
      frameAncestors: headers.get('content-security-policy')?.match(/frame-ancestors ([^;]+)/)?.[1],
      scripts: headers.get('content-security-policy')?.match(/script-src ([^;]+)/)?.[1],
    }).toEqual({ where, poweredBy: null, nosniff: 'nosniff', referrer: 'same-origin', frameAncestors, scripts: "'self'" });
  }

  it('sends the security headers on every route of every service and on the portal’s pages, its proxy included', async () => {
    const admin = await adminToken();
    let checked = 0;
    for (const service of domainServiceNames) {
      const base = system.service(service).url;
      const document = (await system.call(service, 'GET', '/docs/openapi.json')).body;
      const calls: [string, string, string | undefined][] = [
        ['GET', '/docs', undefined],
        ['GET', '/docs/openapi.json', undefined],
        ['GET', '/health/live', undefined],
        ['GET', '/no-such-route', admin],
      ];
      for (const [template, operations] of Object.entries<Record<string, unknown>>(document.paths)) {
        const path = template.replace('{consortiumId}', consortiumId).replace(/\{(\w+)\}/g, '00000000-0000-4000-8000-000000000000');
        for (const method of Object.keys(operations)) {
          // Writing routes without a token (refused before anything is written), reading routes as an admin.
          calls.push([method.toUpperCase(), path, method === 'get' ? admin : undefined]);
        }
      }
      for (const [method, path, token] of calls) {
        const response = await fetch(`${base}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
        await response.body?.cancel(); // the headers are all we need (and a live stream never ends)
        // No page is framed: the portal embeds the dashboard's content in its own layout.
        expectHelmetHeaders(`${service} ${method} ${path} → ${response.status}`, response.headers);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);

    for (const path of ['/sign-in', '/events', '/events/asyncapi.json', '/assets/portal.css', '/health/live', `/c/${consortiumId}/gatherings`, '/no-such-page', `/api/community/consortia/${consortiumId}/organizations`]) {
      const response = await fetch(`${portal()}${path}`, { redirect: 'manual' });
      await response.body?.cancel();
      expectHelmetHeaders(`portal GET ${path} → ${response.status}`, response.headers);
    }
    // Through the proxy, the dashboard keeps its own policy: never framed.
    const direct = await fetch(`${portal()}/api/evaluation/dashboard?consortium=${consortiumId}`);
    expectHelmetHeaders('portal GET /api/evaluation/dashboard', direct.headers);
    expect(direct.headers.get('x-frame-options')).toBe('DENY');
  });

  it(
    'shows every kind of page in Chromium with no content security policy violation, and the pages still work',
    async () => {
      const { context, problems } = await watchedContext();
      const page = await signIn(context, 'Consortium protégé — Coordination du consortium');
      expect(new URL(page.url()).pathname).toBe(`/c/${consortiumId}`);
      const shown: string[] = [];
      const show = async (path: string, ready: (page: Page) => Promise<unknown>) => {
        const response = await page.goto(`${portal()}${path}`);
        expectStrictPolicy(path, response!.headers());
        await ready(page);
        shown.push(path);
      };
      // The stylesheet applies: the header is laid out by it, not by the browser's defaults.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('header')!).display)).toBe('flex');
      await show(`/c/${consortiumId}/gatherings?lang=fr`, (p) => p.locator('h1').waitFor());
      // A form still posts.
      await page.fill('#title', 'Atelier sur la sécurité');
      await page.fill('#startsAt', '2026-02-01T10:00');
      await page.check('input[name=alreadyHeld]');
      await page.click('form.stack button[type=submit]');
      expect(await page.locator('.notice').textContent()).toBe('Rencontre planifiée.');
      await show(`/c/${consortiumId}/partnerships`, (p) => p.locator('h1').waitFor());
      await show(`/c/${consortiumId}/circles`, (p) => p.locator('h1').waitFor());
      await show('/events', (p) => p.locator('h1').waitFor());
      await show(`/api/evaluation/consortia/${consortiumId}/report?lang=fr&format=html`, async (p) => {
        await p.locator('h1').waitFor();
        // The report's stylesheet applies (its headings are set in capitals).
        expect(await p.evaluate(() => getComputedStyle(document.querySelector('h2')!).textTransform)).toBe('uppercase');
      });
      // The dashboard inside the portal's layout, live: attendance recorded elsewhere shows without a reload.
      await show(`/c/${consortiumId}/dashboard`, (p) => p.locator('[data-key="o1.meeting-participants"] [data-role="value"]').waitFor());
      const participants = page.locator('[data-key="o1.meeting-participants"] [data-role="value"]');
      expect(await participants.textContent()).toBe('0');
      await expectEventually(async () => expect(await page.locator('#live').getAttribute('data-state')).toBe('live'));
      expect((await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meeting}/attendance`, { token: coordinator, body: { memberIds: [member] } })).status).toBe(200);
      await expectEventually(async () => expect(await participants.textContent()).toBe('1'));
      // Its charts are styled by the stylesheets (the SVG carries no style attribute): a chart's image fits its figure.
      // Read in one step: the live dashboard may swap its fragment between finding an element and reading its style.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('figure.chart svg')!).display)).toBe('block');

      // The nonprofit's pages: the profile's bars and the printable report (through the proxy).
      const sam = await signIn(context, 'Consortium protégé — Sam Sécurité (Woodgreen)');
      await expectEventually(async () => {
        await sam.goto(`${portal()}/c/${consortiumId}/organization/profile`);
        expect(await sam.locator('svg.track rect.fill').count()).toBe(8);
      });
      expectStrictPolicy('assessments report', (await sam.goto(`${portal()}/api/assessments/consortia/${consortiumId}/assessments/${assessmentId}/report?lang=fr`))!.headers());
      await sam.locator('svg[role=img]').waitFor();
      expect(await sam.evaluate(() => getComputedStyle(document.querySelector('table')!).borderCollapse)).toBe('collapse');

      // The dashboard opened straight from the service, and every service's API documentation (Swagger UI).
      const direct = await context.newPage();
      const viewer = await consortiumToken({ [consortiumId]: ['observer'] });
      expectStrictPolicy('dashboard', (await direct.goto(`${system.service('evaluation').url}/dashboard?consortium=${consortiumId}&lang=en#token=${viewer}`))!.headers());
      expect(await direct.locator('[data-key="o1.meeting-participants"] [data-role="value"]').textContent({ timeout: 20_000 })).toBe('1');
      await expectEventually(async () => expect(await direct.locator('#live').textContent()).toMatch(/^Updated at /));
      for (const service of domainServiceNames) {
        await direct.goto(`${system.service(service).url}/docs`);
        await direct.locator('.swagger-ui .info .title').waitFor();
        expect(await direct.locator('.opblock').count()).toBeGreaterThan(0);
      }
      expect(problems).toEqual([]);
      await context.close();
    },
    journeyTimeoutMs,
  );

  it('refuses a writing call through the proxy without the session’s token or from another origin, and writes nothing', async () => {
    const { context } = await watchedContext();
    const page = await signIn(context, 'Consortium protégé — Coordination du consortium');
    const intruder = { organizationId, displayName: 'Intrus', role: 'coordinator', subject: 'idp|intruder' };
    const members = async () => (await system.call('community', 'GET', `/consortia/${consortiumId}/members`, { token: coordinator })).body.map((m: { displayName: string }) => m.displayName);

    // A plain form on a page of the same site (another port) posting to the proxy: the cookie goes along, the call does not.
    attackerPage = `<!doctype html><title>Win</title><form method="post" action="${portal()}/api/community/consortia/${consortiumId}/members">${Object.entries(intruder)
      .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
      .join('')}<button>Go</button></form>`;
    const attack = await context.newPage();
    await attack.goto(attackerUrl());
    const [refused] = await Promise.all([attack.waitForResponse((r) => r.url().includes('/api/community/')), attack.click('button')]);
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ status: 403, type: 'urn:ccndr:problem:session.cross-site', code: 'session.cross-site', detail: expect.stringContaining('Sec-Fetch-Site') });

    // The portal's own page script: without the token in X-CSRF-Token it is refused too (in the page's language), with it the call goes through.
    const post = (token: string | null) =>
      page.evaluate(
        async ({ url, body, token }) => {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token === null ? {} : { 'x-csrf-token': token }) }, body: JSON.stringify(body) });
          return { status: response.status, body: await response.json() };
        },
        { url: `/api/community/consortia/${consortiumId}/members`, body: intruder, token },
      );
    expect(await post(null)).toMatchObject({ status: 403, body: { detail: 'cet appel exige le jeton de la session dans l’en-tête X-CSRF-Token\u00a0: rechargez la page' } });
    expect(await post('0'.repeat(32))).toMatchObject({ status: 403 });
    expect(await members()).not.toContain('Intrus');
    const token = await page.locator('meta[name=csrf-token]').getAttribute('content');
    expect(await post(token)).toMatchObject({ status: 201, body: { displayName: 'Intrus' } });

    // Outside a browser: no Sec-Fetch-Site and no Origin is refused; the portal's own Origin is accepted.
    const cookie = (await context.cookies(portal())).map((c) => `${c.name}=${c.value}`).join('; ');
    const outside = (headers: Record<string, string>) =>
      fetch(`${portal()}/api/community/consortia/${consortiumId}/members`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': token!, ...headers },
        body: JSON.stringify({ ...intruder, displayName: 'Hors navigateur', subject: 'idp|outside' }),
      });
    expect((await outside({})).status).toBe(403);
    expect((await outside({ origin: attackerUrl().replace(/\/$/, '') })).status).toBe(403);
    expect((await outside({ origin: portal() })).status).toBe(201);
    await context.close();
  });

  it('refuses a page form posted from another origin even with the form’s token, and a sign-in from another origin', async () => {
    const { context } = await watchedContext();
    const page = await signIn(context, 'Consortium protégé — Coordination du consortium');
    await page.goto(`${portal()}/c/${consortiumId}/gatherings`);
    // Even a leaked form token does not let another origin's page post.
    const leaked = await page.locator('form.stack input[name=csrf]').getAttribute('value');
    attackerPage = `<!doctype html><title>Win</title><form method="post" action="${portal()}/c/${consortiumId}/gatherings"><input type="hidden" name="csrf" value="${leaked}"><input type="hidden" name="kind" value="workshop"><input type="hidden" name="title" value="Piège"><input type="hidden" name="startsAt" value="2026-02-02T10:00"><input type="hidden" name="alreadyHeld" value="on"><button id="gathering">Go</button></form>
      <form method="post" action="${portal()}/sign-in"><input type="hidden" name="person" value='${JSON.stringify([consortiumId, 'coordinator', 'idp|attacker', 'Attacker'])}'><button id="sign-in">Go</button></form>`;
    const attack = await context.newPage();
    await attack.goto(attackerUrl());
    await attack.click('#gathering');
    expect(await attack.locator('[role=alert]').textContent()).toBe('Cette requête ne vient pas des pages du portail\u00a0: rechargez la page.');
    const gatherings = (await system.call('community', 'GET', `/consortia/${consortiumId}/gatherings`, { token: coordinator })).body.map((g: { title: string }) => g.title);
    expect(gatherings).not.toContain('Piège');
    // Signing the person in as someone else (login CSRF) is refused too: the session stays the coordinator's.
    await attack.goto(attackerUrl());
    const [signedIn] = await Promise.all([attack.waitForResponse((r) => r.url() === `${portal()}/sign-in` && r.request().method() === 'POST'), attack.click('#sign-in')]);
    expect(signedIn.status()).toBe(403);
    await page.goto(`${portal()}/c/${consortiumId}/gatherings`);
    expect(await page.locator('header').textContent()).toContain('Coordination du consortium');
    await context.close();
  });

  it('ignores a cookie with a malformed %-escape instead of failing the page', async () => {
    const { context } = await watchedContext();
    await signIn(context, 'Consortium protégé — Coordination du consortium');
    const session = (await context.cookies(portal())).find((c) => c.name === 'ccndr_session')!.value;
    await context.close();
    const get = async (path: string, cookie: string) => (await fetch(`${portal()}${path}`, { headers: { cookie }, redirect: 'manual' })).status;
    const broken = 'lang=%E0%A4%A; tracker=%; ccndr_session=%zz';
    expect({
      signIn: await get('/sign-in', broken),
      events: await get('/events', broken),
      home: await get('/', broken),
      page: await get(`/c/${consortiumId}/gatherings`, broken),
      missing: await get('/no-such-page', broken),
    }).toEqual({ signIn: 200, events: 200, home: 303, page: 303, missing: 404 });
    // The session beside a broken cookie still counts.
    expect(await get(`/c/${consortiumId}/gatherings`, `tracker=%; ccndr_session=${session}`)).toBe(200);
  });
});
