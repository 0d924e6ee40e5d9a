/**
 * `npm run diagram:example`: renders the relecloud estate's diagram in headless Chromium and
 * saves it as docs/estate-relecloud.png, the picture the README shows.
 *
 *   tsx scripts/diagram-example.ts [--estate estates/relecloud.yaml] [--out docs/estate-relecloud.png] [--scale 1.5]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DIAGRAM_FILES, estateDiagram } from '../lib/diagram';
import { loadEstateFile } from '../lib/estate/load';
import { findChromium, launchChromium } from './chromium';

const REPO = path.resolve(__dirname, '..');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<number> {
  const estatePath = path.resolve(option('estate', path.join(REPO, 'estates', 'relecloud.yaml')));
  const out = path.resolve(option('out', path.join(REPO, 'docs', 'estate-relecloud.png')));
  const scale = Number(option('scale', '1.5'));
  const chromium = findChromium();
  if (!chromium) {
    console.error('diagram:example needs Chromium: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)');
    return 2;
  }
  const diagram = estateDiagram(loadEstateFile(estatePath));
  const work = mkdtempSync(path.join(tmpdir(), 'csa-diagram-'));
  // The SVG alone, in a bare page: Chromium does not screenshot SVG documents themselves.
  const pageFile = path.join(work, 'diagram.html');
  writeFileSync(
    pageFile,
    `<!doctype html><html><head><meta charset="utf-8"><title>${DIAGRAM_FILES.svg}</title></head><body style="margin:0">${diagram.svg}</body></html>`,
  );
  const browser = await launchChromium(chromium, { width: diagram.layout.width, height: diagram.layout.height }, scale);
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(pageFile).href);
    if (errors.length || browser.blockedRequests.length)
      throw new Error(`the diagram did not render cleanly: ${[...errors, ...browser.blockedRequests].join('; ')}`);
    mkdirSync(path.dirname(out), { recursive: true });
    await page.locator('svg').first().screenshot({ path: out });
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`${path.relative(process.cwd(), out)}: ${diagram.layout.width}x${diagram.layout.height} px at scale ${scale}`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error((e as Error).stack ?? e);
    process.exitCode = 1;
  },
);
