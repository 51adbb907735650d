/**
 * The identities table: the user's delivery addresses with their kind and
 * visibility, where each came from, and the first leak of a private one.
 */
import type { IdentityInfo } from '../../shared/types.js';
import type { Database } from '../store/db.js';

export interface IdentityRow {
  address: string;
  kind: IdentityInfo['kind'];
  visibility: IdentityInfo['visibility'];
  origin: IdentityInfo['origin'];
  leaked_at: string | null;
  leaked_advertiser: string | null;
  leaked_router: string | null;
  leaked_message_id: number | null;
}

/** The first unsolicited marketing a private identity received. */
export interface IdentityLeak {
  messageId: number;
  at: string;
  advertiser: string | null;
  router: string | null;
}

export interface IdentitiesReader {
  rows(): IdentityRow[];
  /** Identity → how many classified messages were delivered to it. */
  messageCounts(): Map<string, number>;
}

export interface IdentitiesWriter {
  /** The user's classification of an identity (its row created on first change). */
  save(identity: Pick<IdentityRow, 'address' | 'kind' | 'visibility' | 'origin'>): void;
  /** A public address cannot leak: forgets a leak recorded while it was private. */
  forgetLeak(address: string): void;
  /**
   * Adds a delivery address as a 'seen' private identity; true when it was new. A known one
   * keeps the earliest date it was seen on.
   */
  addSeen(address: string, kind: string, firstSeen: string | null): boolean;
  /** Records a leak on a private identity, unless an earlier one is recorded. */
  markLeak(address: string, leak: IdentityLeak): void;
  /**
   * The identity whose first leak was this message (now scored as none) gets its next one, the
   * earliest message still marked leaked, or none.
   */
  releaseLeak(messageId: number): void;
}

export type IdentitiesStore = IdentitiesReader & IdentitiesWriter;

export function createIdentitiesStore(db: Database): IdentitiesStore {
  const rows = db.prepare(`SELECT * FROM identities`);
  const counts = db.prepare(
    `SELECT identity, COUNT(*) AS n FROM classifications WHERE identity IS NOT NULL GROUP BY identity`,
  );
  const save = db.prepare(
    `INSERT INTO identities (address, kind, visibility, origin) VALUES (@address, @kind, @visibility, @origin)
     ON CONFLICT (address) DO UPDATE SET kind = excluded.kind, visibility = excluded.visibility`,
  );
  const forgetLeak = db.prepare(
    `UPDATE identities SET leaked_at = NULL, leaked_advertiser = NULL, leaked_router = NULL, leaked_message_id = NULL WHERE address = ?`,
  );
  const addSeen = db.prepare(
    `INSERT OR IGNORE INTO identities (address, kind, visibility, origin, first_seen) VALUES (?, ?, 'private', 'seen', ?)`,
  );
  const seenEarlier = db.prepare(
    `UPDATE identities SET first_seen = @firstSeen
     WHERE address = @address AND (first_seen IS NULL OR first_seen > @firstSeen)`,
  );
  const markLeak = db.prepare(`
    UPDATE identities SET leaked_message_id = @messageId, leaked_at = @at,
      leaked_advertiser = @advertiser, leaked_router = @router
    WHERE address = @address AND visibility = 'private'
      AND (leaked_at IS NULL OR leaked_at > @at OR (leaked_at = @at AND leaked_message_id > @messageId))`);
  const releaseLeak = db.prepare(`
    UPDATE identities SET (leaked_message_id, leaked_at, leaked_advertiser, leaked_router) = (
      SELECT c.message_id, m.date, c.advertiser_domain, c.router_name
      FROM classifications c JOIN messages m ON m.id = c.message_id
      WHERE c.unsolicited = 1 AND c.identity = identities.address AND c.identity_leaked = 1
        AND c.message_id <> @id AND m.date IS NOT NULL
      ORDER BY m.date, c.message_id LIMIT 1)
    WHERE leaked_message_id = @id`);
  return {
    rows: () => rows.all() as IdentityRow[],
    messageCounts() {
      const all = counts.all() as Array<{ identity: string; n: number }>;
      return new Map(all.map((r) => [r.identity, r.n]));
    },
    save: (identity) => void save.run(identity),
    forgetLeak: (address) => void forgetLeak.run(address),
    addSeen(address, kind, firstSeen) {
      if (addSeen.run(address, kind, firstSeen).changes > 0) return true;
      // Known: seen earlier than it was thought (mail is classified newest first).
      if (firstSeen !== null) seenEarlier.run({ address, firstSeen });
      return false;
    },
    releaseLeak: (messageId) => void releaseLeak.run({ id: messageId }),
    markLeak(address, leak) {
      // The earliest, and of two at the same time the first stored: whatever order they come in.
      markLeak.run({ ...leak, address });
    },
  };
}
