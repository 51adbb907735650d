/** Lists an account's folders on the server, with counts and special-use roles. */
import type { ImapFlow, ListResponse } from 'imapflow';
import type { SpecialUse } from '../../shared/types.js';
import type { FolderInput } from './folders.sql.js';

const SPECIAL_USE: Record<string, SpecialUse> = {
  '\\inbox': 'inbox',
  '\\sent': 'sent',
  '\\drafts': 'drafts',
  '\\trash': 'trash',
  '\\junk': 'junk',
  '\\archive': 'archive',
  '\\all': 'all',
  '\\flagged': 'flagged',
};

/**
 * `counts: false` lists the folders without their counts (null): a STATUS makes the server look
 * the whole folder over (Dovecot's maildir: every file name), for counts a sync reads anyway.
 */
export async function fetchServerFolders(client: ImapFlow, counts = true): Promise<FolderInput[]> {
  const list = await client.list(counts ? { statusQuery: { messages: true, unseen: true } } : {});
  return list
    .filter((f) => !hasFlag(f, '\\noselect') && !hasFlag(f, '\\nonexistent'))
    .map((f) => toFolderInput(f, counts));
}

function hasFlag(folder: ListResponse, flag: string): boolean {
  return [...folder.flags].some((f) => f.toLowerCase() === flag);
}

function toFolderInput(f: ListResponse, counts: boolean): FolderInput {
  const specialUse =
    f.path.toUpperCase() === 'INBOX'
      ? 'inbox'
      : (SPECIAL_USE[(f.specialUse ?? '').toLowerCase()] ?? null);
  return {
    path: f.path,
    listedPath: f.pathAsListed || f.path,
    // Gmail's "All Mail" and "Starred" repeat messages stored elsewhere: counting them twice would lie.
    skipReason: specialUse === 'all' || specialUse === 'flagged' ? 'virtual' : null,
    name: f.path.toUpperCase() === 'INBOX' ? 'Inbox' : f.name,
    delimiter: f.delimiter || null,
    specialUse,
    messages: counts ? (f.status?.messages ?? 0) : null,
    unseen: counts ? (f.status?.unseen ?? 0) : null,
  };
}
