/**
 * The folders and messages tables: what the store knows of each mailbox.
 * Transactions are synchronous (better-sqlite3); callers batch their writes.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../store/db.js';
import type {
  ClassificationDetail,
  Folder,
  MessageDetail,
  MessageSummary,
  SpecialUse,
  Verdict,
} from '../../shared/types.js';
import { listHeaderFields, summarizeHeaders, type HeaderSummary } from '../mail-format/index.js';
import { storedSignal } from '../detect/signals.js';

export interface FolderInput {
  path: string;
  /** As the server lists it (modified UTF-7): what commands must name. */
  listedPath?: string;
  /** Why sync leaves it alone, e.g. a virtual folder repeating others. */
  skipReason?: string | null;
  name: string;
  delimiter: string | null;
  specialUse: SpecialUse | null;
  messages: number;
  unseen: number;
}

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
}

interface FolderRow {
  id: number;
  account_id: string;
  path: string;
  name: string;
  delimiter: string | null;
  special_use: string | null;
  messages: number;
  unseen: number;
}

interface MessageRow {
  id: number;
  account_id: string;
  folder_id: number | null;
  uid: number | null;
  message_id: string | null;
  date: string | null;
  from_name: string | null;
  from_address: string | null;
  to_json: string;
  subject: string;
  size: number;
  flags: string;
  has_list_unsubscribe: number;
  summarized: number;
  internal_date: string | null;
  verdict: Verdict | null;
  score: number | null;
  unsolicited: number | null;
  router_name: string | null;
  advertiser_domain: string | null;
  identity: string | null;
  detection_error: string | null;
}

/** Message columns, where it is, and detection's verdict (null until classified). */
const SUMMARY_COLUMNS = `m.id, m.account_id, l.folder_id, l.uid, m.message_id, m.date, m.from_name, m.from_address,
  m.to_json, m.subject, m.size, l.flags, m.has_list_unsubscribe, m.summarized, m.internal_date, c.verdict, c.score, c.unsolicited, c.router_name,
  c.advertiser_domain, c.identity, x.error AS detection_error`;
/** Each place the server holds a message: a message copied into two folders is listed in both. */
const FROM_LOCATIONS = `message_locations l JOIN messages m ON m.id = l.message_id
  LEFT JOIN classifications c ON c.message_id = m.id
  LEFT JOIN detection_errors x ON x.message_id = m.id`;
/** One message at one of its places, or at none once it left the server (read with LIMIT 1). */
const FROM_MESSAGE = `messages m LEFT JOIN message_locations l ON l.message_id = m.id
  LEFT JOIN classifications c ON c.message_id = m.id
  LEFT JOIN detection_errors x ON x.message_id = m.id`;

export function createMailboxRepo(db: Database) {
  const upsertFolder = db.prepare(`
    INSERT INTO folders (account_id, path, name, delimiter, special_use, messages, unseen, listed_path, skip_reason)
    VALUES (@accountId, @path, @name, @delimiter, @specialUse, @messages, @unseen, @listedPath, @skipReason)
    ON CONFLICT (account_id, path) DO UPDATE SET name = excluded.name, delimiter = excluded.delimiter,
      special_use = excluded.special_use, messages = excluded.messages, unseen = excluded.unseen,
      listed_path = excluded.listed_path, skip_reason = excluded.skip_reason`);
  const locationExists = db
    .prepare(`SELECT 1 FROM message_locations WHERE folder_id = ? AND uid = ?`)
    .pluck();
  // Positional parameters: binding names per row costs a scan more than binding values.
  const insertMessage = db.prepare(`
    INSERT INTO messages (account_id, header_sha256, internal_date, size, origin,
      summarized, message_id, date, from_name, from_address, to_json, subject, has_list_unsubscribe)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertLocation = db.prepare(`
    INSERT INTO message_locations (folder_id, uid, message_id, account_id, uidvalidity, flags, modseq)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const folderUidValidity = db.prepare(`SELECT uidvalidity FROM folders WHERE id = ?`).pluck();
  const insertHeaders = db.prepare(`INSERT INTO message_headers (message_id, raw) VALUES (?, ?)`);
  const headersOf = db.prepare(`SELECT raw FROM message_headers WHERE message_id = ?`).pluck();
  const countInFolder = db.prepare(
    `SELECT COUNT(*) AS n FROM message_locations WHERE folder_id = ?`,
  );

  return {
    /** Replaces an account's folder list with what the server shows now. */
    replaceFolders: db.transaction((accountId: string, folders: FolderInput[]) => {
      const keep = new Set(folders.map((f) => f.path));
      for (const row of db
        .prepare(`SELECT id, path FROM folders WHERE account_id = ?`)
        .all(accountId) as Array<{ id: number; path: string }>) {
        if (!keep.has(row.path)) db.prepare(`DELETE FROM folders WHERE id = ?`).run(row.id);
      }
      for (const f of folders)
        upsertFolder.run({
          accountId,
          ...f,
          listedPath: f.listedPath ?? f.path,
          skipReason: f.skipReason ?? null,
        });
    }),

    ensureFolder(accountId: string, path: string, specialUse: SpecialUse | null): number {
      const name = path.split('/').pop() || path;
      upsertFolder.run({
        accountId,
        path,
        name,
        delimiter: '/',
        specialUse,
        messages: 0,
        unseen: 0,
        listedPath: path,
        skipReason: null,
      });
      const row = db
        .prepare(`SELECT id FROM folders WHERE account_id = ? AND path = ?`)
        .get(accountId, path) as { id: number };
      return row.id;
    },

    listFolders(accountId: string): Folder[] {
      const rows = db
        .prepare(
          `SELECT * FROM folders WHERE account_id = ? ORDER BY special_use IS NOT 'inbox', path`,
        )
        .all(accountId) as FolderRow[];
      return rows.map(toFolder);
    },

    /**
     * Stores a batch of messages in one transaction; returns how many were new.
     * `onInserted` sees each new message with a summary inside the same transaction.
     */
    insertMessages: db.transaction(
      (
        accountId: string,
        folderId: number,
        batch: MessageInput[],
        onInserted?: (summary: HeaderSummary, input: MessageInput) => void,
      ): number => {
        let added = 0;
        const uidvalidity = folderUidValidity.get(folderId) ?? null;
        for (const m of batch) {
          if (locationExists.get(folderId, m.uid)) continue;
          const s = m.summary === undefined ? summarizeHeaders(m.headers) : m.summary;
          const c = summaryColumns(s, m.internalDate);
          const result = insertMessage.run(
            accountId,
            headerHash(m.headers),
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
          insertHeaders.run(result.lastInsertRowid, m.headers);
          insertLocation.run(
            folderId,
            m.uid,
            result.lastInsertRowid,
            accountId,
            uidvalidity,
            m.flags.join(' '),
            m.modseq ?? null,
          );
          added += 1;
          if (s && onInserted) onInserted(s, m);
        }
        return added;
      },
    ),

    /** UIDs stored for a folder, ascending. */
    storedUids(folderId: number): number[] {
      return db
        .prepare(`SELECT uid FROM message_locations WHERE folder_id = ? ORDER BY uid`)
        .pluck()
        .all(folderId) as number[];
    },

    /** uid → flags, for the flags check of servers without CONDSTORE. */
    storedFlags(folderId: number): Map<number, string> {
      const rows = db
        .prepare(`SELECT uid, flags FROM message_locations WHERE folder_id = ?`)
        .raw()
        .all(folderId) as Array<[number, string]>;
      return new Map(rows);
    },

    countInFolder(folderId: number): number {
      return (countInFolder.get(folderId) as { n: number }).n;
    },

    /** The server no longer holds these UIDs in this folder; the messages themselves stay known. */
    deleteUids: db.transaction((folderId: number, uids: number[]): number => {
      const del = db.prepare(`DELETE FROM message_locations WHERE folder_id = ? AND uid = ?`);
      let n = 0;
      for (const uid of uids) n += del.run(folderId, uid).changes;
      return n;
    }),

    updateFlags: db.transaction(
      (
        folderId: number,
        changes: Array<{ uid: number; flags: string[]; modseq: string | null }>,
      ): number => {
        const update = db.prepare(
          `UPDATE message_locations SET flags = @flags, modseq = COALESCE(@modseq, modseq)
           WHERE folder_id = @folderId AND uid = @uid AND flags != @flags`,
        );
        let n = 0;
        for (const c of changes)
          n += update.run({
            flags: c.flags.join(' '),
            modseq: c.modseq,
            folderId,
            uid: c.uid,
          }).changes;
        return n;
      },
    ),

    /** Forgets where a folder's messages were (its UIDVALIDITY changed: old UIDs mean nothing now). */
    clearFolder(folderId: number): number {
      return db.prepare(`DELETE FROM message_locations WHERE folder_id = ?`).run(folderId).changes;
    },

    /** Local folders count what the store holds (there is no server to ask). */
    refreshLocalCounts(folderId: number): void {
      const { n } = countInFolder.get(folderId) as { n: number };
      db.prepare(`UPDATE folders SET messages = ? WHERE id = ?`).run(n, folderId);
    },

    listMessages(q: {
      accountId: string;
      folderId?: number;
      search?: string;
      verdict?: Verdict;
      unsolicited?: boolean;
      offset: number;
      limit: number;
    }) {
      const where = ['l.account_id = @accountId'];
      if (q.folderId !== undefined) where.push('l.folder_id = @folderId');
      if (q.verdict !== undefined) where.push('c.verdict = @verdict');
      if (q.unsolicited !== undefined) where.push(`c.unsolicited = ${q.unsolicited ? 1 : 0}`);
      // A row a scan just stored has no summary yet: its raw header block is searched instead.
      if (q.search)
        where.push(
          `(m.subject LIKE @like ESCAPE '\\' OR m.from_address LIKE @like ESCAPE '\\' OR m.from_name LIKE @like ESCAPE '\\' OR c.advertiser_domain LIKE @like ESCAPE '\\'
            OR (m.summarized = 0 AND EXISTS (SELECT 1 FROM message_headers h WHERE h.message_id = m.id
              AND CAST(h.raw AS TEXT) LIKE @like ESCAPE '\\')))`,
        );
      const params = { ...q, like: q.search ? `%${q.search.replace(/[\\%_]/g, '\\$&')}%` : null };
      const clause = where.join(' AND ');
      const { total } = db
        .prepare(`SELECT COUNT(*) AS total FROM ${FROM_LOCATIONS} WHERE ${clause}`)
        .get(params) as { total: number };
      const rows = db
        .prepare(
          `SELECT ${SUMMARY_COLUMNS} FROM ${FROM_LOCATIONS} WHERE ${clause} ORDER BY m.date DESC, m.id DESC LIMIT @limit OFFSET @offset`,
        )
        .all(params) as MessageRow[];
      return { total, items: rows.map((r) => toSummary(r, headersOf)) };
    },

    getMessage(id: number): MessageDetail | null {
      const row = db
        .prepare(`SELECT ${SUMMARY_COLUMNS}, c.detail FROM ${FROM_MESSAGE} WHERE m.id = ? LIMIT 1`)
        .get(id) as (MessageRow & { detail: string | null }) | undefined;
      if (!row) return null;
      const headers = (headersOf.get(id) as Buffer | undefined) ?? Buffer.alloc(0);
      return {
        // The block just read serves a row still waiting for its summary too.
        ...toSummary(row, { get: () => headers }),
        headers: listHeaderFields(headers),
        rawHeaders: headers.toString('latin1'),
        classification: row.detail ? detailFromStore(row.detail) : null,
      };
    },
  };
}

export type MailboxRepo = ReturnType<typeof createMailboxRepo>;

/** What identifies a message wherever it is: the SHA-256 of its raw header block. */
export function headerHash(headers: Buffer): Buffer {
  return createHash('sha256').update(headers).digest();
}

function toFolder(r: FolderRow): Folder {
  return {
    id: r.id,
    accountId: r.account_id,
    path: r.path,
    name: r.name,
    delimiter: r.delimiter,
    specialUse: r.special_use as SpecialUse | null,
    messages: r.messages,
    unseen: r.unseen,
  };
}

/** A stored verdict's detail, its signals put back into words. */
function detailFromStore(json: string): ClassificationDetail {
  const detail = JSON.parse(json) as ClassificationDetail;
  return { ...detail, signals: detail.signals.map(storedSignal) };
}

/** The summary columns of a message: null stores it pending, with the internal date as its date. */
export function summaryColumns(s: HeaderSummary | null, internalDate: string | null) {
  return {
    summarized: s ? 1 : 0,
    messageId: s?.messageId ?? null,
    date: s?.date ?? internalDate,
    fromName: s?.from?.name ?? null,
    fromAddress: s?.from?.address ?? null,
    toJson: s ? JSON.stringify(s.to) : '[]',
    subject: s?.subject ?? '',
    hasListUnsubscribe: s?.hasListUnsubscribe ? 1 : 0,
  };
}

/** A stored row as the list shows it; a row still pending its summary is read from its headers. */
function toSummary(row: MessageRow, headersOf: { get(id: number): unknown }): MessageSummary {
  let r = row;
  if (r.summarized === 0) {
    const headers = headersOf.get(r.id) as Buffer | undefined;
    if (headers) {
      const c = summaryColumns(summarizeHeaders(headers), r.internal_date);
      r = {
        ...r,
        message_id: c.messageId,
        date: c.date,
        from_name: c.fromName,
        from_address: c.fromAddress,
        to_json: c.toJson,
        subject: c.subject,
        has_list_unsubscribe: c.hasListUnsubscribe,
      };
    }
  }
  return {
    id: r.id,
    accountId: r.account_id,
    folderId: r.folder_id,
    uid: r.uid,
    messageId: r.message_id,
    date: r.date,
    from: r.from_address ? { name: r.from_name ?? '', address: r.from_address } : null,
    to: JSON.parse(r.to_json) as MessageSummary['to'],
    subject: r.subject,
    size: r.size,
    flags: r.flags ? r.flags.split(' ') : [],
    hasListUnsubscribe: r.has_list_unsubscribe === 1,
    verdict: r.verdict,
    score: r.score,
    unsolicited: r.unsolicited === 1,
    router: r.router_name,
    advertiser: r.advertiser_domain,
    identity: r.identity,
    detectionError: r.detection_error,
  };
}
