/**
 * What evidence keeps of a message's authentication (`message_authentication`:
 * DKIM, and SPF/DMARC where the headers allow) and the DNS answers it was
 * checked with (`dkim_keys` and `dns_answers`, the cache). Small tables the
 * main thread writes (see docs/architecture.md).
 */
import type { SpfDmarcCheck } from '../../shared/api/evidence.js';
import type { Database } from '../store/db.js';

export interface KeptKey {
  name: string;
  record: string | null;
  error: string | null;
  fetchedAt: string;
}

/** A DNS answer other than a DKIM key, kept whole (JSON), or why there is none. */
export interface KeptAnswer {
  name: string;
  rrtype: string;
  answer: string | null;
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
  /** Our SPF and DMARC check; null before it was made (rows kept before migration 0016). */
  spfDmarc: SpfDmarcCheck | null;
}

export interface AuthenticationReader {
  get(messageId: number): AuthenticationRow | null;
  key(name: string): KeptKey | null;
  answer(name: string, rrtype: string): KeptAnswer | null;
  /**
   * Messages that need their authentication kept and have none yet (or no SPF/DMARC check yet):
   * evidence, or unsolicited with a score of at least `minScore`; newest first.
   */
  pending(minScore: number, limit: number): number[];
}

export interface AuthenticationWriter {
  save(row: AuthenticationRow): void;
  /** Adds the SPF/DMARC check to a message whose DKIM was kept before it existed. */
  saveSpfDmarc(messageId: number, check: SpfDmarcCheck): void;
  saveKey(key: KeptKey): void;
  saveAnswer(answer: KeptAnswer): void;
}

export type AuthenticationStore = AuthenticationReader & AuthenticationWriter;

export function createAuthenticationStore(db: Database): AuthenticationStore {
  const get = db.prepare(
    `SELECT message_id AS messageId, source_sha256 AS sourceSha256, dkim_result AS dkimResult,
       dkim_domain AS dkimDomain, dkim_selector AS dkimSelector, dkim_key_record AS dkimKeyRecord,
       signatures, received_results AS receivedResults, verified_at AS verifiedAt,
       ${SPF_DMARC_COLUMNS.map(([column, field]) => `${column} AS ${field}`).join(', ')}
     FROM message_authentication WHERE message_id = ?`,
  );
  const save = db.prepare(
    `INSERT OR REPLACE INTO message_authentication (message_id, source_sha256, dkim_result,
       dkim_domain, dkim_selector, dkim_key_record, signatures, received_results, verified_at,
       ${SPF_DMARC_COLUMNS.map(([column]) => column).join(', ')})
     VALUES (@messageId, @sourceSha256, @dkimResult, @dkimDomain, @dkimSelector, @dkimKeyRecord,
       @signatures, @receivedResults, @verifiedAt,
       ${SPF_DMARC_COLUMNS.map(([, field]) => `@${field}`).join(', ')})`,
  );
  const saveSpfDmarc = db.prepare(
    `UPDATE message_authentication
     SET ${SPF_DMARC_COLUMNS.map(([column, field]) => `${column} = @${field}`).join(', ')}
     WHERE message_id = @messageId`,
  );
  const answer = db.prepare(
    `SELECT name, rrtype, answer, error, fetched_at AS fetchedAt
     FROM dns_answers WHERE name = ? AND rrtype = ?`,
  );
  const saveAnswer = db.prepare(
    `INSERT OR REPLACE INTO dns_answers (name, rrtype, answer, error, fetched_at)
     VALUES (@name, @rrtype, @answer, @error, @fetchedAt)`,
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
       WHERE NOT EXISTS (SELECT 1 FROM message_authentication a
                         WHERE a.message_id = m.id AND a.spf_dmarc_checked_at IS NOT NULL)
         AND (m.evidence IS NOT NULL OR (c.unsolicited = 1 AND c.score >= ?))
       ORDER BY m.id DESC LIMIT ?`,
    )
    .pluck();
  return {
    get(messageId) {
      const row = get.get(messageId) as (FlatRow & Record<string, unknown>) | undefined;
      return row ? fromFlat(row) : null;
    },
    key: (name) => (key.get(name) as KeptKey | undefined) ?? null,
    answer: (name, rrtype) => (answer.get(name, rrtype) as KeptAnswer | undefined) ?? null,
    pending: (minScore, limit) => pending.all(minScore, limit) as number[],
    save({ spfDmarc, ...row }) {
      save.run({ ...row, ...flatSpfDmarc(spfDmarc) });
    },
    saveSpfDmarc(messageId, check) {
      saveSpfDmarc.run({ messageId, ...flatSpfDmarc(check) });
    },
    saveKey(k) {
      saveKey.run(k);
    },
    saveAnswer(a) {
      saveAnswer.run(a);
    },
  };
}

/** Each SPF/DMARC column and the SpfDmarcCheck field it holds. */
const SPF_DMARC_COLUMNS = [
  ['spf_result', 'spf'],
  ['spf_reason', 'spfReason'],
  ['spf_domain', 'spfDomain'],
  ['spf_ip', 'spfIp'],
  ['spf_helo', 'spfHelo'],
  ['spf_record', 'spfRecord'],
  ['dmarc_result', 'dmarc'],
  ['dmarc_reason', 'dmarcReason'],
  ['dmarc_policy', 'dmarcPolicy'],
  ['dmarc_record', 'dmarcRecord'],
  ['from_domain', 'fromDomain'],
  ['spf_dmarc_checked_at', 'checkedAt'],
] as const satisfies ReadonlyArray<readonly [string, keyof SpfDmarcCheck]>;

type FlatRow = Omit<AuthenticationRow, 'spfDmarc'>;

function flatSpfDmarc(check: SpfDmarcCheck | null): Record<string, string | null> {
  return Object.fromEntries(SPF_DMARC_COLUMNS.map(([, field]) => [field, check?.[field] ?? null]));
}

function fromFlat(row: FlatRow & Record<string, unknown>): AuthenticationRow {
  const flat = { ...row } as Record<string, unknown>;
  const check = Object.fromEntries(
    SPF_DMARC_COLUMNS.map(([, field]) => {
      const value = flat[field];
      delete flat[field];
      return [field, value ?? null];
    }),
  ) as unknown as SpfDmarcCheck;
  return { ...(flat as FlatRow), spfDmarc: check.checkedAt ? check : null };
}
