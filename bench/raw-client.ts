/**
 * The benchmark's baseline: the smallest honest IMAP client on node:net. It
 * logs in, opens each folder and fetches exactly what the sync's initial scan
 * needs (UID, flags, internal date, size, the full header block), reading
 * until the tagged OK. It parses nothing beyond what it must to find the end
 * of a response: literals `{N}` are skipped by length, so a header that
 * contains "\r\nc OK" cannot end the read early. Benchmark-only: no TLS, no
 * error recovery.
 */
import net from 'node:net';

export interface RawFetchOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Folders fetched one after the other on the same connection. */
  folders: string[];
  /** SELECT instead of EXAMINE (the first, warming run: Dovecot moves new/ to cur/). */
  select?: boolean;
  timeoutMs?: number;
  /** The FETCH command sent in each folder (default: the scan's, SCAN_FETCH). */
  fetch?: string;
}

export interface RawFetchResult {
  /** From connect to the last folder's tagged OK (LOGOUT not included). */
  ms: number;
  /** FETCH responses received. */
  messages: number;
  /** Bytes received from the server. */
  bytes: number;
}

export const SCAN_FETCH = 'UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER])';
/**
 * The scan's FETCH with the excerpts a first sync reads of a multipart/alternative message (most
 * of the bench's): its structure, the text part's first 4 KB and the HTML part's first 16 KB.
 */
export const EXCERPT_FETCH =
  'UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER] BODYSTRUCTURE ' +
  'BODY.PEEK[1]<0.4096> BODY.PEEK[2]<0.16384>)';

export function rawFetch(options: RawFetchOptions): Promise<RawFetchResult> {
  const started = performance.now();
  const socket = net.connect({ host: options.host, port: options.port });
  socket.setNoDelay(true);
  const reader = new ResponseReader();
  let bytes = 0;
  let step = 0;
  let tag = '';
  let finished: RawFetchResult | undefined;
  const commands = [
    `LOGIN ${quote(options.user)} ${quote(options.password)}`,
    ...options.folders.flatMap((f) => [
      options.select ? `SELECT ${quote(f)} (CONDSTORE)` : `EXAMINE ${quote(f)}`,
      options.fetch ?? SCAN_FETCH,
    ]),
  ];

  return new Promise<RawFetchResult>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error('raw fetch timed out')),
      options.timeoutMs ?? 600_000,
    );
    const fail = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    const send = () => {
      tag = `c${step}`;
      socket.write(`${tag} ${commands[step]}\r\n`);
    };
    reader.onResponse = (first) => {
      if (tag === '') {
        if (!first.startsWith('* OK')) fail(new Error(`unexpected greeting: ${first}`));
        else send();
        return;
      }
      if (first.startsWith('* ') || finished !== undefined) return;
      if (!first.startsWith(`${tag} `)) return;
      if (!first.startsWith(`${tag} OK`)) {
        fail(new Error(`${commands[step]?.split(' ')[0]} failed: ${first.trim()}`));
        return;
      }
      if (++step < commands.length) {
        send();
        return;
      }
      const ms = performance.now() - started;
      // Log out properly and wait for the server to close, so the session is
      // over when the next measurement starts.
      finished = { ms, messages: reader.fetches, bytes };
      socket.write('z LOGOUT\r\n');
    };
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      reader.push(chunk);
    });
    socket.on('error', fail);
    socket.on('close', () => {
      if (finished === undefined) {
        fail(new Error('connection closed before the end'));
        return;
      }
      clearTimeout(timer);
      resolve(finished);
    });
  });
}

/**
 * Splits the server's stream into responses. `onResponse` gets the first
 * line of each complete response (with its CRLF); literals are skipped.
 */
export class ResponseReader {
  onResponse: (firstLine: string) => void = () => {};
  /** Untagged "* n FETCH" responses seen. */
  fetches = 0;
  private literal = 0;
  private partial = '';
  private first: string | undefined;

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.literal > 0) {
        const take = Math.min(this.literal, chunk.length - i);
        this.literal -= take;
        i += take;
        continue;
      }
      const lf = chunk.indexOf(10, i);
      if (lf < 0) {
        this.partial += chunk.toString('latin1', i);
        return;
      }
      const line = this.partial + chunk.toString('latin1', i, lf + 1);
      this.partial = '';
      i = lf + 1;
      this.first ??= line;
      const literal = /\{(\d+)\}\r\n$/.exec(line);
      if (literal) {
        this.literal = Number(literal[1]);
        continue;
      }
      const first = this.first;
      this.first = undefined;
      if (/^\* \d+ FETCH /.test(first)) this.fetches++;
      this.onResponse(first);
    }
  }
}

function quote(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
