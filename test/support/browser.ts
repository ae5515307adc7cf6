import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Screenshots for the README go to docs/screenshots only when UPDATE_SCREENSHOTS=1, so that an
 * ordinary test run leaves the work tree clean; otherwise to a temporary folder.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1'
  ? resolve(__dirname, '../../docs/screenshots')
  : join(tmpdir(), 'oversight-screenshots');
export const CONSOLE_BUNDLE = resolve(__dirname, '../../dist/console/index.html');

/**
 * Debian's Chromium driven by playwright-core (no browser download): headless, a fresh profile,
 * and none of the background traffic this machine's closed network would refuse.
 */
export class ConsoleBrowser {
  private constructor(readonly browser: Browser) {}

  static async launch(): Promise<ConsoleBrowser> {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    if (!existsSync(CONSOLE_BUNDLE)) throw new Error(`${CONSOLE_BUNDLE} is missing: run "npm run build"`);
    // playwright-core starts Chromium on a fresh, empty --user-data-dir of its own (a new temporary
    // profile per launch, removed on close); it refuses the flag in `args`.
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    return new ConsoleBrowser(browser);
  }

  /** A new context (its own sessionStorage) at 1280×800 unless told otherwise. */
  async page(viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return { context, page };
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }
}

/**
 * Evaluates an expression in the page. A string, since the test code is type-checked without the
 * DOM library (it runs in Node).
 */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/** Signs in by pasting a bearer token, as a person would; resolves once the console shows. */
export async function signInWithToken(page: Page, origin: string, token: string, path = '/console'): Promise<void> {
  await page.goto(`${origin}${path}`);
  await page.getByLabel(/^Token/).fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** A small PNG of the viewport for the README, in docs/screenshots. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** A PNG of one element (a chart, say), in docs/screenshots. */
export async function screenshotOf(locator: Locator, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await locator.screenshot({ path: file });
  return file;
}

/** Runs the real seed (node dist/apps/api/src/cli/seed.js) against a test server. */
export function runSeed(apiUrl: string, token: string): string {
  const seed = resolve(__dirname, '../../dist/apps/api/src/cli/seed.js');
  return execFileSync(process.execPath, [seed], {
    env: { ...process.env, API_URL: apiUrl, API_TOKEN: token },
    encoding: 'utf8',
    timeout: 60_000,
  });
}
