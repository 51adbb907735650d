/**
 * Local, read-only imports: the bundled demo mailbox, a user's .mbox file or
 * folder of .eml files. Each becomes a local account whose folders mirror the
 * source; importing the same source again adds nothing twice.
 */
import path from 'node:path';
import type { ImportReport, SpecialUse } from '../../shared/types.js';
import type { AccountsRepo } from '../accounts/repo.js';
import { AppError } from '../errors.js';
import { splitHeaderBlock } from '../mail-format/index.js';
import type { MailboxRepo, MessageInput } from '../mailbox/repo.js';
import { readMessageSources } from './sources.js';
import { storeExcerpt } from './excerpt.js';
import { createRelationshipRecorder } from '../relationships/index.js';
import type { Database } from '../store/db.js';

export { readMessageSources, type MessageSource } from './sources.js';

const BATCH = 500;
const MAX_EXCERPTS = 5_000;
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
  deps: { db: Database; accounts: AccountsRepo; mailbox: MailboxRepo },
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
  const folders = new Map<
    string,
    { id: number; sent: boolean; nextUid: number; batch: MessageInput[] }
  >();
  const recorder = createRelationshipRecorder(
    deps.db,
    accountId,
    new Set([options.email.toLowerCase()]),
  );
  const excerpts: Array<{ uid: number; folderId: number; raw: Buffer }> = [];
  const flush = (f: { id: number; sent: boolean; batch: MessageInput[] }) => {
    report.imported += mailbox.insertMessages(accountId, f.id, f.batch, (summary) => {
      if (recorder.isOwn(summary, f.sent)) recorder.record(summary);
    });
    f.batch = [];
  };

  for await (const item of readMessageSources(inputPath)) {
    const folderPath = item.folder || 'INBOX';
    let folder = folders.get(folderPath);
    if (!folder) {
      const specialUse = SPECIAL_FOLDERS[folderPath.toLowerCase()] ?? null;
      folder = {
        id: mailbox.ensureFolder(accountId, folderPath, specialUse),
        sent: specialUse === 'sent',
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
    if (!/^list-unsubscribe:/im.test(item.raw.subarray(0, 65_536).toString('latin1')))
      excerpts.push({ uid, folderId: folder.id, raw: item.raw });
    if (folder.batch.length >= BATCH) flush(folder);
  }
  for (const folder of folders.values()) {
    flush(folder);
    mailbox.refreshLocalCounts(folder.id);
  }
  // The whole message is at hand: keep the body excerpt detection uses for cold prospecting.
  for (const e of excerpts.slice(0, MAX_EXCERPTS))
    await storeExcerpt(deps.db, e.folderId, e.uid, e.raw);
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
