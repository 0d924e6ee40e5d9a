import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { pathToFileURL } from 'url';
import { DIAGRAM_FILES, estateDiagram } from '../lib/diagram';
import { validateEstate } from '../lib/estate/load';
import { Estate } from '../lib/estate/model';
import { Browser, findChromium, launchChromium } from '../scripts/chromium';
import { contains, crossZoneEstate, overlaps } from './helpers/diagram';
import { loadShippedEstate, REPO, synth } from './helpers/synth';

/**
 * estate.html as a person sees it: rendered by headless Chromium (Debian's package, driven
 * by playwright-core), with every request that would leave the machine blocked and counted.
 * Under CI=true a missing Chromium fails these tests; elsewhere they are skipped, saying so.
 */

const chromium = findChromium();
const ci = process.env.CI === 'true';
const MISSING = 'no Chromium at /usr/bin/chromium (or CHROMIUM_PATH); install it with: apt-get update && apt-get install -y chromium';
const ARTIFACTS = path.join(REPO, 'test-artifacts');

if (!chromium && !ci) console.warn(`estate-diagram.test.ts: browser tests skipped: ${MISSING}`);
const describeInBrowser = chromium || ci ? describe : describe.skip;

interface Rendered {
  readonly page: Page;
  readonly errors: string[];
}

interface TextFacts {
  readonly names: { text: string; visible: boolean }[];
  /** Texts wider than the box they are drawn in, as "group: text". */
  readonly overflowing: string[];
  readonly zoneBoxes: { name: string; x: number; y: number; width: number; height: number }[];
}

describeInBrowser(`estate.html in headless Chromium${chromium ? '' : ` (${MISSING})`}`, () => {
  let browser: Browser;
  let work: string;

  beforeAll(async () => {
    // Made here, not when the suite is declared: a skipped suite runs no afterAll to delete it.
    work = mkdtempSync(path.join(tmpdir(), 'csa-browser-'));
    if (!chromium) throw new Error(`CI=true and ${MISSING}`);
    browser = await launchChromium(chromium, { width: 1400, height: 1000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function open(file: string): Promise<Rendered> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, errors };
  }

  /**
   * Every <text> in the diagram, whether it is visible, and texts that spill out of their box.
   * (Runs in the page; the project compiles without DOM types, hence the `any`s.)
   */
  function textFacts(page: Page): Promise<TextFacts> {
    return page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as any;
      const svg = document.querySelector('.canvas svg');
      const visible = (el: any) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0;
      };
      const names = [...svg.querySelectorAll('text')].map((t: any) => ({ text: t.textContent ?? '', visible: visible(t) }));
      const overflowing: string[] = [];
      for (const group of svg.querySelectorAll('g[data-kind="integration"], g[data-kind="product"], g[data-kind="landing-zone"], g[data-kind="service"]')) {
        const box = group.querySelector('rect').getBBox();
        for (const text of group.querySelectorAll('text')) {
          const t = text.getBBox();
          if (t.x < box.x || t.x + t.width > box.x + box.width + 0.5) overflowing.push(`${group.getAttribute('data-name')}: ${text.textContent}`);
        }
      }
      const zoneBoxes = [...svg.querySelectorAll('g[data-kind="landing-zone"]')].map((g: any) => {
        const r = g.querySelector('rect').getBoundingClientRect();
        return { name: g.getAttribute('data-name') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
      });
      return { names, overflowing, zoneBoxes };
    });
  }

  function expectNamesVisible(facts: TextFacts, estate: Estate): void {
    const shown = new Set(facts.names.filter((n) => n.visible).map((n) => n.text));
    const expected = estate.landingZones.flatMap((z) => [z.name, ...z.dataIntegrations.map((i) => i.name), ...z.dataProducts.map((p) => p.name)]);
    expect(expected.filter((name) => !shown.has(name))).toEqual([]);
  }

  it('relecloud (from npm run synth): no console errors, no requests, every name visible as text, a screenshot', async () => {
    const estate = validateEstate(loadShippedEstate('relecloud'));
    const { dir } = synth(loadShippedEstate('relecloud'));
    const { page, errors } = await open(path.join(dir, 'cdktf.out', DIAGRAM_FILES.html));
    try {
      expect(await page.title()).toBe('Estate relecloud · prod · westeurope');
      const facts = await textFacts(page);
      expectNamesVisible(facts, estate);
      expect(facts.overflowing).toEqual([]);
      // Playwright's own visibility check, for the zones and the management zone.
      for (const name of ['operations', 'billing', 'Data management zone']) {
        expect(
          await page
            .locator('.canvas svg text', { hasText: new RegExp(`^${name}$`) })
            .first()
            .isVisible(),
        ).toBe(true);
      }
      mkdirSync(ARTIFACTS, { recursive: true });
      const shot = path.join(ARTIFACTS, 'estate-relecloud.png');
      rmSync(shot, { force: true });
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      expect(statSync(shot).size).toBeGreaterThan(20_000);
      expect(errors).toEqual([]);
      expect(browser.blockedRequests).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('relecloud in two regions: every name and region visible, each zone inside its region on screen', async () => {
    const raw = loadShippedEstate('relecloud');
    raw.landingZones.find((z: { name: string }) => z.name === 'billing').location = 'southeastasia';
    const estate = validateEstate(raw);
    const file = path.join(work, 'two-regions.html');
    writeFileSync(file, estateDiagram(estate).html);
    const { page, errors } = await open(file);
    try {
      expect(await page.title()).toBe('Estate relecloud · prod · westeurope (+1 region)');
      const facts = await textFacts(page);
      expectNamesVisible(facts, estate);
      expect(facts.overflowing).toEqual([]);
      for (const region of ['westeurope', 'southeastasia']) expect(facts.names).toContainEqual({ text: region, visible: true });
      const regionBoxes = await page.evaluate(() =>
        [...(globalThis as any).document.querySelectorAll('.canvas svg g[data-kind="region"]')].map((g: any) => {
          const r = g.querySelector('rect').getBoundingClientRect();
          return { name: g.getAttribute('data-name') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
      expect(regionBoxes.map((r) => r.name)).toEqual(['westeurope', 'southeastasia']);
      for (const zone of estate.landingZones) {
        const box = facts.zoneBoxes.find((z) => z.name === zone.name)!;
        expect(
          contains(
            regionBoxes.find((r) => r.name === zone.location)!,
            box,
          ),
        ).toBe(true);
      }
      expect(errors).toEqual([]);
      expect(browser.blockedRequests).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('20 landing zones with cross-zone inputs: every name visible, text inside its boxes, zones apart on screen', async () => {
    const estate = validateEstate(crossZoneEstate(20));
    const file = path.join(work, '20-zones.html');
    writeFileSync(file, estateDiagram(estate).html);
    const { page, errors } = await open(file);
    try {
      const facts = await textFacts(page);
      expectNamesVisible(facts, estate);
      expect(facts.overflowing).toEqual([]);
      expect(facts.zoneBoxes).toHaveLength(20);
      for (let i = 0; i < facts.zoneBoxes.length; i++) {
        for (let j = i + 1; j < facts.zoneBoxes.length; j++) expect(overlaps(facts.zoneBoxes[i], facts.zoneBoxes[j])).toBe(false);
      }
      // "fit the diagram to the window" scales the SVG down to the page width, without a script.
      await page.check('#fit');
      const fitted = await page.evaluate(() => (globalThis as any).document.querySelector('.canvas svg').getBoundingClientRect().width as number);
      expect(fitted).toBeLessThanOrEqual(1400);
      expect(errors).toEqual([]);
      expect(browser.blockedRequests).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
