/**
 * Local, read-only imports: the bundled demo mailbox, a user's .mbox file or
 * folder of .eml files. Each becomes a local account whose folders mirror the
 * source; importing the same source again adds nothing twice.
 */
import path from 'node:path';
import type { ImportReport, SpecialUse } from '../../shared/types.js';
import type { AccountsRepo } from '../accounts/repo.js';
import { AppError } from '../errors.js';
import { splitHeaderBlock } from '../mailbox/header-summary.js';
import type { MailboxRepo, MessageInput } from '../mailbox/repo.js';
import { readMessageSources } from './sources.js';

export { readMessageSources, type MessageSource } from './sources.js';

const BATCH = 500;
const SPECIAL_FOLDERS: Record<string, SpecialUse> = {
  inbox: 'inbox',
  sent: 'sent',
  'sent messages': 'sent',
  envoyés: 'sent',
  drafts: 'drafts',
  trash: 'trash',
  junk: 'junk',
  spam: 'junk',
  archive: 'archive',
};

export interface LocalImportOptions {
  origin: string;
  name: string;
  email: string;
}

export async function importLocal(
  inputPath: string,
  options: LocalImportOptions,
  deps: { accounts: AccountsRepo; mailbox: MailboxRepo },
): Promise<ImportReport> {
  const { accounts, mailbox } = deps;
  let account = accounts.findLocal(options.origin);
  if (!account) {
    const id = accounts.newId();
    accounts.insert(
      {
        id,
        kind: 'local',
        name: options.name,
        email: options.email,
        provider: 'local',
        imap: null,
        smtp: null,
        pin: null,
        origin: options.origin,
      },
      {},
    );
    account = accounts.get(id)!;
  }
  const accountId = account.id;
  const report: ImportReport = { accountId, imported: 0, skipped: [] };
  const folders = new Map<string, { id: number; nextUid: number; batch: MessageInput[] }>();
  const flush = (f: { id: number; batch: MessageInput[] }) => {
    report.imported += mailbox.insertMessages(accountId, f.id, f.batch);
    f.batch = [];
  };

  for await (const item of readMessageSources(inputPath)) {
    const folderPath = item.folder || 'INBOX';
    let folder = folders.get(folderPath);
    if (!folder) {
      const specialUse = SPECIAL_FOLDERS[folderPath.toLowerCase()] ?? null;
      folder = {
        id: mailbox.ensureFolder(accountId, folderPath, specialUse),
        nextUid: 1,
        batch: [],
      };
      folders.set(folderPath, folder);
    }
    // The position in the source is the UID: a second import of the same source is a no-op.
    const uid = folder.nextUid++;
    const problem = whyUnreadable(item.raw);
    if (problem) {
      report.skipped.push({ source: item.source, reason: problem });
      continue;
    }
    folder.batch.push({
      uid,
      headers: splitHeaderBlock(item.raw),
      size: item.raw.length,
      flags: ['\\Seen'],
      internalDate: null,
      origin: item.source,
    });
    if (folder.batch.length >= BATCH) flush(folder);
  }
  for (const folder of folders.values()) {
    flush(folder);
    mailbox.refreshLocalCounts(folder.id);
  }
  if (folders.size === 0)
    throw new AppError('IMPORT_FAILED', `No message was found in ${inputPath}.`);
  return report;
}

/** A message needs at least one header line; anything else is skipped with its reason. */
function whyUnreadable(raw: Buffer): string | null {
  if (raw.length === 0) return 'empty file';
  const head = raw.subarray(0, 2000).toString('latin1');
  if (!/^[!-9;-~]+:/.test(head)) return 'no header block: not an email message';
  return null;
}

export function describeLocalSource(inputPath: string): LocalImportOptions {
  const absolute = path.resolve(inputPath);
  return { origin: absolute, name: path.basename(absolute), email: '' };
}
