/**
 * The files serve mode offers for download, each behind a short-lived random
 * id. The download route takes an id, never a path: a request cannot name a
 * file. A file registered by path must be under the data folder's exports/,
 * checked on the real path (links resolved) when registered and again when
 * sent, so a link swapped in later cannot lead outside.
 */
import { randomBytes } from 'node:crypto';
import { realpathSync, statSync, type ReadStream } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ProducedFile } from './files.js';

/** How long a download stays available after the core made it. */
const DOWNLOAD_TTL_MS = 10 * 60_000;
/** Downloads held at once; past it the oldest goes (bytes wait in memory). */
const MAX_PENDING = 32;
/** 16 random bytes in base64url: what register() hands out. */
export const DOWNLOAD_ID = /^[A-Za-z0-9_-]{22}$/;

export interface OpenedDownload {
  name: string;
  type: string;
  size: number;
  body: Buffer | ReadStream;
}

export interface DownloadRegistry {
  /** Offers a file for one download; returns its id. Throws for a path outside exports/. */
  register(file: ProducedFile): string;
  /** The file behind an id, once (the id is then forgotten); null when unknown or expired. */
  take(id: string): Promise<OpenedDownload | null>;
}

interface Pending {
  file: ProducedFile;
  expiresAt: number;
}

export function createDownloadRegistry(
  exportsDir: string,
  clock: () => number = Date.now,
): DownloadRegistry {
  const pending = new Map<string, Pending>();
  const forgetExpired = () => {
    const now = clock();
    for (const [id, entry] of pending) if (entry.expiresAt <= now) pending.delete(id);
  };
  return {
    register(file) {
      if ('path' in file) assertInsideExports(exportsDir, file.path);
      forgetExpired();
      // Map keeps insertion order: the first key is the oldest.
      while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
      const id = randomBytes(16).toString('base64url');
      pending.set(id, { file, expiresAt: clock() + DOWNLOAD_TTL_MS });
      return id;
    },
    async take(id) {
      forgetExpired();
      const entry = pending.get(id);
      if (!entry) return null;
      pending.delete(id);
      const { file } = entry;
      if ('bytes' in file)
        return { name: file.name, type: file.type, size: file.bytes.length, body: file.bytes };
      return openInsideExports(exportsDir, file);
    },
  };
}

function assertInsideExports(exportsDir: string, file: string): void {
  const real = realpathSync(file);
  if (!isInside(realpathSync(exportsDir), real) || !statSync(real).isFile())
    throw new Error(`Only regular files under ${exportsDir} can be downloaded, not ${file}.`);
}

/** Null when the file is gone or no longer a regular file inside exports/. */
async function openInsideExports(
  exportsDir: string,
  file: { name: string; type: string; path: string },
): Promise<OpenedDownload | null> {
  const real = await realpath(file.path).catch(() => null);
  const root = await realpath(exportsDir).catch(() => null);
  if (!real || !root || !isInside(root, real)) return null;
  const handle = await open(real, 'r');
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    return null;
  }
  return { name: file.name, type: file.type, size: info.size, body: handle.createReadStream() };
}

function isInside(root: string, candidate: string): boolean {
  return candidate.startsWith(root + path.sep);
}

/**
 * A Content-Disposition for an attachment whose name may hold any character:
 * `filename*` (RFC 5987) carries it in UTF-8, and `filename` an ASCII stand-in
 * for clients that read only that (RFC 6266, section 4.3).
 */
export function attachmentDisposition(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/gu, '_');
  // encodeURIComponent leaves ' ( ) * as they are; RFC 5987's attr-char does not allow them.
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
