/**
 * Body excerpts (`message_excerpts`): the first 64 KB of a message's text and
 * HTML, kept for cold-prospecting candidates. Sync fetches them from the
 * server, an import reads them from the file; detection reads them with the
 * message (verdicts.sql.ts).
 */
import type { Database } from '../store/db.js';

export interface ExcerptRow {
  messageId: number;
  text: string | null;
  html: string | null;
  /** Why there is no text (e.g. 'no text part'). */
  note: string | null;
  fetchedAt: string;
}

/** A message of a folder that may need its excerpt: it has none yet. */
export interface ExcerptCandidate {
  id: number;
  uid: number;
  from_address: string | null;
  /** Only for a row still waiting for its summary (a scan stores none). */
  pending_headers: Buffer | null;
}

export interface ExcerptsReader {
  /**
   * Up to `limit` messages of the folder, newest UID first, without an excerpt and without
   * List-Unsubscribe (or not summarized yet: the caller reads their block).
   */
  candidates(folderId: number, limit: number): ExcerptCandidate[];
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
    `SELECT m.id, l.uid, m.from_address, CASE WHEN m.summarized = 0 THEN h.raw END AS pending_headers
     FROM message_locations l JOIN messages m ON m.id = l.message_id
     JOIN message_headers h ON h.message_id = m.id
     LEFT JOIN message_excerpts e ON e.message_id = m.id
     WHERE l.folder_id = ? AND (m.summarized = 0 OR m.has_list_unsubscribe = 0) AND e.message_id IS NULL
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
    candidates: (folderId, limit) => candidates.all(folderId, limit) as ExcerptCandidate[],
    saveFetched: db.transaction((rows: readonly ExcerptRow[]) => {
      for (const r of rows) replace.run(r.messageId, r.text, r.html, r.note, r.fetchedAt);
    }),
    saveImported: db.transaction(
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
