import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { useBrowser } from '../support/use-browser';
import { TestService, startTestService } from '../support/test-service';

/** The `src` of every <script> of a page, and how many scripts carry code inline instead. */
function scriptsOf(html: string): { sources: string[]; inline: number } {
  const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  return {
    sources: tags.map((t) => /\bsrc="([^"]+)"/.exec(t[1])?.[1]).filter((s): s is string => s !== undefined),
    inline: tags.filter((t) => !/\bsrc=/.test(t[1]) || t[2].trim() !== '').length,
  };
}

describe('The API reference at /api/docs', function () {
  this.timeout(60_000);
  let test: TestService;

  before(async () => {
    test = await startTestService();
  });
  after(async () => {
    await test?.stop();
  });

  it('answers HTML that loads scripts only from our origin, under a CSP that allows no other', async () => {
    const res = await fetch(`${test.url}/api/docs`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).to.match(/(^|; )script-src 'self'(;|$)/);
    expect(csp)
      .to.include("default-src 'self'")
      .and.include("connect-src 'self'")
      .and.not.match(/unsafe-eval|https?:|\*/);
    const html = await res.text();
    const { sources, inline } = scriptsOf(html);
    expect(inline, 'inline scripts').to.equal(0);
    expect(sources).to.have.length(2);
    for (const src of sources) expect(new URL(src, test.url).origin, src).to.equal(new URL(test.url).origin);
    expect(html).not.to.match(/(href|src)="(https?:)?\/\//);
    expect(html).to.include('data-spec-url="/api/openapi.json"');
  });

  it('serves the renderer bundle and our start-up script as JavaScript, the bundle cacheable for good', async () => {
    const { sources } = scriptsOf(await (await fetch(`${test.url}/api/docs`)).text());
    const [bundle, init] = await Promise.all(sources.map((src) => fetch(new URL(src, test.url))));
    for (const res of [bundle, init]) {
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/javascript/);
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    }
    expect(sources[0]).to.match(/\/redoc-\d+\.\d+\.\d+\.standalone\.js$/);
    expect(bundle.headers.get('cache-control')).to.include('immutable');
    const code = await bundle.text();
    expect(code.length).to.be.greaterThan(500_000);
    expect(code, 'the one foreign address the bundle would load is blanked').not.to.include('cdn.redoc.ly');
    expect(await init.text()).to.include('Redoc.init(');
  });
});

describe('The API reference in a real browser (headless Chromium)', function () {
  this.timeout(120_000);
  let test: TestService;
  let page: Page;
  let errors: string[];
  const foreign: string[] = [];

  const suite = useBrowser();
  before(async () => {
    ({ test, page, errors } = suite);
    const origin = new URL(test.url).origin;
    page.on('request', (request) => {
      if (!request.url().startsWith('data:') && new URL(request.url()).origin !== origin) foreign.push(request.url());
    });
  });

  it('renders every operation with its examples, without a console error or a request to another host', async () => {
    await page.goto(`${test.url}/api/docs`);
    await page.getByRole('heading', { name: 'Record a succeeded payment of an invoice' }).waitFor();
    await page.getByText('Every error answers the same shape').waitFor();
    const document = (await (await fetch(`${test.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { summary: string }>> };
    const summaries = Object.values(document.paths).flatMap((ops) => Object.values(ops).map((op) => op.summary));
    // Redoc puts an anchor link (named by its path, e.g. tag/x/operation/createPartner) before the words of each heading.
    const heading = (summary: string) => page.getByRole('heading', { name: new RegExp(`(^| )${summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
    for (const summary of summaries) expect(await heading(summary).count(), summary).to.be.greaterThan(0);
    // The response sample of createConnection shows its example, not a sample made up from the schema.
    await page.getByText('"Café Ñandú & Sons"').first().waitFor({ state: 'attached' });
    await screenshot(page, 'api-reference', { fullPage: false });
    expect(errors).to.deep.equal([]);
    expect(foreign).to.deep.equal([]);
  });
});
