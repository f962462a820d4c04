/**
 * Browser-test kit: Debian's Chromium through playwright-core, screenshots at the two sizes
 * the issue names, axe-core run inside the page, text contrast as the page now paints it, and
 * the gzipped JavaScript a page loaded.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { WEB_DIST_DIR } from '../../src/api/plugins/web.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** Why the browser tests cannot run here, or null when they can. */
export const noBrowser = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = path.join(ROOT, 'web', 'screenshots');
const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

const MAX_SHOT_HEIGHT = 2400;

export const SIZES = {
  phone: { width: 390, height: 844 },
  laptop: { width: 1440, height: 900 },
} as const;

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** Full-page screenshots of the page as it is, at phone then laptop size (ending at laptop). */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    // Let layout, fonts and the spinner-free state settle after the resize.
    // From the top: a full-page shot of a scrolled page paints the sticky header mid-page.
    await page.evaluate(async () => {
      window.scrollTo(0, 0);
      await document.fonts.ready;
    });
    await page.waitForTimeout(150);
    // The whole page, up to 2,400 px tall: enough to judge a layout, small enough to keep in git.
    const height = Math.min(MAX_SHOT_HEIGHT, await page.evaluate(() => document.documentElement.scrollHeight));
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${size}.png`), fullPage: true, clip: { x: 0, y: 0, width: viewport.width, height }, animations: 'disabled' });
  }
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's serious and critical violations on the page as it is now, at both sizes. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: readFileSync(AXE, 'utf8') });
  const found: AxeViolation[] = [];
  for (const viewport of Object.values(SIZES)) {
    await page.setViewportSize(viewport);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
    });
    for (const v of violations) if ((v.impact === 'serious' || v.impact === 'critical') && !found.some((f) => f.id === v.id)) found.push(v);
  }
  return found;
}

export const describeViolations = (vs: AxeViolation[]) =>
  vs.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`).join('\n');

/** Gzipped bytes (level 9, as a server would send them) of the built files behind these /assets URLs. */
export function gzippedSize(urls: Iterable<string>): number {
  let total = 0;
  for (const url of urls) {
    const name = new URL(url).pathname.replace(/^\/assets\//, '');
    total += gzipSync(readFileSync(path.join(WEB_DIST_DIR, 'assets', name)), { level: 9 }).length;
  }
  return total;
}

/** WCAG contrast of an element's text on its own background, as computed now (hovered, focused or not); the background must be opaque. */
export async function textContrast(el: Locator): Promise<{ ratio: number; color: string; background: string }> {
  const { color, background } = await el.evaluate((e) => ({ color: getComputedStyle(e).color, background: getComputedStyle(e).backgroundColor }));
  const luminance = (css: string) => {
    const [r, g, b, a = 1] = css.match(/[\d.]+/g)!.map(Number);
    if (a !== 1) throw new Error(`not an opaque colour: ${css}`);
    const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const [hi, lo] = [luminance(color), luminance(background)].sort((x, y) => y - x);
  return { ratio: (hi + 0.05) / (lo + 0.05), color, background };
}
