import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/** An echo server that also answers "SEND <n>\n" with n bytes (a long server response). */
let echo: net.Server;
let echoPort: number;
const serverSide = new Set<net.Socket>();

beforeAll(async () => {
  echo = net.createServer((socket) => {
    serverSide.add(socket);
    socket.on('close', () => serverSide.delete(socket));
    socket.on('error', () => {});
    let line = '';
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      if (text.startsWith('SEND ') || line !== '') {
        line += text;
        const m = /^SEND (\d+)\n/.exec(line);
        if (m) {
          line = '';
          socket.write(pattern(Number(m[1])));
        }
        return;
      }
      socket.write(chunk);
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => echo.close(resolve));
});

let proxy: TcpProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** Recognisable bytes: byte i is i mod 251. */
function pattern(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = i % 251;
  return b;
}

interface Received {
  socket: net.Socket;
  /** Resolves with everything received once the stream ends or closes. */
  ended: Promise<Buffer>;
}

function connect(port: number): Promise<Received> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {});
    const ended = new Promise<Buffer>((done) =>
      socket.on('close', () => done(Buffer.concat(chunks))),
    );
    socket.once('connect', () => resolve({ socket, ended }));
    socket.once('error', reject);
  });
}

function readAtLeast(socket: net.Socket, n: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size >= n) {
        socket.off('data', onData);
        resolve(Buffer.concat(chunks));
      }
    };
    socket.on('data', onData);
  });
}

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('tcp-proxy', () => {
  it('relays both ways and counts bytes and connections', async () => {
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: echoPort });
    const a = await connect(proxy.port);
    const reply = readAtLeast(a.socket, 5);
    a.socket.write('hello');
    expect((await reply).toString()).toBe('hello');

    const big = readAtLeast(a.socket, 1_000_000);
    a.socket.write('SEND 1000000\n');
    expect((await big).equals(pattern(1_000_000))).toBe(true);
    expect(proxy.bytesToClient).toBe(1_000_005);
    expect(proxy.bytesToServer).toBe(5 + 'SEND 1000000\n'.length);
    expect(proxy.connections).toBe(1);
    expect(proxy.cuts).toBe(0);

    // The client closing is passed on to the server.
    a.socket.end();
    await a.ended;
    await waitFor(() => proxy!.connections === 0 && serverSide.size === 0);
    expect(proxy.accepted).toBe(1);
  });

  it('cutAfterBytes delivers exactly n server→client bytes, then closes both sides', async () => {
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: echoPort });
    const a = await connect(proxy.port);
    const hello = readAtLeast(a.socket, 3);
    a.socket.write('abc');
    await hello;
    proxy.cutAfterBytes(12_345);
    a.socket.write('SEND 500000\n');
    const got = await a.ended;
    expect(got.length).toBe(3 + 12_345);
    expect(got.subarray(3).equals(pattern(12_345))).toBe(true);
    await waitFor(() => serverSide.size === 0);
    expect(proxy.cutLog).toEqual([
      { connection: 1, bytesOnConnection: 12_348, bytesToClient: 12_348, how: 'bytes' },
    ]);

    // One-shot: the next connection is relayed untouched.
    const b = await connect(proxy.port);
    const all = readAtLeast(b.socket, 200_000);
    b.socket.write('SEND 200000\n');
    expect((await all).length).toBe(200_000);
    expect(proxy.cuts).toBe(1);
  });

  it('cutRandomly cuts at seeded random points within bounds, across connections, up to maxCuts', async () => {
    const run = async (seed: number) => {
      const p = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: echoPort });
      p.cutRandomly({ minBytes: 1_000, maxBytes: 50_000, seed, maxCuts: 5 });
      const received: number[] = [];
      // Each connection asks for more than the largest budget, so each one is cut once.
      for (let i = 0; i < 5; i++) {
        const c = await connect(p.port);
        c.socket.write('SEND 60000\n');
        received.push((await c.ended).length);
      }
      // maxCuts reached: the sixth connection gets everything.
      const last = await connect(p.port);
      const all = readAtLeast(last.socket, 60_000);
      last.socket.write('SEND 60000\n');
      expect((await all).length).toBe(60_000);
      const log = [...p.cutLog];
      await p.close();
      return { received, log };
    };
    const first = await run(42);
    expect(first.log).toHaveLength(5);
    expect(first.log.map((c) => c.connection)).toEqual([1, 2, 3, 4, 5]);
    for (const [i, n] of first.received.entries()) {
      expect(n).toBeGreaterThanOrEqual(1_000);
      expect(n).toBeLessThanOrEqual(50_000);
      expect(first.log[i]!.bytesOnConnection).toBe(n);
    }
    expect(new Set(first.received).size).toBe(5);
    // Same seed, same cut points; another seed, others.
    expect((await run(42)).received).toEqual(first.received);
    expect((await run(43)).received).not.toEqual(first.received);
  });

  it('a budget spans connections: the connection carrying the byte at the mark is the one cut', async () => {
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: echoPort });
    const a = await connect(proxy.port);
    const b = await connect(proxy.port);
    proxy.cutAfterBytes(15_000);
    const fromA = readAtLeast(a.socket, 10_000);
    a.socket.write('SEND 10000\n');
    await fromA;
    b.socket.write('SEND 10000\n');
    expect((await b.ended).length).toBe(5_000);
    expect(proxy.connections).toBe(1);
    expect(proxy.cutLog[0]).toMatchObject({ connection: 2, bytesToClient: 15_000 });
    a.socket.destroy();
  });

  it('cutAll destroys every live connection both ways; stopCutting cancels a pending cut', async () => {
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: echoPort });
    const clients = await Promise.all([1, 2, 3].map(() => connect(proxy!.port)));
    await waitFor(() => serverSide.size === 3 && proxy!.connections === 3);
    proxy.cutAll();
    await Promise.all(clients.map((c) => c.ended));
    await waitFor(() => serverSide.size === 0);
    expect(proxy.connections).toBe(0);
    expect(proxy.cutLog.map((c) => c.how)).toEqual(['all', 'all', 'all']);

    proxy.cutAfterBytes(10);
    proxy.stopCutting();
    const c = await connect(proxy.port);
    const all = readAtLeast(c.socket, 1_000);
    c.socket.write('SEND 1000\n');
    expect((await all).length).toBe(1_000);
    expect(proxy.cuts).toBe(3);
  });

  it('a refused target closes the client; close() ends everything', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: port });
    const c = await connect(proxy.port);
    expect((await c.ended).length).toBe(0);

    const p2 = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: echoPort });
    const d = await connect(p2.port);
    await waitFor(() => p2.connections === 1);
    await p2.close();
    await d.ended;
    await expect(connect(p2.port)).rejects.toThrow();
  });
});
