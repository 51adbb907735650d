/**
 * A "new server" for account tests: a loopback TCP server that relays to a
 * real IMAP server (the test Dovecot) and keeps every byte the client sent,
 * so a test can tell whether a password reached it, in any form.
 */
import net from 'node:net';

export interface RecordingRelay {
  host: string;
  port: number;
  /** Connections accepted since the start. */
  readonly accepted: number;
  /** Everything clients sent, all connections together. */
  received(): string;
  /** The IMAP commands clients sent (the word after each tag), upper-cased. */
  commands(): string[];
  /** True when `secret` was sent in clear, or inside a base64 token (SASL PLAIN). */
  sawSecret(secret: string): boolean;
  close(): Promise<void>;
}

export async function startRecordingRelay(options: {
  targetHost: string;
  targetPort: number;
  /** Where the relay listens (default 127.0.0.1). */
  host?: string;
}): Promise<RecordingRelay> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  let accepted = 0;

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    accepted++;
    const upstream = net.connect({ host: options.targetHost, port: options.targetPort });
    sockets.add(client).add(upstream);
    upstream.once('connect', () => client.resume());
    client.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('error', end);
      s.on('close', end);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  const received = () => Buffer.concat(chunks).toString('latin1');

  return {
    host: address.address,
    port: address.port,
    get accepted() {
      return accepted;
    },
    received,
    commands: () =>
      received()
        .split(/\r?\n/)
        .map((line) => line.split(' ')[1]?.toUpperCase())
        .filter((word): word is string => word !== undefined),
    sawSecret(secret) {
      const text = received();
      if (text.includes(secret)) return true;
      return text
        .split(/\s+/)
        .filter((token) => /^[A-Za-z0-9+/]{8,}={0,2}$/.test(token))
        .some((token) => Buffer.from(token, 'base64').toString('latin1').includes(secret));
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
