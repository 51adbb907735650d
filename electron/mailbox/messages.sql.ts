/**
 * The messages table with each message's header block (`message_headers`)
 * and first place (`message_locations`): the list the UI pages through, one
 * message with its verdict, and the batch insert a scan or an import makes.
 * Transactions are synchronous (better-sqlite3); callers batch their writes.
 */
import type { MessageDetail, MessageSummary, Verdict } from '../../shared/types.js';
import { listHeaderFields, summarizeHeaders, type HeaderSummary } from '../mail-format/index.js';
import type { Database } from '../store/db.js';
import { detailFromStore, summaryColumns, toSummary, type MessageRow } from './message-rows.js';
import { writeTransaction } from '../store/transaction.js';

export interface MessageInput {
  uid: number;
  /**
   * Sender, recipients, subject, date. Left out: computed here. Null: stored
   * pending (`summarized` = 0), for detection to fill in from its own parse —
   * what a scan does, so it runs at the server's pace.
   */
  summary?: HeaderSummary | null;
  modseq?: string | null;
  headers: Buffer;
  size: number;
  flags: string[];
  internalDate: string | null;
  origin: string | null;
  /** The body excerpt that came with the message (a scan's PREVIEW), stored in the same transaction. */
  excerpt?: MessageExcerpt;
}

/** A bounded body text stored with its message, or why there is none. */
export interface MessageExcerpt {
  text: string | null;
  note: string | null;
}

export interface MessageListQuery {
  accountId: string;
  folderId?: number;
  search?: string;
  verdict?: Verdict;
  unsolicited?: boolean;
  offset: number;
  limit: number;
}

export interface MessagesReader {
  /** One page of an account's messages (each place listed), newest first, with the total. */
  listMessages(q: MessageListQuery): { total: number; items: MessageSummary[] };
  /** A message with its header fields and verdict; null when the store no longer has it. */
  getMessage(id: number): MessageDetail | null;
}

export interface MessagesWriter {
  /**
   * Stores a batch of messages of one folder in one transaction; returns how many were new.
   * `onInserted` sees each new message (its id, and its summary when it has one) inside the
   * same transaction.
   */
  insertMessages(
    accountId: string,
    folderId: number,
    batch: MessageInput[],
    onInserted?: OnInserted,
  ): number;
}

export type OnInserted = (summary: HeaderSummary | null, input: MessageInput, id: number) => void;

export type MessagesStore = MessagesReader & MessagesWriter;

/** Message columns, where it is, and detection's verdict (null until classified). */
const SUMMARY_COLUMNS = `m.id, m.account_id, l.folder_id, l.uid, m.message_id, m.date, m.from_name, m.from_address,
  m.to_json, m.subject, m.size, l.flags, m.has_list_unsubscribe, m.summarized, m.internal_date, c.verdict, c.score, c.unsolicited, c.router_name,
  c.advertiser_domain, c.identity, x.error AS detection_error`;
/** Each place the server holds a message: a message copied into two folders is listed in both. */
const FROM_LOCATIONS = `message_locations l JOIN messages m ON m.id = l.message_id
  LEFT JOIN classifications c ON c.message_id = m.id
  LEFT JOIN detection_errors x ON x.message_id = m.id`;
/**
 * The same rows read newest first from the account's date index, each message's places looked
 * up: a page of a large list stops after its rows instead of sorting every place (CROSS JOIN
 * keeps that order of the tables).
 */
const FROM_NEWEST = `messages m CROSS JOIN message_locations l ON l.message_id = m.id
  LEFT JOIN classifications c ON c.message_id = m.id
  LEFT JOIN detection_errors x ON x.message_id = m.id`;
/** Up to this many rows, sorting them beats walking the account's messages to find them. */
const SORTED_PLACES_MAX = 2000;
/** A list under a tenth of its account's places is found through its places (walking is ≥ 10× a page). */
const SPARSE_RATIO = 10;
/** One message at one of its places, or at none once it left the server (read with LIMIT 1). */
const FROM_MESSAGE = `messages m LEFT JOIN message_locations l ON l.message_id = m.id
  LEFT JOIN classifications c ON c.message_id = m.id
  LEFT JOIN detection_errors x ON x.message_id = m.id`;

export function createMessagesStore(db: Database): MessagesStore {
  // Positional parameters: binding names per row costs a scan more than binding values.
  const insertMessage = db.prepare(`
    INSERT INTO messages (account_id, header_sha256, internal_date, size, origin,
      summarized, message_id, date, from_name, from_address, to_json, subject, has_list_unsubscribe)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // A place the store already knows keeps its message: the new row is then taken back.
  const insertLocation = db.prepare(`
    INSERT INTO message_locations (folder_id, uid, message_id, account_id, uidvalidity, flags, modseq)
    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (folder_id, uid) DO NOTHING`);
  const takeBack = db.prepare(`DELETE FROM messages WHERE id = ?`);
  const folderUidValidity = db.prepare(`SELECT uidvalidity FROM folders WHERE id = ?`).pluck();
  const insertHeaders = db.prepare(`INSERT INTO message_headers (message_id, raw) VALUES (?, ?)`);
  const insertExcerpt = db.prepare(
    `INSERT INTO message_excerpts (message_id, text, html, note, fetched_at) VALUES (?, ?, NULL, ?, ?)`,
  );
  const accountPlaces = db
    .prepare(`SELECT COUNT(*) FROM message_locations WHERE account_id = ?`)
    .pluck();
  const headersOf = db.prepare(`SELECT raw FROM message_headers WHERE message_id = ?`).pluck();
  const message = db.prepare(
    `SELECT ${SUMMARY_COLUMNS}, c.detail FROM ${FROM_MESSAGE} WHERE m.id = ? LIMIT 1`,
  );

  const insertMessages = writeTransaction(
    db,
    (
      accountId: string,
      folderId: number,
      batch: MessageInput[],
      onInserted?: OnInserted,
    ): number => {
      let added = 0;
      const now = new Date().toISOString();
      const uidvalidity = folderUidValidity.get(folderId) ?? null;
      for (const m of batch) {
        const s = m.summary === undefined ? summarizeHeaders(m.headers) : m.summary;
        const c = summaryColumns(s, m.internalDate);
        const result = insertMessage.run(
          accountId,
          // The header hash is worked out when a move must be recognised (locations.sql.ts).
          null,
          m.internalDate,
          m.size,
          m.origin,
          c.summarized,
          c.messageId,
          c.date,
          c.fromName,
          c.fromAddress,
          c.toJson,
          c.subject,
          c.hasListUnsubscribe,
        );
        const placed = insertLocation.run(
          folderId,
          m.uid,
          result.lastInsertRowid,
          accountId,
          uidvalidity,
          m.flags.join(' '),
          m.modseq ?? null,
        );
        if (placed.changes === 0) {
          takeBack.run(result.lastInsertRowid);
          continue;
        }
        insertHeaders.run(result.lastInsertRowid, m.headers);
        if (m.excerpt)
          insertExcerpt.run(result.lastInsertRowid, m.excerpt.text, m.excerpt.note, now);
        added += 1;
        onInserted?.(s, m, Number(result.lastInsertRowid));
      }
      return added;
    },
  );

  return {
    insertMessages: (accountId, folderId, batch, onInserted) =>
      insertMessages(accountId, folderId, batch, onInserted),

    listMessages(q) {
      // A row a scan just stored has no summary yet: its raw header block is searched instead.
      const search = `(m.subject LIKE @like ESCAPE '\\' OR m.from_address LIKE @like ESCAPE '\\'
        OR m.from_name LIKE @like ESCAPE '\\' OR c.advertiser_domain LIKE @like ESCAPE '\\'
        OR (m.summarized = 0 AND EXISTS (SELECT 1 FROM message_headers h WHERE h.message_id = m.id
          AND CAST(h.raw AS TEXT) LIKE @like ESCAPE '\\')))`;
      const conditions = (folder: string) =>
        [
          'l.account_id = @accountId',
          q.folderId !== undefined && `${folder} = @folderId`,
          q.verdict !== undefined && 'c.verdict = @verdict',
          q.unsolicited !== undefined && `c.unsolicited = ${q.unsolicited ? 1 : 0}`,
          q.search && search,
        ]
          .filter(Boolean)
          .join(' AND ');
      const params = { ...q, like: q.search ? `%${q.search.replace(/[\\%_]/g, '\\$&')}%` : null };
      // Every place has its message (foreign key): without a filter on the message or its
      // verdict, the places alone give the count.
      const onPlacesOnly = q.verdict === undefined && q.unsolicited === undefined && !q.search;
      const total = db
        .prepare(
          `SELECT COUNT(*) FROM ${onPlacesOnly ? 'message_locations l' : FROM_LOCATIONS}
          WHERE ${conditions('l.folder_id')}`,
        )
        .pluck()
        .get(params) as number;
      // A long list that is a good part of the account is read newest first from the account's
      // date index (the folder a filter on each place, `+` keeping its index out), so a page
      // stops after its rows; a short or sparse one is found through its places and sorted.
      const filtered = q.folderId !== undefined || !onPlacesOnly;
      const newestFirst =
        total > SORTED_PLACES_MAX &&
        (!filtered || total * SPARSE_RATIO >= (accountPlaces.get(q.accountId) as number));
      const rows = db
        .prepare(
          `SELECT ${SUMMARY_COLUMNS} FROM ${newestFirst ? FROM_NEWEST : FROM_LOCATIONS}
          WHERE ${newestFirst ? `m.account_id = @accountId AND ${conditions('+l.folder_id')}` : conditions('l.folder_id')}
          ORDER BY m.date DESC, m.id DESC, l.folder_id LIMIT @limit OFFSET @offset`,
        )
        .all(params) as MessageRow[];
      return {
        total,
        items: rows.map((r) => toSummary(r, () => headersOf.get(r.id) as Buffer | undefined)),
      };
    },

    getMessage(id) {
      const row = message.get(id) as (MessageRow & { detail: string | null }) | undefined;
      if (!row) return null;
      const headers = (headersOf.get(id) as Buffer | undefined) ?? Buffer.alloc(0);
      return {
        // The block just read serves a row still waiting for its summary too.
        ...toSummary(row, () => headers),
        headers: listHeaderFields(headers),
        rawHeaders: headers.toString('latin1'),
        classification: row.detail ? detailFromStore(row.detail) : null,
      };
    },
  };
}
