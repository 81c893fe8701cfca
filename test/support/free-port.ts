import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768-60999 by default), from which both `listen(0)` and every
// outgoing connection take their ports: a port found with `listen(0)` and listened on a moment
// later was now and then taken meanwhile by one of the suite's many outgoing connections
// (EADDRINUSE in a test's before-all hook, once in a run of ~1,300 tests).
const FIRST = 20_000;
const LAST = 32_000;

/** A port free right now on every interface, so a test service can be told its own public URL before it starts. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST));
    if (await bindable(port)) return port;
  }
  throw new Error(`No free port between ${FIRST} and ${LAST} after 50 tries.`);
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}
