/**
 * Old Mac mail files end their lines with a lone CR, which neither the mbox
 * splitter nor the header parser reads as a line end. When a file's first line
 * end is a lone CR, every lone CR becomes CRLF (the CR stays, an LF follows);
 * a file whose first line end is LF or CRLF passes through untouched, byte
 * for byte. Works chunk by chunk, in one pass.
 */
const CR = 0x0d;
const LF = 0x0a;
const LF_BYTE = Buffer.from([LF]);

export class LineEndNormalizer {
  private mode: 'undecided' | 'lf' | 'cr' = 'undecided';
  /**
   * In 'cr' mode: the last chunk ended with a CR, whether an LF follows is in the next chunk.
   * Undecided: the last chunk ended inside the file's first run of CRs.
   */
  private pendingCr = false;

  push(chunk: Buffer): Buffer {
    if (this.mode === 'lf' || chunk.length === 0) return chunk;
    if (this.mode === 'undecided') {
      const owed = this.pendingCr;
      if (this.decide(chunk) !== 'cr') return chunk;
      // The first line end was a lone CR that ended the previous chunk: its LF comes first.
      const parts = this.addLineFeeds(chunk);
      return Buffer.concat(owed ? [LF_BYTE, ...parts] : parts);
    }
    const out: Buffer[] = [];
    if (this.pendingCr) {
      this.pendingCr = false;
      if (chunk[0] !== LF) out.push(LF_BYTE);
    }
    return Buffer.concat([...out, ...this.addLineFeeds(chunk)]);
  }

  /** What is left at the end of the file: the LF after a final lone CR. */
  end(): Buffer {
    const last = this.pendingCr && this.mode === 'cr' ? LF_BYTE : Buffer.alloc(0);
    this.pendingCr = false;
    return last;
  }

  /**
   * Picks the mode from the file's first line end: an LF after any number of CRs (LF, CRLF, and
   * the CR CR LF some relays write) means the lines already end with LF; a CR followed by
   * anything else is an old Mac file.
   */
  private decide(chunk: Buffer): LineEndNormalizer['mode'] {
    let i = 0;
    if (!this.pendingCr) {
      const cr = chunk.indexOf(CR);
      const lf = chunk.indexOf(LF);
      if (cr === -1 && lf === -1) return this.mode;
      if (cr === -1 || (lf !== -1 && lf < cr)) return (this.mode = 'lf');
      i = cr;
    }
    while (i < chunk.length && chunk[i] === CR) i++;
    this.pendingCr = i === chunk.length;
    if (this.pendingCr) return this.mode;
    return (this.mode = chunk[i] === LF ? 'lf' : 'cr');
  }

  private addLineFeeds(chunk: Buffer): Buffer[] {
    const parts: Buffer[] = [];
    let from = 0;
    for (let cr = chunk.indexOf(CR); cr !== -1; cr = chunk.indexOf(CR, cr + 1)) {
      if (cr + 1 === chunk.length) {
        this.pendingCr = true;
        break;
      }
      if (chunk[cr + 1] !== LF) {
        parts.push(chunk.subarray(from, cr + 1), LF_BYTE);
        from = cr + 1;
      }
    }
    parts.push(chunk.subarray(from));
    return parts;
  }
}
