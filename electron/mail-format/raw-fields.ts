/**
 * Header fields found in the raw bytes, without decoding the block: for the
 * few questions asked of every scanned message before detection parses it.
 */

/**
 * The first field named `name` (lowercase ASCII), with its folded lines, as a
 * view into the block; null when the block has none.
 */
export function rawField(headers: Buffer, name: string): Buffer | null {
  for (let start = 0; start < headers.length;) {
    if (isFieldNamed(headers, start, name)) {
      let end = start;
      do end = headers.indexOf(10, end) + 1 || headers.length;
      while (end < headers.length && (headers[end] === 32 || headers[end] === 9));
      return headers.subarray(start, end);
    }
    const next = headers.indexOf(10, start);
    if (next === -1) return null;
    start = next + 1;
  }
  return null;
}

function isFieldNamed(headers: Buffer, at: number, name: string): boolean {
  if (headers[at + name.length] !== 58) return false;
  for (let k = 0; k < name.length; k++)
    if ((headers[at + k]! | 32) !== name.charCodeAt(k)) return false;
  return true;
}
