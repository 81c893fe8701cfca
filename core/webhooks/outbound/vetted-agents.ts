import { Agent } from 'node:http';
import { Socket, connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** Where to open a socket: always a vetted IP address, never a name (no second DNS lookup). */
export interface ConnectTarget {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** The URL's host name for SNI and certificate checks; absent when the URL named an IP. */
  readonly servername?: string;
}

/** Opens the socket for a delivery; tests replace it to prove a refused URL never connects. */
export type Connect = (target: ConnectTarget) => Socket;

export const defaultConnect: Connect = (target) =>
  target.tls
    ? // tls.connect checks the certificate against servername (the URL's host), or the IP itself.
      tlsConnect({ host: target.host, port: target.port, servername: target.servername, ALPNProtocols: ['http/1.1'] })
    : netConnect({ host: target.host, port: target.port });

/** An idle kept-alive socket is closed after this, before a receiver's usual 5 s idle close races our reuse. */
const IDLE_MS = 4000;
const MAX_AGENTS = 64;

/**
 * Keep-alive agents, one per (vetted address, port, tls, URL host). Chosen so a bench pushing
 * thousands of events to one receiver reuses its connections, while every delivery is still
 * vetted first: a pooled socket is only reused for a target the current vet just produced, and
 * it leads to that same vetted address, so a DNS change refuses (the vet) or picks another pool
 * (another address); it can never ride an old socket. The pool is small and evicts the least
 * recently used agent (closing its sockets) so many endpoints cannot hold many sockets.
 */
export class VettedAgents {
  private readonly agents = new Map<string, Agent>();

  constructor(private readonly connect: Connect) {}

  agentFor(target: ConnectTarget): Agent {
    const key = `${target.tls ? 'https' : 'http'}|${target.host}|${target.port}|${target.servername ?? ''}`;
    let agent = this.agents.get(key);
    if (agent) this.agents.delete(key);
    else agent = this.newAgent(target);
    this.agents.set(key, agent); // most recently used last
    if (this.agents.size > MAX_AGENTS) {
      const [oldestKey, oldest] = this.agents.entries().next().value as [string, Agent];
      this.agents.delete(oldestKey);
      oldest.destroy();
    }
    return agent;
  }

  /** Closes every pooled socket (service shutdown, tests). */
  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private newAgent(target: ConnectTarget): Agent {
    const agent = new Agent({ keepAlive: true, timeout: IDLE_MS, maxSockets: 8 });
    const connect = this.connect;
    // The agent's own createConnection would resolve and dial the request's host; ours ignores the
    // request options and dials the vetted target, so nothing but the vet decides where we connect.
    agent.createConnection = () => {
      try {
        return connect(target);
      } catch (error) {
        const dead = new Socket();
        process.nextTick(() => dead.destroy(error as Error));
        return dead;
      }
    };
    return agent;
  }
}
