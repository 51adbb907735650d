/**
 * What evidence keeps of a message's authentication (`message_authentication`)
 * and the DNS key records it was checked with (`dkim_keys`, the cache). Small
 * tables the main thread writes (see docs/architecture.md).
 */
import type { Database } from '../store/db.js';

export interface KeptKey {
  name: string;
  record: string | null;
  error: string | null;
  fetchedAt: string;
}

export interface AuthenticationRow {
  messageId: number;
  sourceSha256: string;
  dkimResult: string;
  dkimDomain: string | null;
  dkimSelector: string | null;
  dkimKeyRecord: string | null;
  /** JSON: DkimSignatureCheck[]. */
  signatures: string;
  /** JSON: the receiving server's Authentication-Results as read; null without one. */
  receivedResults: string | null;
  verifiedAt: string;
}

export interface AuthenticationReader {
  get(messageId: number): AuthenticationRow | null;
  key(name: string): KeptKey | null;
  /**
   * Messages that need their DKIM kept and have none yet: evidence, or unsolicited with a
   * score of at least `minScore`; newest first.
   */
  pending(minScore: number, limit: number): number[];
}

export interface AuthenticationWriter {
  save(row: AuthenticationRow): void;
  saveKey(key: KeptKey): void;
}

export type AuthenticationStore = AuthenticationReader & AuthenticationWriter;

export function createAuthenticationStore(db: Database): AuthenticationStore {
  const get = db.prepare(
    `SELECT message_id AS messageId, source_sha256 AS sourceSha256, dkim_result AS dkimResult,
       dkim_domain AS dkimDomain, dkim_selector AS dkimSelector, dkim_key_record AS dkimKeyRecord,
       signatures, received_results AS receivedResults, verified_at AS verifiedAt
     FROM message_authentication WHERE message_id = ?`,
  );
  const save = db.prepare(
    `INSERT OR REPLACE INTO message_authentication (message_id, source_sha256, dkim_result,
       dkim_domain, dkim_selector, dkim_key_record, signatures, received_results, verified_at)
     VALUES (@messageId, @sourceSha256, @dkimResult, @dkimDomain, @dkimSelector, @dkimKeyRecord,
       @signatures, @receivedResults, @verifiedAt)`,
  );
  const key = db.prepare(
    `SELECT name, record, error, fetched_at AS fetchedAt FROM dkim_keys WHERE name = ?`,
  );
  const saveKey = db.prepare(
    `INSERT OR REPLACE INTO dkim_keys (name, record, error, fetched_at)
     VALUES (@name, @record, @error, @fetchedAt)`,
  );
  const pending = db
    .prepare(
      `SELECT m.id FROM messages m LEFT JOIN classifications c ON c.message_id = m.id
       WHERE NOT EXISTS (SELECT 1 FROM message_authentication a WHERE a.message_id = m.id)
         AND (m.evidence IS NOT NULL OR (c.unsolicited = 1 AND c.score >= ?))
       ORDER BY m.id DESC LIMIT ?`,
    )
    .pluck();
  return {
    get: (messageId) => (get.get(messageId) as AuthenticationRow | undefined) ?? null,
    key: (name) => (key.get(name) as KeptKey | undefined) ?? null,
    pending: (minScore, limit) => pending.all(minScore, limit) as number[],
    save(row) {
      save.run(row);
    },
    saveKey(k) {
      saveKey.run(k);
    },
  };
}
