/**
 * One local import under way: takes the source's entries one at a time and
 * writes them in batches, holding no more than a batch (header blocks, and the
 * excerpts waiting for their rows). The account and each folder are created
 * with their first message, so an import that finds no mail leaves nothing.
 */
import type { ImportReport, SpecialUse } from '../../shared/types.js';
import type { AccountsStore } from '../accounts/accounts.sql.js';
import { collapseDoubledCarriageReturns, splitHeaderBlock } from '../mail-format/index.js';
import type { FoldersWriter } from '../mailbox/folders.sql.js';
import { ScannedBatchBuilder } from '../mailbox/scanned-batch.js';
import type { ImportBatchInput } from '../writer/index.js';
import { excerptLength, readExcerpt, type BodyExcerpt } from './excerpt.js';
import { whyNotMail } from './looks-like-mail.js';
import type { SourceEntry } from './sources.js';

const BATCH = 500;
/**
 * Excerpts wait in memory for their rows: past this many characters the batch is written.
 * Small beside the young generation: what waits longer outlives its collections, is promoted,
 * and grows the old generation until a full collection comes.
 */
const MAX_WAITING_EXCERPT_CHARS = 256 * 1024;
/** A source of millions of non-messages must not make a report of millions of lines. */
const MAX_REPORTED_SKIPS = 1_000;

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

interface FolderBatch {
  id: number;
  sent: boolean;
  messages: ScannedBatchBuilder;
  origins: string[];
  excerpts: Array<{ uid: number; excerpt: BodyExcerpt }>;
}

/**
 * What an import writes: the local account and its folders (small tables, here), and its
 * messages, excerpts and relationships (through the writer thread, which holds the only write
 * handle on the mail's tables).
 */
export interface ImportStores {
  accounts: AccountsStore;
  folders: FoldersWriter;
  writer: {
    importBatch(req: ImportBatchInput): Promise<number>;
    /** Passes leave the account's new mail alone from its first batch until this is called. */
    importEnded(accountId: string): Promise<void>;
  };
}

export class LocalImport {
  /** Messages that looked like mail (imported now, or by an earlier import of the same source). */
  messagesFound = 0;
  private readonly report: ImportReport;
  private skipsNotShown = 0;
  private accountId: string | null;
  /** The next UID of each folder: a message's position in its source folder. */
  private readonly nextUid = new Map<string, number>();
  private readonly folders = new Map<string, FolderBatch>();
  private waitingExcerptChars = 0;
  /** The batch in the writer's hands while the next one is read (one at a time). */
  private writing: Promise<void> = Promise.resolve();
  private writeFailure: unknown = null;

  constructor(
    private readonly options: { origin: string; name: string; email: string },
    private readonly deps: ImportStores,
  ) {
    this.accountId = deps.accounts.findLocal(options.origin)?.id ?? null;
    this.report = { accountId: this.accountId ?? '', imported: 0, skipped: [], followedLinks: [] };
  }

  /** Takes one entry; resolves once a full batch it completed is written. */
  async add(entry: SourceEntry): Promise<void> {
    if (entry.kind === 'link') {
      this.report.followedLinks.push({ source: entry.source, target: entry.target });
      return;
    }
    if (entry.kind === 'passed-over') return this.skip(entry.source, entry.reason);
    const folderPath = entry.folder || 'INBOX';
    if (entry.kind === 'skipped') {
      if (entry.position) this.takeUid(folderPath);
      return this.skip(entry.source, entry.reason);
    }
    // The position in the source is the UID: a second import of the same source is a no-op.
    const uid = this.takeUid(folderPath);
    const problem = whyNotMail(entry);
    if (problem) return this.skip(entry.source, problem);
    this.messagesFound += 1;
    const folder = this.folder(folderPath);
    // CR CR LF line ends hide where the headers end (mail-format/line-ends.ts).
    const head = collapseDoubledCarriageReturns(entry.head);
    // A copy: the head is a view into a buffer the source reader reuses for the next messages.
    const headers = Buffer.from(splitHeaderBlock(head));
    folder.messages.push({ uid, size: entry.size, flags: ['\\Seen'], internalDate: null }, headers);
    folder.origins.push(entry.source);
    // Every message gets the excerpt detection reads, as synced mail does: a newsletter too.
    const excerpt = readExcerpt(head);
    folder.excerpts.push({ uid, excerpt });
    this.waitingExcerptChars += excerptLength(excerpt);
    if (folder.messages.length >= BATCH || this.waitingExcerptChars > MAX_WAITING_EXCERPT_CHARS)
      await this.flushAll();
  }

  /** Writes what is left and returns the report. */
  async finish(): Promise<ImportReport> {
    await this.flushAll();
    await this.written();
    for (const folder of this.folders.values()) this.deps.folders.refreshLocalCounts(folder.id);
    if (this.skipsNotShown > 0)
      this.report.skipped.push({
        source: this.options.origin,
        reason: `${this.skipsNotShown} more skipped (not listed)`,
      });
    return this.report;
  }

  /** Done or failed: the account's mail can be classified (call it whatever happened). */
  async end(): Promise<void> {
    await this.writing;
    if (this.accountId) await this.deps.writer.importEnded(this.accountId);
  }

  private skip(source: string, reason: string): void {
    if (this.report.skipped.length < MAX_REPORTED_SKIPS)
      this.report.skipped.push({ source, reason });
    else this.skipsNotShown += 1;
  }

  private takeUid(folderPath: string): number {
    const uid = this.nextUid.get(folderPath) ?? 1;
    this.nextUid.set(folderPath, uid + 1);
    return uid;
  }

  private folder(folderPath: string): FolderBatch {
    let folder = this.folders.get(folderPath);
    if (!folder) {
      const specialUse = SPECIAL_FOLDERS[folderPath.toLowerCase()] ?? null;
      const id = this.deps.folders.ensureFolder(this.account(), folderPath, specialUse);
      folder = {
        id,
        sent: specialUse === 'sent',
        messages: new ScannedBatchBuilder(),
        origins: [],
        excerpts: [],
      };
      this.folders.set(folderPath, folder);
    }
    return folder;
  }

  /** The local account for this source, created with its first message. */
  private account(): string {
    if (this.accountId) return this.accountId;
    const { accounts } = this.deps;
    const id = accounts.newId();
    accounts.insert(
      {
        id,
        kind: 'local',
        name: this.options.name,
        email: this.options.email,
        provider: 'local',
        imap: null,
        smtp: null,
        pin: null,
        origin: this.options.origin,
      },
      {},
    );
    this.accountId = id;
    this.report.accountId = id;
    return id;
  }

  private async flushAll(): Promise<void> {
    for (const folder of this.folders.values()) await this.flush(folder);
    this.waitingExcerptChars = 0;
  }

  private async flush(folder: FolderBatch): Promise<void> {
    if (folder.messages.length === 0) return;
    const request: ImportBatchInput = {
      accountId: this.account(),
      folderId: folder.id,
      sentFolder: folder.sent,
      ownAddresses: [this.options.email.toLowerCase()],
      batch: folder.messages.take(),
      origins: folder.origins,
      excerpts: folder.excerpts.map(({ uid, excerpt }) => ({ uid, ...excerpt })),
      at: new Date().toISOString(),
    };
    folder.origins = [];
    folder.excerpts = [];
    await this.written();
    // Not awaited: the writer stores this batch while the source's next messages are read.
    this.writing = this.deps.writer.importBatch(request).then(
      (added) => void (this.report.imported += added),
      (err: unknown) => void (this.writeFailure ??= err),
    );
  }

  /** Waits for the batch in the writer's hands; throws what stopped it. */
  private async written(): Promise<void> {
    await this.writing;
    if (this.writeFailure) throw this.writeFailure;
  }
}
