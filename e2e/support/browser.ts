import AxeBuilder from '@axe-core/playwright';
import { MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { errorCatalogue } from '@ccndr/contracts';
import { TestSystem, TestSystemOptions } from '@ccndr/testing';

/** Debian's chromium package, or any Chromium named by CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A role's whole journey through the portal, with every page checked in both languages and at both widths, takes minutes on a shared 2-core machine. */
export const journeyTimeoutMs = 600_000;

/** A headless Chromium for the browser tests (never a downloaded one). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** The widths every page is looked at: a laptop's, and a phone's (390 px, an iPhone 12 to 15). */
export const desktopWidth = 1280;
export const phoneWidth = 390;
/** On a phone the header leaves the screen to the page: at most this tall. */
export const phoneHeaderMaxPx = 64;

/** No accessibility violation of any impact (axe) on the page as it is now (its width, its menu open or not). */
export async function expectNoAxeViolations(page: Page, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  expect(violations.map((v) => `${name}: ${v.impact} ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

/**
 * The page at 1280 px with no accessibility violation of any impact (axe), no text of the other
 * language, its screenshot in `folder` (the run's artifacts), then the same page on a phone
 * (expectFitsPhone, axe again at that width).
 */
export async function checkPage(page: Page, folder: string, name: string): Promise<void> {
  // Read once its stylesheet applies: unstyled, the header's two brand labels (long and short) both show, run together.
  await page.waitForLoadState('load');
  await expectOneLanguage(page, name);
  await expectNoLeaks(page, name);
  const size = page.viewportSize();
  if (size?.width !== desktopWidth) await page.setViewportSize({ width: desktopWidth, height: size?.height ?? 800 });
  await expectNoAxeViolations(page, `${name} at ${desktopWidth} px`);
  // The navigation holds on one line on a wide screen.
  const navLines = await page.evaluate(() => {
    const items = [...document.querySelectorAll<HTMLElement>('.app-nav-links > li')];
    return new Set(items.map((item) => Math.round(item.getBoundingClientRect().top))).size;
  });
  expect({ page: name, navOnOneLine: navLines <= 1 }).toEqual({ page: name, navOnOneLine: true });
  expect({ page: name, clipped: await clippedText(page, 'wide') }).toEqual({ page: name, clipped: [] });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
  await expectFitsPhone(page, folder, name);
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
}

/**
 * At a phone's width (390 px) the page reflows: nothing is wider than the screen (WCAG 1.4.10),
 * the page does not scroll sideways, the header (its menu closed) is at most 64 px tall, and axe
 * finds no violation at that width (the header folds into a menu, tables stack). Its screenshot
 * is `<name>.phone.png`.
 */
export async function expectFitsPhone(page: Page, folder: string, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: phoneWidth, height: 844 });
  const fit = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollsSideways = (element: Element | null): boolean =>
      element !== null && element !== document.body && (['auto', 'scroll'].includes(getComputedStyle(element).overflowX) || scrollsSideways(element.parentElement));
    const overflowing = [...document.querySelectorAll<HTMLElement>('body *')]
      // Inside a box that scrolls sideways (a wide table's), content may be wider than the screen.
      .filter((element) => element.getBoundingClientRect().right > width + 1 && !scrollsSideways(element.parentElement))
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}`)
      .slice(0, 5);
    const header = document.querySelector('body > header');
    return { overflowing, scrollsSideways: document.documentElement.scrollWidth > width, headerHeight: header ? header.getBoundingClientRect().height : 0 };
  });
  expect({ page: name, overflowing: fit.overflowing, scrollsSideways: fit.scrollsSideways }).toEqual({ page: name, overflowing: [], scrollsSideways: false });
  expect({ page: name, clipped: await clippedText(page, 'phone') }).toEqual({ page: name, clipped: [] });
  expect({ page: name, headerHeight: fit.headerHeight <= phoneHeaderMaxPx ? `at most ${phoneHeaderMaxPx} px` : fit.headerHeight }).toEqual({ page: name, headerHeight: `at most ${phoneHeaderMaxPx} px` });
  await expectNoAxeViolations(page, `${name} at ${phoneWidth} px`);
  await page.screenshot({ path: join(folder, `${name}.phone.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

/** The height of the page's header, in CSS pixels. */
const headerHeight = (page: Page) => page.evaluate(() => document.querySelector('body > header')?.getBoundingClientRect().height ?? 0);

/**
 * On a phone (390 px), the header's Menu opened from the keyboard: every link in it and its
 * sign-out visible and reached by Tab in order, no accessibility violation with it open, its
 * screenshot `<name>.menu.phone.png`; closed again, the header is back to at most 64 px. Every
 * signed-in page has the same header: once per journey is enough.
 */
export async function checkPhoneMenu(page: Page, folder: string, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: phoneWidth, height: 844 });
  expect({ page: name, closedHeader: (await headerHeight(page)) <= phoneHeaderMaxPx }).toEqual({ page: name, closedHeader: true });
  const menu = page.locator('body > header details.app-menu');
  const summary = menu.locator('> summary');
  expect(await summary.isVisible()).toBe(true);
  await summary.focus();
  await page.keyboard.press('Enter');
  expect(await menu.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
  const items = menu.locator('.app-menu-panel a, .app-menu-panel button');
  const labels = (await items.allTextContents()).map((text) => text.trim());
  expect(labels.length).toBeGreaterThan(1);
  const reached: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    expect({ page: name, item: labels[i], visible: await items.nth(i).isVisible() }).toEqual({ page: name, item: labels[i], visible: true });
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
  }
  expect({ page: name, reachedByTab: reached }).toEqual({ page: name, reachedByTab: labels });
  await expectNoAxeViolations(page, `${name} at ${phoneWidth} px, menu open`);
  await page.screenshot({ path: join(folder, `${name}.menu.phone.png`), fullPage: false });
  await summary.click();
  expect(await menu.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
  expect({ page: name, closedHeader: (await headerHeight(page)) <= phoneHeaderMaxPx }).toEqual({ page: name, closedHeader: true });
  if (size) await page.setViewportSize(size);
}

/**
 * Text cut off inside the page, which the overflow checks above do not see: a box that hides what
 * is wider than it (overflow hidden or clip), or a table whose box must be scrolled sideways to be
 * read — on a wide screen any table, on a phone a stacked one (it promises to fit). A visually
 * hidden box (1 px wide or clipped to nothing, for screen readers) is cut on purpose.
 */
export async function clippedText(page: Page, width: 'wide' | 'phone'): Promise<string[]> {
  return page.evaluate((wide) => {
    const cut = (element: HTMLElement) => {
      if (element.clientWidth <= 1 || !element.innerText?.trim() || element.scrollWidth <= element.clientWidth + 1) return false;
      const { overflowX, clip } = getComputedStyle(element);
      // Visually hidden on purpose (`sr-only`: clipped to nothing), for screen readers.
      if (clip !== 'auto' && clip !== '') return false;
      if (overflowX === 'hidden' || overflowX === 'clip') return true;
      return element.classList.contains('table-scroll') && (wide || element.querySelector('table.stacked') !== null);
    };
    return [...document.querySelectorAll<HTMLElement>('body *')]
      .filter(cut)
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}: ${element.innerText.trim().slice(0, 40)}`)
      .slice(0, 5);
  }, width === 'wide');
}

type Catalogue = { [key: string]: string | Catalogue };
const normalised = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The runs of literal text of an ICU message, as a page shows them around its values (`{count, plural, …}`). */
function literalRuns(elements: MessageFormatElement[]): string[] {
  const runs: string[] = [];
  let run = '';
  for (const element of elements) {
    if (element.type === TYPE.literal) run += element.value;
    else {
      runs.push(run);
      run = '';
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) runs.push(...literalRuns(option.value));
    }
  }
  return [...runs, run].map(normalised).filter(Boolean);
}

/** The portal's texts in one language, cut around their values, from its catalogue. */
function portalPhrases(lang: 'fr' | 'en'): Set<string> {
  const catalogue = JSON.parse(readFileSync(join(__dirname, '../../services/portal/src/i18n', `${lang}.json`), 'utf8')) as Catalogue;
  const texts = (node: Catalogue): string[] => Object.values(node).flatMap((value) => (typeof value === 'string' ? [value] : texts(value)));
  // And the platform's error texts, which the portal shows for the services' refusals.
  const errors = Object.values(errorCatalogue).map((entry) => normalised(entry[lang]));
  return new Set([...texts(catalogue).flatMap((text) => literalRuns(parse(text, { ignoreTag: true }))), ...errors]);
}

/** Phrases of three words or more that only the other language's catalogue has: any of them on a page is untranslated text. */
const foreignPhrases = (() => {
  const phrases = { fr: portalPhrases('fr'), en: portalPhrases('en') };
  const onlyIn = (lang: 'fr' | 'en', other: 'fr' | 'en') => [...phrases[lang]].filter((p) => p.split(' ').filter((word) => /\p{L}/u.test(word)).length >= 3 && !phrases[other].has(p));
  return { fr: onlyIn('en', 'fr'), en: onlyIn('fr', 'en') };
})();

/** The phrases of the other language's catalogue that a page's visible text in `lang` holds (none, when it is all in `lang`). */
export function otherLanguagePhrases(text: string, lang: 'fr' | 'en'): string[] {
  const visible = normalised(text);
  return foreignPhrases[lang].filter((phrase) => visible.includes(phrase));
}

/** No English on a French page and no French on an English one: the visible text holds no phrase of the other language's catalogue. */
export async function expectOneLanguage(page: Page, name: string): Promise<void> {
  const lang = (await page.locator('html').getAttribute('lang')) === 'en' ? 'en' : 'fr';
  expect({ page: name, otherLanguage: otherLanguagePhrases(await page.locator('body').innerText(), lang) }).toEqual({ page: name, otherLanguage: [] });
}

/**
 * No field key, validator word, role key or UUID in what the page shows (its title and the text
 * the browser renders, as leaksOf reads it). The event
 * catalogue, written for developers, names its fields on purpose: it is left out.
 */
export async function expectNoLeaks(page: Page, name: string): Promise<void> {
  if (new URL(page.url()).pathname.startsWith('/events')) return;
  const lang = (await page.locator('html').getAttribute('lang')) === 'en' ? 'en' : 'fr';
  const shown = `${await page.title()}\n${await page.locator('body').innerText()}`;
  expect({ page: name, leaks: leaksOf(shown, lang) }).toEqual({ page: name, leaks: [] });
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

type Lang = 'fr' | 'en';

/** The page's visible text: its title and body, without markup, scripts or styles. */
function visibleText(page: string): string {
  const title = /<title>([\s\S]*?)<\/title>/.exec(page)?.[1] ?? '';
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(page)?.[1] ?? page;
  return `${title} ${body}`
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/**
 * What a person must never read: a field key (camelCase, or a dotted body path), a schema or
 * validator word, a role's key, a UUID. English pages may say "required" or "number" in a sentence,
 * so the English list takes the words the way validators write them.
 */
const leaks: Record<Lang, RegExp[]> = {
  fr: [
    /\b[a-z]{2,}(?:[A-Z][a-z0-9]+)+\b/,
    /\b(?:answers|offerings|kickOff|completion|title|costModel|feeRange)\.[\w./-]+/,
    /\b(?:number|string|boolean|integer|expected|required|enum|uuid|invalid_type|too_small|too_big|received|undefined|null|NaN|Invalid)\b/,
    /\b(?:coordinator|member|provider|advisor|observer|nonprofit-staff|provider-staff)\b/,
    /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
  ],
  en: [
    /\b[a-z]{2,}(?:[A-Z][a-z0-9]+)+\b/,
    /\b(?:answers|offerings|kickOff|completion|title|costModel|feeRange)\.[\w./-]+/,
    /\b(?:string|boolean|integer|enum|uuid|invalid_type|too_small|too_big|undefined|null|NaN)\b|\breceived (?:string|number|undefined|null|boolean|array|object)\b|\bexpected (?!by\b)|\bInvalid (?:input|enum|type|uuid|string|number)|\brequired\b(?! ?[.,])|\bnumber (?:to be|must)\b/,
    /(?:roles?|one of)\s*:?\s*(?:coordinator|member|provider|advisor|observer)\b|\b(?:nonprofit-staff|provider-staff)\b/,
    /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
  ],
};

/** The leaks of a page in `lang`: each pattern's first match in its visible text, and any phrase of the other language. */
export function leaksOf(page: string, lang: Lang): string[] {
  const text = visibleText(page);
  return [...leaks[lang].flatMap((pattern) => pattern.exec(text)?.[0] ?? []), ...otherLanguagePhrases(text, lang)];
}
