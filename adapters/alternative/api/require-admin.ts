import type { Middleware } from 'koa';
import type { AppState } from '../../../core/runtime/http/app-state';
import { requireBearerToken } from '../../../core/runtime/http/require-bearer-token';

/** Guards /api/admin routes with ADMIN_TOKEN; with none configured they do not exist (404). */
export function requireAdmin(adminToken: string | undefined): Middleware<AppState> {
  return requireBearerToken(adminToken, 'ADMIN_TOKEN');
}
