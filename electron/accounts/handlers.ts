/** The accounts slice of the API: add, test, update, check and remove mail accounts. */
import type { accountsCalls } from '../../shared/api/accounts.js';
import type { Handlers } from '../../shared/api/define.js';
import type { AccountsService } from './service.js';

export interface AccountsHandlerDeps {
  accounts: AccountsService;
  /** Stops what runs for the account (its live connection, its jobs) before it goes. */
  stopAccountWork(accountId: string): Promise<void>;
}

export function accountsHandlers(d: AccountsHandlerDeps): Handlers<typeof accountsCalls> {
  return {
    'accounts.list': () => d.accounts.list(),
    'accounts.test': (draft) => d.accounts.test(draft),
    'accounts.add': (draft) => d.accounts.add(draft),
    'accounts.update': ({ id, draft }) => d.accounts.update(id, draft),
    'accounts.check': ({ id }) => d.accounts.check(id),
    'accounts.remove': async ({ id }) => {
      await d.stopAccountWork(id);
      return d.accounts.remove(id);
    },
  };
}
