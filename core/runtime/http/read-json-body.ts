import type { Context } from 'koa';
import { AppError } from '../../errors/app-error';
import type { AppState } from './app-state';
import { bodyTooLarge, decodeUtf8, readLimitedBody } from './read-limited-body';

/** Bodies of the JSON API are small; anything larger is refused before it is held in memory. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads the request body as JSON, refusing a wrong content type, an oversize body (checked
 * while reading, not only from Content-Length) and text that is not JSON.
 */
export async function readJsonBody(ctx: Context, limit = JSON_BODY_LIMIT_BYTES): Promise<unknown> {
  if (!ctx.is('application/json')) throw new AppError('malformed', 'Send the body as JSON with Content-Type: application/json.');
  const read = (ctx.state as AppState).requestBody;
  if (read && read.length > limit) throw bodyTooLarge(limit);
  const text = decodeUtf8(read ?? (await readLimitedBody(ctx.req, limit)));
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('malformed', 'The body is not valid JSON.');
  }
}
