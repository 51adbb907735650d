/**
 * Frames an IMAP server's byte stream into responses. A response is a line
 * that may carry literals ({N} then N raw bytes, then the line goes on), so
 * it is kept as alternating text parts and literal buffers. Literal bytes are
 * never decoded or copied more than once: header blocks stay byte-exact.
 */
export type ResponsePart = string | Buffer;

export interface RawResponse {
  parts: ResponsePart[];
}

const MAX_LINE = 1 << 20; // a text line (outside literals) longer than this is a broken server

export class ResponseReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private parts: ResponsePart[] = [];
  private literalNeeded = -1;

  constructor(private readonly onResponse: (r: RawResponse) => void) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.drain();
  }

  private drain(): void {
    for (;;) {
      if (this.literalNeeded >= 0) {
        if (this.buffered < this.literalNeeded) return;
        this.parts.push(this.take(this.literalNeeded));
        this.literalNeeded = -1;
        continue;
      }
      const lineEnd = this.indexOfCrlf();
      if (lineEnd === -1) {
        if (this.buffered > MAX_LINE) throw new Error('IMAP response line too long');
        return;
      }
      const line = this.takeText(lineEnd);
      const literal = /\{(\d{1,10})\+?\}$/.exec(line);
      if (literal) {
        this.parts.push(line.slice(0, literal.index));
        this.literalNeeded = Number(literal[1]);
      } else {
        this.parts.push(line);
        const parts = this.parts;
        this.parts = [];
        this.onResponse({ parts });
      }
    }
  }

  private indexOfCrlf(): number {
    if (this.chunks.length > 1) this.compact();
    const first = this.chunks[0];
    return first ? first.indexOf('\r\n') : -1;
  }

  private compact(): void {
    this.chunks = [Buffer.concat(this.chunks, this.buffered)];
  }

  /**
   * A view on the socket's chunk, not a copy: a literal is copied once, when
   * its batch is handed to the writer thread, and the chunk is freed then.
   */
  private take(n: number): Buffer {
    if (this.chunks.length > 1) this.compact();
    const first = this.chunks[0]!;
    const out = first.subarray(0, n);
    const rest = first.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered -= n;
    return out;
  }

  /** A line's text (without its CRLF), decoded straight from the chunk. */
  private takeText(lineEnd: number): string {
    if (this.chunks.length > 1) this.compact();
    const text = this.chunks[0]!.toString('latin1', 0, lineEnd);
    this.take(lineEnd + 2);
    return text;
  }
}
