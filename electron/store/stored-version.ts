/**
 * The schema version (PRAGMA user_version) a database file holds, read from
 * its bytes so that nothing is written: SQLite itself, even read-only, would
 * create or update the -shm index next to a WAL database. When a write-ahead
 * log holds committed transactions not yet copied into the file, the newest
 * committed copy of page 1 in it wins, found the way SQLite's own recovery
 * does (salts and cumulative checksums). Format: https://sqlite.org/fileformat2.html
 */
import { closeSync, openSync, readSync } from 'node:fs';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const DB_HEADER_BYTES = 100;
/** Where the database header keeps PRAGMA user_version (big-endian, 4 bytes). */
const USER_VERSION_OFFSET = 60;
const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;
/** The WAL magic numbers: the low bit says the checksums' byte order (1: big-endian). */
const WAL_MAGIC = [0x377f0682, 0x377f0683];

/** The schema version `file` holds; 0 for no file, an empty one, or one that is not a database. */
export function storedSchemaVersion(file: string): number {
  const page1 = newestCommittedPage1(`${file}-wal`) ?? readAt(file, 0, DB_HEADER_BYTES);
  if (!page1 || !page1.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return 0;
  return page1.readUInt32BE(USER_VERSION_OFFSET);
}

/** Page 1 as the last committed transaction in the WAL left it; null if no transaction there wrote it. */
function newestCommittedPage1(walFile: string): Buffer | null {
  const fd = openIfPresent(walFile);
  if (fd === null) return null;
  try {
    const header = Buffer.alloc(WAL_HEADER_BYTES);
    if (readSync(fd, header, 0, WAL_HEADER_BYTES, 0) < WAL_HEADER_BYTES) return null;
    const magic = header.readUInt32BE(0);
    if (!WAL_MAGIC.includes(magic)) return null;
    const bigEndian = (magic & 1) === 1;
    const pageSize = header.readUInt32BE(8);
    const salts = header.subarray(16, 24);
    let sum = checksum(header.subarray(0, 24), [0, 0], bigEndian);
    if (sum[0] !== header.readUInt32BE(24) || sum[1] !== header.readUInt32BE(28)) return null;

    const frame = Buffer.alloc(WAL_FRAME_HEADER_BYTES + pageSize);
    let latestPage1: Buffer | null = null;
    let committedPage1: Buffer | null = null;
    for (let offset = WAL_HEADER_BYTES; ; offset += frame.length) {
      if (readSync(fd, frame, 0, frame.length, offset) < frame.length) break;
      // A frame from before the log was restarted, or one torn by a crash, ends the valid log.
      if (!frame.subarray(8, 16).equals(salts)) break;
      sum = checksum(frame.subarray(0, 8), sum, bigEndian);
      sum = checksum(frame.subarray(WAL_FRAME_HEADER_BYTES), sum, bigEndian);
      if (sum[0] !== frame.readUInt32BE(16) || sum[1] !== frame.readUInt32BE(20)) break;
      if (frame.readUInt32BE(0) === 1)
        latestPage1 = Buffer.from(frame.subarray(WAL_FRAME_HEADER_BYTES));
      // A commit frame (the database's size in pages after it) makes its transaction count.
      if (frame.readUInt32BE(4) !== 0) committedPage1 = latestPage1;
    }
    return committedPage1;
  } finally {
    closeSync(fd);
  }
}

/** SQLite's WAL checksum over 8-byte steps, continuing from `seed`. */
function checksum(data: Buffer, seed: [number, number], bigEndian: boolean): [number, number] {
  let [s0, s1] = seed;
  for (let i = 0; i < data.length; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

function readAt(file: string, position: number, length: number): Buffer | null {
  const fd = openIfPresent(file);
  if (fd === null) return null;
  try {
    const out = Buffer.alloc(length);
    return readSync(fd, out, 0, length, position) === length ? out : null;
  } finally {
    closeSync(fd);
  }
}

function openIfPresent(file: string): number | null {
  try {
    return openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
