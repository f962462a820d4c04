/**
 * Browser-test kit: Debian's Chromium through playwright-core, screenshots at the two sizes
 * the issue names, axe-core run inside the page, text contrast as the page now paints it, and
 * the gzipped JavaScript a page loaded.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { WEB_DIST_DIR } from '../../src/api/plugins/web.ts';
import { buildWeb } from '../../scripts/web-build.ts';
import { createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

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

/** A served app with its own database and data folder, and one browser page on it. */
export interface WebApp {
  t: TestApp;
  /** The app's address, `http://127.0.0.1:<port>`. */
  base: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * The web app built (when stale), served on a free port from a fresh test app (`env` on top of
 * its defaults, DATA_DIR a new temporary folder), and a page at `viewport` in en-US and UTC.
 */
export async function openWebApp(viewport: { width: number; height: number }, env: Record<string, string> = {}): Promise<WebApp> {
  await buildWeb({ ifStale: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-web-'));
  const t = await createTestApp({ ...env, DATA_DIR: dataDir });
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launch();
  // The server's CSP allows only its own scripts; axe is injected inline, so the test context bypasses it.
  const context = await browser.newContext({ viewport, bypassCSP: true, locale: 'en-US', timezoneId: 'UTC' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.log(`# page error: ${err.message}`));
  return {
    t, base, browser, context, page,
    async close() {
      await browser.close();
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A WebApp with one student signed up. */
export type StudentWebApp = WebApp & { student: TestUser };

/**
 * The start of a one-student test: `openWebApp` (laptop size unless `viewport`) and a student
 * called `name` signed up through the API, not yet signed in in the browser. With
 * `acceptLeavePrompt`, the prompt a running test or diagnostic shows before the page unloads
 * (beforeunload) is accepted, so a test can reload mid-module; any other dialog is dismissed.
 */
export async function openWithStudent(
  name: string,
  opts: { viewport?: { width: number; height: number }; env?: Record<string, string>; acceptLeavePrompt?: boolean } = {},
): Promise<StudentWebApp> {
  const app = await openWebApp(opts.viewport ?? SIZES.laptop, opts.env);
  try {
    const student = await signUp(app.t.app, 'student', { name });
    if (opts.acceptLeavePrompt) app.page.on('dialog', (d) => void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()));
    return { ...app, student };
  } catch (err) {
    // The caller never gets the app to close in its after().
    await app.close();
    throw err;
  }
}

/** Signs `user` in through the sign-in page, which then goes on to `next`. */
export async function signInAs(app: Pick<WebApp, 'base' | 'page'>, user: { email: string; password: string }, next: string): Promise<void> {
  await app.page.goto(`${app.base}/app/signin?next=${encodeURIComponent(next)}`);
  await app.page.getByLabel('Email').fill(user.email);
  await app.page.getByLabel('Password').fill(user.password);
  await app.page.getByRole('button', { name: 'Sign in' }).click();
}
