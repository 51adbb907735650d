/**
 * Some relays and archives end lines with CR CR LF (a CRLF file converted
 * again): no parser sees a blank line between such a message's headers and
 * its body, so the body reads as more headers and no text is found. Each
 * run of CRs before an LF becomes one CR; any other byte stays.
 */
const DOUBLED = Buffer.from('\r\r\n', 'latin1');

export function collapseDoubledCarriageReturns(raw: Buffer): Buffer {
  if (raw.indexOf(DOUBLED) === -1) return raw;
  const out = Buffer.allocUnsafe(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    // A CR followed by another CR is dropped when the run ends in an LF.
    if (c === 0x0d && raw[i + 1] === 0x0d) {
      let end = i + 1;
      while (raw[end] === 0x0d) end++;
      if (raw[end] === 0x0a) {
        out[n++] = 0x0d;
        i = end - 1;
        continue;
      }
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}
