import type { IncomingMessage } from 'node:http';
import { AppError } from '../../errors/app-error';

/**
 * Reads a request body, refusing it by its Content-Length and again as soon as the bytes read
 * pass the limit, so an oversize body is never held whole in memory.
 */
export async function readLimitedBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new AppError('malformed', `The body is larger than ${limit} bytes.`);
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
