/**
 * A loopback TCP proxy that can slow the server→client direction down to a
 * given rate, so a sync on loopback lasts long enough for the end-to-end test
 * to see it under way (progress, cancel), and that can refuse connections
 * (the server gone) to see how background failures are told.
 */
import net from 'node:net';

export interface SlowProxy {
  host: '127.0.0.1';
  port: number;
  /** Bytes per second from the server to the client; null for no limit. */
  setRate(bytesPerSecond: number | null): void;
  /** Closes every connection and stops listening: new connections are refused. */
  refuse(): Promise<void>;
  /** Listens again on the same port after refuse(). */
  accept(): Promise<void>;
  /** Closes every connection now; new ones are still accepted. */
  cut(): void;
  /** Connections from clients still open (each has its own to the server). */
  openConnections(): number;
  close(): Promise<void>;
}

/** Pieces small enough that a slow rate still flows evenly. */
const PIECE = 2048;

export async function startSlowProxy(
  target: { host: string; port: number },
  bytesPerSecond: number | null,
): Promise<SlowProxy> {
  let rate = bytesPerSecond;
  const sockets = new Set<net.Socket>();
  const clients = new Set<net.Socket>();

  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    clients.add(client);
    client.on('close', () => clients.delete(client));
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.end());
    client.pipe(upstream);

    let queue = Promise.resolve();
    upstream.on('data', (chunk: Buffer) => {
      if (rate === null) {
        // Keep order with anything still queued.
        queue = queue.then(() => void client.write(chunk));
        return;
      }
      upstream.pause();
      queue = queue.then(async () => {
        for (let at = 0; at < chunk.length; at += PIECE) {
          const piece = chunk.subarray(at, at + PIECE);
          if (rate !== null) await delay((piece.length / rate) * 1000);
          if (client.destroyed) return;
          client.write(piece);
        }
        upstream.resume();
      });
    });
  });

  const listen = (on: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(on, '127.0.0.1', () => resolve());
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });

  return {
    host: '127.0.0.1',
    port,
    setRate(next) {
      rate = next;
    },
    refuse: stop,
    accept: () => listen(port),
    cut() {
      for (const s of sockets) s.destroy();
    },
    openConnections: () => clients.size,
    close: stop,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
