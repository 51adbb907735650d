/** Messages between the main thread and the writer thread. */
import type { MessageInput } from '../mailbox/repo.js';
import type { CoreEvent } from '../../shared/types.js';

export interface InsertRequest {
  kind: 'insert';
  id: number;
  accountId: string;
  folderId: number;
  /** Messages of the user's own (a Sent folder): their recipients feed the relationship index. */
  sentFolder: boolean;
  ownAddresses: string[];
  batch: MessageInput[];
}

export type WriterRequest = InsertRequest | { kind: 'classify'; id: number } | { kind: 'close' };

export type WriterReply =
  { id: number; count: number } | { id: number; error: string } | { event: CoreEvent };
