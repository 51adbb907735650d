/** The mailbox slice of the API: folders and messages as the store holds them. */
import type { Handlers } from '../../shared/api/define.js';
import type { mailboxCalls } from '../../shared/api/mailbox.js';
import type { AccountKind } from '../../shared/types.js';
import { AppError } from '../errors.js';
import type { MailboxReader } from './index.js';

export interface MailboxHandlerDeps {
  mailbox: MailboxReader;
  /** The account's kind; null when it no longer exists. */
  accountKind(accountId: string): AccountKind | null;
  /** Lists an IMAP account's folders on its server into the store. */
  refreshFolders(accountId: string): Promise<unknown>;
}

export function mailboxHandlers(d: MailboxHandlerDeps): Handlers<typeof mailboxCalls> {
  return {
    'folders.list': async ({ accountId, refresh }) => {
      const kind = d.accountKind(accountId);
      if (!kind) throw new AppError('NOT_FOUND', 'This account no longer exists.');
      const stored = d.mailbox.listFolders(accountId);
      if (kind === 'imap' && (refresh || stored.length === 0)) {
        await d.refreshFolders(accountId);
        return d.mailbox.listFolders(accountId);
      }
      return stored;
    },
    'messages.list': (q) => d.mailbox.listMessages(q),
    'messages.get': ({ id }) => {
      const message = d.mailbox.getMessage(id);
      if (!message) throw new AppError('NOT_FOUND', 'This message is no longer in the store.');
      return message;
    },
  };
}
