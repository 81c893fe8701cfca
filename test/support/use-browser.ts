import type { ContainerModule } from 'inversify';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { browserAvailability, consoleErrors, launchBrowser } from './browser';
import { TestService, startTestService } from './test-service';

/** What a browser suite works with, filled in by its `before` hook. */
export interface BrowserSuite {
  test: TestService;
  browser: Browser;
  /** A desktop-sized tab (1280 x 900) under the page's own CSP. */
  page: Page;
  /** Everything that would show as an error in that tab's console. */
  errors: string[];
}

/**
 * The hooks every browser suite starts with: skip when Chromium is missing (an error under CI),
 * start the service, open Chromium and one tab that collects console errors; stop both after.
 * Call inside the describe, read the suite's fields inside tests.
 */
export function useBrowser(
  options: { env?: NodeJS.ProcessEnv; clock?: () => Date; context?: BrowserContextOptions; overrides?: readonly ContainerModule[] } = {},
): BrowserSuite {
  const suite = {} as BrowserSuite;
  before(async function () {
    const availability = browserAvailability();
    if (!availability.available) {
      console.warn(`      (${availability.reason})`);
      this.skip();
    }
    suite.test = await startTestService(options.env, options.clock, options.overrides);
    suite.browser = await launchBrowser();
    suite.page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options.context })).newPage();
    suite.errors = consoleErrors(suite.page);
  });
  // A failed wait in a page names only what it waited for: what the service logged meanwhile says
  // why. Warnings, errors and refused requests of the suite's earlier tests too (a console error
  // checked at the end may come from any of them).
  let logged = 0;
  beforeEach(() => void (logged = suite.test?.logs.length ?? 0));
  afterEach(function () {
    if (this.currentTest?.state !== 'failed' || !suite.test) return;
    const refused = (line: Record<string, unknown>) => line.msg === 'request' && Number(line.status) >= 400;
    const answered = (line: Record<string, unknown>) => line.msg === 'request' && !refused(line);
    const notable = (line: Record<string, unknown>) => line.level === 'warn' || line.level === 'error' || refused(line);
    const lines = suite.test.logs.filter((line, i) => (i >= logged ? line.level !== 'debug' && !answered(line) : notable(line)));
    console.error(
      `      the service logged during the suite (before this test: warnings, errors, refusals):\n${lines.map((line) => `        ${JSON.stringify(line)}`).join('\n')}`,
    );
  });
  after(async () => {
    await suite.browser?.close();
    await suite.test?.stop();
  });
  return suite;
}
