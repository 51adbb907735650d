/** The user's identities as the UI shows them: kind, visibility, leaks, and how much mail each gets. */
import type { AccountsReader } from '../accounts/accounts.sql.js';
import { AppError } from '../errors.js';
import type { IdentityInfo } from '../../shared/types.js';
import { loadIdentities } from './context.js';
import type { IdentitiesStore } from './identities.sql.js';

export type IdentityPatch = {
  kind?: IdentityInfo['kind'];
  visibility?: IdentityInfo['visibility'];
};

export interface IdentityBook {
  /** Every identity (classified, seen in mail, or an account's address), by address. */
  list(): IdentityInfo[];
  /** The user classifies an identity; an account's address gets its row on first change. */
  update(address: string, patch: IdentityPatch): IdentityInfo;
}

export interface IdentityBookStores {
  accounts: Pick<AccountsReader, 'emails'>;
  identities: IdentitiesStore;
}

export function createIdentityBook(s: IdentityBookStores): IdentityBook {
  const list = (): IdentityInfo[] => {
    const rows = new Map(s.identities.rows().map((r) => [r.address, r]));
    const counts = s.identities.messageCounts();
    return loadIdentities(s)
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
  };
  return {
    list,
    update(address, patch) {
      const current = list().find((i) => i.address === address.toLowerCase());
      if (!current) throw new AppError('NOT_FOUND', `${address} is not one of your identities.`);
      s.identities.save({
        address: current.address,
        kind: patch.kind ?? current.kind,
        visibility: patch.visibility ?? current.visibility,
        origin: current.origin,
      });
      // A public address cannot leak; forget a leak recorded while it was private.
      if (patch.visibility === 'public') s.identities.forgetLeak(current.address);
      return list().find((i) => i.address === current.address)!;
    },
  };
}
