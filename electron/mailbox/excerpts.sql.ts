/**
 * Body excerpts (`message_excerpts`): a bounded start of a message's text
 * and of its HTML. Sync stores the server's PREVIEW with the message
 * (messages.sql.ts) or fetches the text and HTML parts right after its scan;
 * an import reads them from the file (within the same bounds);
 * detection reads them with the message (verdicts.sql.ts).
 */
import type { Database } from '../store/db.js';
import { writeTransaction } from '../store/transaction.js';

export interface ExcerptRow {
  messageId: number;
  text: string | null;
  html: string | null;
  /** Why there is no text (e.g. 'no text part'). */
  note: string | null;
  fetchedAt: string;
}

/** A message of a folder that needs its excerpt: it has none yet. */
export interface ExcerptCandidate {
  id: number;
  uid: number;
}

export interface ExcerptsReader {
  /**
   * Up to `limit` messages of the folder with a UID from `fromUid` and below `belowUid`, newest
   * first, that have no excerpt: the mail a sync just stored.
   */
  withoutExcerpt(
    folderId: number,
    uids: { fromUid: number; belowUid: number },
    limit: number,
  ): ExcerptCandidate[];
}

export interface ExcerptsWriter {
  /** Excerpts fetched from the server, in one transaction (an earlier one is replaced). */
  saveFetched(rows: readonly ExcerptRow[]): void;
  /**
   * Excerpts an import read, for messages found by folder and UID (already inserted), in one
   * transaction; a message that has one keeps it.
   */
  saveImported(
    folderId: number,
    rows: ReadonlyArray<{ uid: number; text: string | null; html: string | null }>,
    at: string,
  ): void;
}

export type ExcerptsStore = ExcerptsReader & ExcerptsWriter;

export function createExcerptsStore(db: Database): ExcerptsStore {
  const candidates = db.prepare(
    `SELECT l.message_id AS id, l.uid FROM message_locations l
     WHERE l.folder_id = ? AND l.uid >= ? AND l.uid < ?
       AND NOT EXISTS (SELECT 1 FROM message_excerpts e WHERE e.message_id = l.message_id)
     ORDER BY l.uid DESC LIMIT ?`,
  );
  const replace = db.prepare(
    `INSERT OR REPLACE INTO message_excerpts (message_id, text, html, note, fetched_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const findMessage = db
    .prepare(`SELECT message_id FROM message_locations WHERE folder_id = ? AND uid = ?`)
    .pluck();
  const keep = db.prepare(
    `INSERT OR IGNORE INTO message_excerpts (message_id, text, html, note, fetched_at) VALUES (?, ?, ?, NULL, ?)`,
  );
  return {
    withoutExcerpt: (folderId, { fromUid, belowUid }, limit) =>
      candidates.all(folderId, fromUid, belowUid, limit) as ExcerptCandidate[],
    saveFetched: writeTransaction(db, (rows: readonly ExcerptRow[]) => {
      for (const r of rows) replace.run(r.messageId, r.text, r.html, r.note, r.fetchedAt);
    }),
    saveImported: writeTransaction(
      db,
      (
        folderId: number,
        rows: ReadonlyArray<{ uid: number; text: string | null; html: string | null }>,
        at: string,
      ) => {
        for (const { uid, text, html } of rows) {
          const id = findMessage.get(folderId, uid) as number | undefined;
          if (id !== undefined) keep.run(id, text, html, at);
        }
      },
    ),
  };
}
