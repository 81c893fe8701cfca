import { AppError } from '../errors/app-error';
import type { HttpRoutes } from './http/http-routes';
import { startService } from './service';
import { TOKENS } from './tokens';

/**
 * `npm start`: runs the service until SIGTERM or SIGINT, then shuts down gracefully.
 * A second signal while stopping ends the process at once.
 */
async function main(): Promise<void> {
  let service;
  try {
    service = await startService({ env: process.env });
  } catch (error) {
    const appError = AppError.from(error);
    process.stderr.write(`Cannot start: ${appError.userMessage}\n`);
    if (appError.kind === 'internal' || appError.kind === 'transient') process.stderr.write(`${appError.detail ?? ''}\n`);
    process.exit(1);
  }
  // stdout carries JSON log lines; what a person reads goes to stderr.
  process.stderr.write(`Listening on ${service.address.text} (${service.address.reach}; public address ${service.config.service.publicUrl})\n`);
  for (const routes of service.container.getAll<HttpRoutes>(TOKENS.HttpRoutes)) {
    for (const page of routes.pages ?? []) process.stderr.write(`${page.title}: ${service.config.service.publicUrl}${page.path}\n`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stderr.write(`${signal} received: shutting down\n`);
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
