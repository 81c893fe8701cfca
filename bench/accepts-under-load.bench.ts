import { fork } from 'node:child_process';
import { connect, createServer, Socket } from 'node:net';

/**
 * How fast a Node process takes new TCP connections while its event loop is busy, as the
 * service's is during benchmark 3's burst. libuv (1.46 in Node 20) accepts one connection per
 * turn of the loop, so N clients that connect at once are taken over N turns: fast on an idle
 * loop, N times a turn's length on a busy one (benchmark 3: the last Web Connectors' first call
 * waited up to a second before the service saw it). Not a target; a figure for that finding.
 * `node dist/bench/accepts-under-load.bench.js [connections] [turnMs]`
 */
async function acceptSpreadMs(connections: number, turnMs: number): Promise<number> {
  const accepted: number[] = [];
  const server = createServer((socket) => {
    accepted.push(performance.now());
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let busy = turnMs > 0;
  // Each turn of the loop does turnMs of work, as a turn of a busy service does.
  const work = () => {
    if (!busy) return;
    const until = performance.now() + turnMs;
    while (performance.now() < until);
    setImmediate(work);
  };
  work();
  const port = (server.address() as { port: number }).port;
  const clients = fork(__filename, ['connect', String(port), String(connections)]);
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (accepted.length < connections) return;
      clearInterval(check);
      resolve();
    }, 1);
  });
  busy = false;
  clients.kill();
  server.close();
  return Math.max(...accepted) - Math.min(...accepted);
}

/** The clients' side, in a process of its own: every connection opened at once, held open. */
function openConnections(port: number, count: number): void {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i++) sockets.push(connect(port, '127.0.0.1').on('error', () => undefined));
}

async function main(): Promise<void> {
  const connections = Number(process.argv[2] ?? 180);
  const turnMs = Number(process.argv[3] ?? 5);
  const idle = await acceptSpreadMs(connections, 0);
  const busy = await acceptSpreadMs(connections, turnMs);
  console.log(`${connections} connections opened at once: all accepted within ${idle.toFixed(0)} ms on an idle loop,`);
  console.log(`  ${busy.toFixed(0)} ms on a loop whose turns take ${turnMs} ms (${(busy / connections).toFixed(1)} ms a connection: one a turn)`);
}

if (process.argv[2] === 'connect') openConnections(Number(process.argv[3]), Number(process.argv[4]));
else
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
