import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { codeRoot } from '../../core/runtime/package-root';

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Resolves with the port once the service logs that it listens; rejects if it exits first. */
  readonly listening: Promise<number>;
  readonly exited: Promise<number | null>;
}

/**
 * Runs the compiled service (what `npm start` runs) as a child process with the given environment.
 * A service that has not said it listens within `startTimeoutMs` is killed and `listening`
 * rejects with what it wrote: a start that hangs fails the test or benchmark that waits on it,
 * with something to read, instead of holding it forever (a benchmark once hung there, unexplained).
 */
export function spawnService(env: NodeJS.ProcessEnv, { startTimeoutMs = 120_000 }: { startTimeoutMs?: number } = {}): ServiceProcess {
  // SERVICE_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the service alone.
  const nodeArgs = (process.env.SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(codeRoot(), 'core', 'runtime', 'main.js')], {
    env: { PATH: process.env.PATH, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    const late = setTimeout(() => {
      reject(
        new Error(
          `service did not say it listens within ${startTimeoutMs} ms, so it was killed; its log: ${stdout.slice(-5).join('\n')}; stderr: ${stderr.join('')}`,
        ),
      );
      child.kill('SIGKILL');
    }, startTimeoutMs);
    void exited.then(() => clearTimeout(late));
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        stdout.push(line);
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening') {
          clearTimeout(late);
          resolve(entry.port!);
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    void exited.then((code) => reject(new Error(`service exited with ${code} before listening: ${stderr.join('')}`)));
  });
  listening.catch(() => undefined); // a test that expects a failed start awaits `exited` instead
  return { child, stdout, stderr, listening, exited };
}
