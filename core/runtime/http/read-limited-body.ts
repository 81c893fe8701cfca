import type { IncomingMessage } from 'node:http';
import { AppError } from '../../errors/app-error';

/** The refusal of a body over its limit. */
export function bodyTooLarge(limit: number): AppError {
  return new AppError('malformed', `The body is larger than ${limit} bytes.`);
}

/**
 * Reads a request body, refusing it by its Content-Length and again as soon as the bytes read
 * pass the limit, so an oversize body is never held whole in memory.
 */
export async function readLimitedBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => bodyTooLarge(limit);
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes as text, refusing what is not UTF-8: a lenient decode would store U+FFFD in place of
 * the bad bytes and no one would know what was sent.
 */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new AppError('malformed', 'The body is not valid UTF-8 text.');
  }
}
