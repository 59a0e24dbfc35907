// What every browser test shares: Debian's Chromium driven by playwright-core, the built web app
// served by a real server on an in-memory database, and the two screen sizes we design for.
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { loadConfig } from '../../src/server/platform/config.js';
import { startServer, type RunningServer } from '../../src/server/server.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const WEB_INDEX = path.join(root, 'dist/web/index.html');
export const SHOTS = path.join(root, 'test-results/screenshots');

export const SIZES: Record<'phone' | 'desktop', BrowserContextOptions> = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
};
export type Size = keyof typeof SIZES;

export const hasChromium = existsSync(CHROMIUM);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Debian's Chromium, headless, with `extraArgs` (a fake camera, say) after the usual flags. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!hasChromium) throw new Error(`browser tests need Chromium at ${CHROMIUM} (CI is set, so they may not be skipped)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
  });
}

/**
 * Starts the server on a free port and Chromium; refuses loudly when either cannot run. `now` is
 * the server's clock, for tests that move time on (a cool-down, say).
 */
export async function startBrowserAndServer(
  options: { chromiumArgs?: readonly string[]; now?: () => Date } = {},
): Promise<{ server: RunningServer; browser: Browser }> {
  if (!hasChromium) throw new Error(`browser tests need Chromium at ${CHROMIUM} (CI is set, so they may not be skipped)`);
  if (!existsSync(WEB_INDEX)) throw new Error(`${path.relative(root, WEB_INDEX)} is missing: run npm run build first`);
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  const config = loadConfig({}, { port, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', publicUrl: `http://127.0.0.1:${port}` });
  const server = await startServer(config, options.now ? { now: options.now } : {});
  const browser = await launchChromium(options.chromiumArgs);
  return { server, browser };
}

/** Pages opened as people (or nobody), each in a context of its own, with the page errors they raised. */
export class PagesOf {
  /** Every uncaught error of every page, as `url: message`; a test expects none. */
  readonly errors: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly serverUrl: string,
    /** Added to every context: e.g. `{ timezoneId: 'America/New_York' }`, `{ acceptDownloads: true }`. */
    private readonly defaults: BrowserContextOptions = {},
    private readonly timeoutMs = 15_000,
  ) {}

  /** A new page at `size`, signed in as `who` (by their session cookie) or signed out. */
  async open(who: { cookie: string } | undefined, size: Size = 'phone'): Promise<Page> {
    const context = await this.browser.newContext({
      ...SIZES[size],
      baseURL: this.serverUrl,
      locale: 'en-GB',
      timezoneId: 'Europe/Lisbon',
      ...this.defaults,
    });
    this.contexts.push(context);
    if (who) {
      const [name, value] = who.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: this.serverUrl }]);
    }
    const page = await context.newPage();
    page.setDefaultTimeout(this.timeoutMs);
    page.on('pageerror', (error) => this.errors.push(`${page.url()}: ${error.message}`));
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => {});
  }
}
