import { injectable } from 'inversify';
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { packageRoot } from '../../../core/runtime/package-root';

/** The page's files live beside the source (no build step), wherever the compiled code runs from. */
const PUBLIC_DIR = join(packageRoot(), 'adapters', 'alternative', 'dashboard', 'public');

/** What a file of the page is served as, by its name's ending: nothing else in the folder is served. */
const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The page at /dashboard, and every script module and style sheet beside it under
 * /dashboard/assets/, so that a module split off another is served (as JavaScript, under the
 * same policy) without being listed here.
 */
function pageFiles(): Record<string, { file: string; type: string }> {
  const assets = readdirSync(PUBLIC_DIR)
    .filter((file) => TYPES[extname(file)])
    .sort()
    .map((file) => [`/dashboard/assets/${file}`, { file, type: TYPES[extname(file)] }] as const);
  return { '/dashboard': { file: 'index.html', type: 'text/html; charset=utf-8' }, ...Object.fromEntries(assets) };
}

const FILES = pageFiles();

/**
 * The partner dashboard's Integrations page: static files (the page, its style, its script as ES
 * modules) read once at start-up, served with a strict Content-Security-Policy (no inline script, no other origin). It talks only to
 * the partner API, with the key the partner typed in.
 */
@injectable()
export class DashboardRoutes implements HttpRoutes {
  readonly name = 'dashboard';
  readonly pages = [{ title: 'Partner dashboard', path: '/dashboard' }];
  private readonly contents = new Map(Object.entries(FILES).map(([path, f]) => [path, readFileSync(join(PUBLIC_DIR, f.file))]));

  register(router: AppRouter): void {
    for (const [path, { type }] of Object.entries(FILES)) {
      router.get(path, (ctx) => {
        ctx.set('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.set('Cache-Control', 'no-cache');
        ctx.type = type;
        ctx.body = this.contents.get(path);
      });
    }
  }
}
