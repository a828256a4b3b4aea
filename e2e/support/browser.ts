import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { TestSystem, TestSystemOptions } from '@ccndr/testing';

/** Debian's chromium package, or any Chromium named by CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A role's whole journey through the portal, with every page checked in both languages, takes minutes on a shared 2-core machine. */
export const journeyTimeoutMs = 300_000;

/** A headless Chromium for the browser tests (never a downloaded one). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** No serious or critical accessibility violation on the page, and its screenshot in `folder` (the run's artifacts). */
export async function checkPage(page: Page, folder: string, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

/** The page checked as it is, then in the other language (the page's `?lang=`), then back as it was. */
export async function checkBothLanguages(page: Page, folder: string, name: string): Promise<void> {
  const lang = (await page.locator('html').getAttribute('lang')) === 'en' ? 'en' : 'fr';
  const other = lang === 'fr' ? 'en' : 'fr';
  await checkPage(page, folder, `${name}.${lang}`);
  const url = new URL(page.url());
  url.searchParams.set('lang', other);
  await page.goto(url.toString());
  expect(await page.locator('html').getAttribute('lang')).toBe(other);
  await checkPage(page, folder, `${name}.${other}`);
  url.searchParams.set('lang', lang);
  await page.goto(url.toString());
  await expectFitsPhone(page, folder, name);
}

/** At a small phone's width (360 px) the page reflows: nothing is wider than the screen (WCAG 1.4.10). */
export async function expectFitsPhone(page: Page, folder: string, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  const overflowing = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollsSideways = (element: Element | null): boolean =>
      element !== null && element !== document.body && (['auto', 'scroll'].includes(getComputedStyle(element).overflowX) || scrollsSideways(element.parentElement));
    return [...document.querySelectorAll<HTMLElement>('body *')]
      // Inside a box that scrolls sideways (a wide table's), content may be wider than the screen.
      .filter((element) => element.getBoundingClientRect().right > width + 1 && !scrollsSideways(element.parentElement))
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}`)
      .slice(0, 5);
  });
  expect({ page: name, overflowing }).toEqual({ page: name, overflowing: [] });
  await page.screenshot({ path: join(folder, `${name}.phone.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

/** What a browser journey works with, once its hooks have run. */
export interface BrowserJourney {
  readonly system: TestSystem;
  readonly browser: Browser;
  /** The run's folder for screenshots. */
  readonly shots: string;
}

/** Registers a browser spec's hooks: a Chromium, a test system with these services, a folder for the screenshots; all stopped after. */
export function browserJourney(services: TestSystemOptions['services']): BrowserJourney {
  const journey = {} as { system: TestSystem; browser: Browser; shots: string };
  beforeAll(async () => {
    journey.browser = await launchChromium();
    journey.system = await TestSystem.start({ services });
    journey.shots = join(journey.system.logDir, 'portal');
    mkdirSync(journey.shots, { recursive: true });
  });
  afterAll(async () => {
    await journey.browser?.close();
    await journey.system?.stop();
  });
  return journey;
}
