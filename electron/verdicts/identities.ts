/** The user's identities as the UI shows them: kind, visibility, leaks, and how much mail each gets. */
import type { Database } from '../store/db.js';
import type { IdentityInfo } from '../../shared/types.js';
import { AppError } from '../errors.js';
import { loadIdentities } from './context.js';

interface Row {
  address: string;
  kind: IdentityInfo['kind'];
  visibility: IdentityInfo['visibility'];
  origin: IdentityInfo['origin'];
  leaked_at: string | null;
  leaked_advertiser: string | null;
  leaked_router: string | null;
  leaked_message_id: number | null;
}

export function listIdentities(db: Database): IdentityInfo[] {
  const rows = new Map(
    (db.prepare(`SELECT * FROM identities`).all() as Row[]).map((r) => [r.address, r]),
  );
  const counts = new Map(
    (
      db
        .prepare(
          `SELECT identity, COUNT(*) AS n FROM classifications WHERE identity IS NOT NULL GROUP BY identity`,
        )
        .all() as Array<{ identity: string; n: number }>
    ).map((r) => [r.identity, r.n]),
  );
  return loadIdentities(db)
    .map((identity) => {
      const row = rows.get(identity.address);
      return {
        address: identity.address,
        kind: identity.kind,
        visibility: identity.visibility,
        origin: row?.origin ?? 'account',
        leak: row?.leaked_at
          ? {
              at: row.leaked_at,
              advertiser: row.leaked_advertiser,
              router: row.leaked_router,
              messageId: row.leaked_message_id,
            }
          : null,
        messages: counts.get(identity.address) ?? 0,
      };
    })
    .sort((a, b) => a.address.localeCompare(b.address));
}

/** The user classifies an identity; an account's address gets its row on first change. */
export function updateIdentity(
  db: Database,
  address: string,
  patch: { kind?: IdentityInfo['kind']; visibility?: IdentityInfo['visibility'] },
): IdentityInfo {
  const current = listIdentities(db).find((i) => i.address === address.toLowerCase());
  if (!current) throw new AppError('NOT_FOUND', `${address} is not one of your identities.`);
  db.prepare(
    `INSERT INTO identities (address, kind, visibility, origin) VALUES (@address, @kind, @visibility, @origin)
     ON CONFLICT (address) DO UPDATE SET kind = excluded.kind, visibility = excluded.visibility`,
  ).run({
    address: current.address,
    kind: patch.kind ?? current.kind,
    visibility: patch.visibility ?? current.visibility,
    origin: current.origin,
  });
  // A public address cannot leak; forget a leak recorded while it was private.
  if (patch.visibility === 'public')
    db.prepare(
      `UPDATE identities SET leaked_at = NULL, leaked_advertiser = NULL, leaked_router = NULL, leaked_message_id = NULL WHERE address = ?`,
    ).run(current.address);
  return listIdentities(db).find((i) => i.address === current.address)!;
}
