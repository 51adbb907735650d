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
  /** The last chunk ended with a CR: whether an LF follows is in the next chunk. */
  private pendingCr = false;

  push(chunk: Buffer): Buffer {
    if (this.mode === 'lf' || chunk.length === 0) return chunk;
    const out: Buffer[] = [];
    if (this.pendingCr) {
      this.pendingCr = false;
      if (chunk[0] === LF) {
        if (this.mode === 'undecided') {
          this.mode = 'lf';
          return chunk;
        }
      } else {
        this.mode = 'cr';
        out.push(LF_BYTE);
      }
    }
    if (this.mode === 'undecided') this.decide(chunk);
    if (this.mode !== 'cr') return out.length ? Buffer.concat([...out, chunk]) : chunk;
    return Buffer.concat([...out, ...this.addLineFeeds(chunk)]);
  }

  /** What is left at the end of the file: the LF after a final lone CR. */
  end(): Buffer {
    const last = this.pendingCr ? LF_BYTE : Buffer.alloc(0);
    this.pendingCr = false;
    return last;
  }

  /** Picks the mode from the chunk's first line end, if it has one. */
  private decide(chunk: Buffer): void {
    const cr = chunk.indexOf(CR);
    const lf = chunk.indexOf(LF);
    if (cr === -1 && lf === -1) return;
    if (cr === -1 || (lf !== -1 && lf < cr)) this.mode = 'lf';
    else if (cr + 1 === chunk.length) this.pendingCr = true;
    else this.mode = chunk[cr + 1] === LF ? 'lf' : 'cr';
    // A final CR is the last byte: addLineFeeds is not run, so the chunk passes as it is.
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
