import { randomBytes } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies past this are refused; QBO's own limits are far above anything a test sends. */
const BODY_LIMIT = 5 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Every Intuit response carries a tracking id shaped `1-<8 hex>-<24 hex>` (§1.4). */
export function intuitTid(): string {
  return `1-${randomBytes(4).toString('hex')}-${randomBytes(12).toString('hex')}`;
}

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
  readonly headers?: Record<string, string>;
}

export function jsonAnswer(status: number, body: unknown, headers?: Record<string, string>): Answer {
  return { status, body: JSON.stringify(body), contentType: 'application/json;charset=UTF-8', headers };
}

export function htmlAnswer(status: number, html: string): Answer {
  return { status, body: html, contentType: 'text/html;charset=UTF-8' };
}

export function redirectAnswer(location: string): Answer {
  return { status: 302, body: '', contentType: 'text/plain', headers: { location } };
}

export function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { 'content-type': answer.contentType, intuit_tid: intuitTid(), ...answer.headers });
  res.end(answer.body);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
