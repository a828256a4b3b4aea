import { Browser } from 'playwright-core';
import { asyncApiDocument, eventCatalog, eventSummaries } from '@ccndr/contracts';
import { TestSystem } from '@ccndr/testing';
import { checkBothLanguages, checkPage, launchChromium } from './support/browser';

/** The event catalogue the platform serves to subscribing programmes, without signing in. */
describe('the event catalogue page', () => {
  let system: TestSystem;
  let browser: Browser;

  beforeAll(async () => {
    // The portal is ready once the four services it calls answer.
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching', 'evaluation', 'portal'] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('serves the AsyncAPI document generated from the contracts', async () => {
    const response = await fetch(`${system.service('portal').url}/events/asyncapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(asyncApiDocument())));
  });

  it('lists every event version with its subject, fields and example, in French and in English, accessibly', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      for (const lang of ['fr', 'en'] as const) {
        await page.goto(`${system.service('portal').url}/events?lang=${lang}`);
        expect(await page.locator('h1').textContent()).toBe(lang === 'fr' ? 'Catalogue des événements' : 'Event catalogue');
        expect(await page.locator('article h3').allTextContents()).toEqual(eventCatalog.map((d) => d.type));
        expect(await page.locator('main > p code').first().textContent()).toBe('CCNDR_EVENTS');
        const attendance = page.locator('article', { has: page.locator('h3', { hasText: 'ccndr.community.gathering.attendance-recorded.v1' }) });
        await expect(attendance.locator('p').first().textContent()).resolves.toBe(eventSummaries['ccndr.community.gathering.attendance-recorded.v1'][lang]);
        await expect(attendance.locator('dd code').textContent()).resolves.toBe('ccndr.community.gathering.attendance-recorded.v1.{consortiumId}');
        const fields = await attendance.locator('tbody td:first-child').allTextContents();
        expect(fields).toEqual(['gatheringId', 'gatheringKind', 'attendees', 'attendees[].memberId', 'attendees[].organizationId', 'recordedAt']);
        expect(JSON.parse((await attendance.locator('pre').textContent())!)).toMatchObject({ type: 'ccndr.community.gathering.attendance-recorded.v1' });
      }
      await checkBothLanguages(page, system.logDir, 'event-catalogue');

      // The search box filters the catalogue, without script: a GET form.
      await page.goto(`${system.service('portal').url}/events?lang=fr`);
      await page.fill('#q', 'attendance memberId');
      await page.click('form[role=search] button[type=submit]');
      expect(new URL(page.url()).searchParams.get('q')).toBe('attendance memberId');
      const found = await page.locator('article h3').allTextContents();
      expect(found).toContain('ccndr.community.gathering.attendance-recorded.v1');
      expect(found.length).toBeLessThan(eventCatalog.length);
      await page.goto(`${system.service('portal').url}/events?lang=en&q=no-such-event`);
      expect(await page.locator('article').count()).toBe(0);
      expect(await page.locator('.empty').textContent()).toContain('No event matches “no-such-event”.');
      await checkPage(page, system.logDir, 'event-catalogue-search.en');
    } finally {
      await context.close();
    }
  });
});
