/**
 * Where a bundle's files go as they are produced: into a new folder (each file
 * written once, private to the user) and into a ZIP built as a stream (fflate's
 * Zip, its chunks written to the file as they come), each file's SHA-256 taken
 * on the way for the seal. Memory holds one file at a time. The seal is the
 * last thing written: a bundle cut short has no manifest.json, and `discard`
 * removes what was written of it.
 */
import { createWriteStream, mkdirSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { Zip, ZipDeflate } from 'fflate';
import { AppError } from '../errors.js';
import { sha256, type ManifestEntry } from './manifest.js';

export interface BundleSink {
  readonly folder: string;
  readonly zip: string;
  /** Writes one file into the folder and the ZIP; answers its manifest entry. */
  add(file: string, bytes: Buffer): Promise<ManifestEntry>;
  /** Ends the ZIP and waits for it to be on disk. */
  finish(): Promise<void>;
  /** Removes the folder and the ZIP written so far (a cancelled or failed export). */
  discard(): Promise<void>;
}

/** Opens `<outDir>/<name>/` and `<outDir>/<name>.zip`, both new (never written into). */
export function openBundleSink(outDir: string, name: string): BundleSink {
  const folder = path.join(outDir, name);
  const zipPath = `${folder}.zip`;
  createFolder(folder);
  let out: WriteStream;
  try {
    out = createWriteStream(zipPath, { flags: 'wx', mode: 0o600 });
  } catch (err) {
    rmSync(folder, { recursive: true, force: true });
    throw err;
  }
  let failure: Error | null = null;
  out.on('error', (err) => (failure ??= err));
  const zip = new Zip((err, chunk, final) => {
    if (err) failure ??= err;
    else {
      out.write(chunk);
      if (final) out.end();
    }
  });
  let created = false;
  const opened = once(out, 'open').then(() => {
    created = true;
  });
  // Awaited by add() and finish(); a failure to open is theirs to report.
  opened.catch(() => undefined);

  return {
    folder,
    zip: zipPath,
    async add(file, bytes) {
      await opened;
      if (failure) throw failure;
      const full = path.join(folder, ...file.split('/'));
      mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
      writeFileSync(full, bytes, { mode: 0o600, flag: 'wx' });
      // The bundle's files sit under one top folder, as a person unzipping expects.
      const entry = new ZipDeflate(`${name}/${file}`, { level: 6 });
      zip.add(entry);
      entry.push(bytes, true);
      // Waits for the file stream to take the chunks: what is compressed does not pile up.
      if (out.writableNeedDrain) await once(out, 'drain');
      return { path: file, sha256: sha256(bytes), size: bytes.length };
    },
    async finish() {
      await opened;
      const closed = once(out, 'close');
      zip.end();
      await closed;
      if (failure) throw failure;
    },
    async discard() {
      zip.terminate();
      if (!out.closed) {
        // Writes still pending fail once destroyed: only the closing matters now.
        const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
        out.destroy();
        await closed;
      }
      rmSync(folder, { recursive: true, force: true });
      // Only a ZIP this export created: never one that was there before.
      if (created) rmSync(zipPath, { force: true });
    },
  };
}

/** A new folder (an existing one is never written into), private: the files are the user's mail. */
function createFolder(folder: string): void {
  mkdirSync(path.dirname(folder), { recursive: true, mode: 0o700 });
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch (err) {
    if ((err as { code?: string }).code === 'EEXIST')
      throw new AppError('CONFLICT', `${folder} exists already; export again in a moment.`);
    throw err;
  }
}
