/**
 * The sources of imported messages, read again from their files: each file
 * (an .eml, or an mbox holding many) is read once for all the messages asked
 * of it, and stops as soon as it gave them all.
 */
import { readMessageSources } from '../importer/sources.js';
import type { SourceLocation } from './sources.sql.js';

export interface LocalRead {
  keep(message: SourceLocation, raw: Buffer): void;
  /** A message its file no longer holds. */
  missing(message: SourceLocation): void;
}

/** The file a message was imported from (`file#n` names the n-th message of an mbox). */
export function importedFile(m: SourceLocation): string {
  return (m.origin ?? '').replace(/#\d+$/, '');
}

export async function readFromFiles(r: LocalRead, wanted: SourceLocation[]): Promise<void> {
  // File → origin → the messages imported from it (the same file imported twice: two).
  const files = new Map<string, Map<string, SourceLocation[]>>();
  for (const m of wanted) {
    const file = importedFile(m);
    const byOrigin = files.get(file) ?? new Map<string, SourceLocation[]>();
    byOrigin.set(m.origin ?? '', [...(byOrigin.get(m.origin ?? '') ?? []), m]);
    files.set(file, byOrigin);
  }
  for (const [file, byOrigin] of files) {
    // A file that cannot be read at all fails the read (IMPORT_FAILED, naming it).
    for await (const item of readMessageSources(file)) {
      const messages = byOrigin.get(item.source);
      if (!messages) continue;
      byOrigin.delete(item.source);
      for (const m of messages) r.keep(m, item.raw);
      if (byOrigin.size === 0) break;
    }
    for (const m of [...byOrigin.values()].flat()) r.missing(m);
  }
}
