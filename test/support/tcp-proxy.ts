/**
 * A loopback TCP proxy for fault injection: relays bytes both ways between a
 * client and a target server (e.g. the test Dovecot), and cuts connections
 * on demand — all at once, after exactly N server→client bytes, or again and
 * again at seeded random points — so reliability tests can break a sync in
 * the middle of a response (inside a literal, between two FETCH lines...).
 *
 * A cut delivers exactly the scheduled bytes to the client, then closes both
 * sides of that one connection (the client sees the stream end, the server a
 * closed socket); other connections are untouched. Byte budgets count
 * server→client bytes across every connection, from the moment a cut is
 * scheduled: whichever connection carries the byte at the mark is the one cut.
 */
import net from 'node:net';

export interface TcpProxyOptions {
  targetHost: string;
  targetPort: number;
  /** Where the proxy listens (default 127.0.0.1, port chosen by the system). */
  host?: string;
  /** Keep what each client sent (`sentByClients`): tests that check which commands went out. */
  recordClients?: boolean;
}

export interface RandomCuts {
  /** Server→client bytes between two cuts (inclusive bounds). */
  minBytes: number;
  maxBytes: number;
  seed: number;
  /** Stop after this many cuts (default: keep cutting until stopCutting()). */
  maxCuts?: number;
}

export interface CutRecord {
  /** 1-based number of the connection, in accept order. */
  connection: number;
  /** Server→client bytes this connection had delivered when it was cut. */
  bytesOnConnection: number;
  /** Proxy-wide server→client bytes at the cut. */
  bytesToClient: number;
  how: 'bytes' | 'all';
}

export interface TcpProxy {
  host: string;
  port: number;
  /** Destroys every live connection, both ways. */
  cutAll(): void;
  /** Cuts the connection that carries the n-th server→client byte from now (once). */
  cutAfterBytes(n: number): void;
  /** Cuts again and again, a seeded random number of server→client bytes apart. */
  cutRandomly(options: RandomCuts): void;
  /** Cancels a pending cutAfterBytes / cutRandomly. */
  stopCutting(): void;
  /** Live connections. */
  readonly connections: number;
  /** Connections accepted since the start. */
  readonly accepted: number;
  /** Server→client bytes relayed since the start. */
  readonly bytesToClient: number;
  /** Client→server bytes relayed since the start. */
  readonly bytesToServer: number;
  /** Connections cut so far (by any means). */
  readonly cuts: number;
  readonly cutLog: readonly CutRecord[];
  /** With `recordClients`: what each connection's client sent (latin1), in accept order. */
  readonly sentByClients: readonly string[];
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

interface Link {
  id: number;
  client: net.Socket;
  server: net.Socket;
  toClient: number;
  closed: boolean;
}

export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const links = new Set<Link>();
  const cutLog: CutRecord[] = [];
  const sentByClients: string[] = [];
  let accepted = 0;
  let bytesToClient = 0;
  let bytesToServer = 0;
  /** Server→client bytes left before the next cut; Infinity when none is scheduled. */
  let budget = Infinity;
  let random: { rng: () => number; opts: RandomCuts; done: number } | undefined;

  const drawBudget = (): number => {
    if (random === undefined) return Infinity;
    const { opts } = random;
    if (opts.maxCuts !== undefined && random.done >= opts.maxCuts) {
      random = undefined;
      return Infinity;
    }
    return opts.minBytes + Math.floor(random.rng() * (opts.maxBytes - opts.minBytes + 1));
  };

  const shut = (link: Link, how: CutRecord['how']) => {
    if (link.closed) return;
    link.closed = true;
    links.delete(link);
    cutLog.push({ connection: link.id, bytesOnConnection: link.toClient, bytesToClient, how });
    link.server.destroy();
    if (how === 'all') {
      link.client.destroy();
      return;
    }
    // Let what was already written reach the client, then close: the client
    // sees exactly the bytes relayed so far, then the end of the stream.
    link.client.end(() => link.client.destroy());
    link.client.setTimeout(1_000, () => link.client.destroy());
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    const link: Link = {
      id: ++accepted,
      client,
      server: net.connect({ host: options.targetHost, port: options.targetPort }),
      toClient: 0,
      closed: false,
    };
    links.add(link);
    const upstream = link.server;
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    upstream.once('connect', () => client.resume());

    upstream.on('data', (chunk: Buffer) => {
      if (link.closed) return;
      if (chunk.length >= budget) {
        const part = chunk.subarray(0, budget);
        bytesToClient += part.length;
        link.toClient += part.length;
        if (part.length > 0) client.write(part);
        budget = Infinity;
        if (random !== undefined) random.done++;
        shut(link, 'bytes');
        budget = drawBudget();
        return;
      }
      budget -= chunk.length;
      bytesToClient += chunk.length;
      link.toClient += chunk.length;
      // Back-pressure: a slow client slows the server down, as with a direct connection.
      if (!client.write(chunk)) {
        upstream.pause();
        client.once('drain', () => upstream.resume());
      }
    });
    client.on('data', (chunk: Buffer) => {
      if (link.closed) return;
      bytesToServer += chunk.length;
      if (options.recordClients)
        sentByClients[link.id - 1] = (sentByClients[link.id - 1] ?? '') + chunk.toString('latin1');
      if (!upstream.write(chunk)) {
        client.pause();
        upstream.once('drain', () => client.resume());
      }
    });
    // An orderly end on one side is passed on; an error or close ends both.
    upstream.on('end', () => {
      if (!link.closed) client.end();
    });
    client.on('end', () => {
      if (!link.closed) upstream.end();
    });
    const gone = () => {
      if (link.closed) return;
      link.closed = true;
      links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', gone);
    client.on('error', gone);
    upstream.on('close', gone);
    client.on('close', gone);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as net.AddressInfo;

  return {
    host: address.address,
    port: address.port,
    cutAll() {
      for (const link of [...links]) shut(link, 'all');
    },
    cutAfterBytes(n) {
      if (!Number.isInteger(n) || n < 0) throw new Error(`cutAfterBytes: bad byte count ${n}`);
      random = undefined;
      budget = n;
    },
    cutRandomly(opts) {
      const { minBytes, maxBytes, maxCuts } = opts;
      if (!Number.isInteger(minBytes) || !Number.isInteger(maxBytes) || minBytes < 0) {
        throw new Error('cutRandomly: minBytes and maxBytes must be whole numbers');
      }
      if (maxBytes < minBytes) throw new Error('cutRandomly: maxBytes < minBytes');
      if (maxCuts !== undefined && maxCuts <= 0) return;
      random = { rng: mulberry32(opts.seed), opts, done: 0 };
      budget = drawBudget();
    },
    stopCutting() {
      random = undefined;
      budget = Infinity;
    },
    get connections() {
      return links.size;
    },
    get accepted() {
      return accepted;
    },
    get bytesToClient() {
      return bytesToClient;
    },
    get bytesToServer() {
      return bytesToServer;
    },
    get cuts() {
      return cutLog.length;
    },
    cutLog,
    sentByClients,
    close() {
      random = undefined;
      budget = Infinity;
      for (const link of [...links]) {
        link.closed = true;
        link.client.destroy();
        link.server.destroy();
      }
      links.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
