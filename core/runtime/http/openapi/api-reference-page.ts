import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../package-root';
import { escapeHtml } from './escape-html';

/**
 * The renderer's single-file browser bundle (docs/adr/0009-api-reference-renderer.md), found
 * through Node's resolution so it works from the sources and from dist/ alike.
 */
const REDOC_BUNDLE = require.resolve('redoc/bundles/redoc.standalone.js');
const REDOC_VERSION = (JSON.parse(readFileSync(join(REDOC_BUNDLE, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

/** Our start-up script lives beside the source (no build step), as the dashboard's files do. */
const INIT_SCRIPT = join(packageRoot(), 'core', 'runtime', 'http', 'openapi', 'public', 'api-reference.js');

/**
 * The one address outside our origin the bundle would load: the Redocly logo in the menu's
 * footer, which no option turns off. CSP would block it with a console error; an empty src makes
 * the component hide the image itself (its onError), and the "API docs by Redocly" link stays.
 */
const REDOC_LOGO_URL = 'https://cdn.redoc.ly/redoc/logo-mini.svg';

/**
 * Scripts only from 'self' and never inline. Redoc (styled-components) writes its styles into
 * <style> elements at run time, hence style-src 'unsafe-inline'; nothing else is relaxed.
 */
export const API_REFERENCE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface StaticFile {
  readonly type: string;
  readonly body: Buffer;
  /** Addresses that carry the bundle's version never change, so browsers may keep them. */
  readonly immutable: boolean;
}

/**
 * `GET /api/docs` and the two scripts it loads, by address, built once at start-up: a page with
 * no inline script that hands the document at `specUrl` to the renderer.
 *
 * @example
 * apiReferencePage({ title: 'QuickBooks Desktop sync', specUrl: '/api/openapi.json' }).get('/api/docs')
 */
export function apiReferencePage(options: { title: string; specUrl: string }): ReadonlyMap<string, StaticFile> {
  const bundlePath = `/docs/assets/redoc-${REDOC_VERSION}.standalone.js`;
  const initPath = '/docs/assets/api-reference.js';
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(options.title)} · API reference</title>
  <link rel="icon" href="data:,">
</head>
<body>
  <noscript>This reference needs JavaScript. The same content is at <a href="${escapeHtml(options.specUrl)}">${escapeHtml(options.specUrl)}</a> (OpenAPI 3).</noscript>
  <div id="api-reference" data-spec-url="${escapeHtml(options.specUrl)}"></div>
  <script src="${bundlePath}"></script>
  <script src="${initPath}"></script>
</body>
</html>
`;
  const js = 'text/javascript; charset=utf-8';
  return new Map<string, StaticFile>([
    ['/api/docs', { type: 'text/html; charset=utf-8', body: Buffer.from(html), immutable: false }],
    [bundlePath, { type: js, body: Buffer.from(readFileSync(REDOC_BUNDLE, 'utf8').replace(REDOC_LOGO_URL, '')), immutable: true }],
    [initPath, { type: js, body: readFileSync(INIT_SCRIPT), immutable: false }],
  ]);
}
