import { injectable } from 'inversify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { packageRoot } from '../../../core/runtime/package-root';

/** The page's files live beside the source (no build step), wherever the compiled code runs from. */
const PUBLIC_DIR = join(packageRoot(), 'adapters', 'alternative', 'dashboard', 'public');

const FILES: Readonly<Record<string, { file: string; type: string }>> = {
  '/dashboard': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/dashboard/assets/dashboard.js': { file: 'dashboard.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard/assets/api-client.js': { file: 'api-client.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard/assets/page-kit.js': { file: 'page-kit.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard/assets/connection-card.js': { file: 'connection-card.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard/assets/dashboard.css': { file: 'dashboard.css', type: 'text/css; charset=utf-8' },
};

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
