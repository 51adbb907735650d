/**
 * Messages' complete RFC 5322 sources, fetched on demand (the user opening
 * one, evidence asking for a case's worth) and kept byte for byte with their
 * SHA-256. A batch takes one connection per account, as a read-only job of
 * the account's queue (it may run beside a sync); a source already kept is
 * never fetched again, and a message whose source cannot be had gets its
 * reason without failing the others.
 */
import { createHash } from 'node:crypto';
import type { ImapTimeouts } from '../accounts/imap-client.js';
import type { AccountsService } from '../accounts/service.js';
import { AppError } from '../errors.js';
import type { JobQueue } from '../jobs/index.js';
import type {
  MessageSourceInfo,
  SourceFetchOutcome,
  SourceMissingReason,
} from '../../shared/types.js';
import { importedFile, readFromFiles } from './fetch-local.js';
import {
  DEFAULT_FETCH_LIMITS,
  fetchFromServer,
  type FetchLimits,
  type ServerSource,
} from './fetch-server.js';
import type { SourceLocation, SourcesStore } from './sources.sql.js';

export interface SourcesService {
  /** Each message's kept source (fetched now when it was not kept), or why there is none. */
  fetch(messageIds: readonly number[]): Promise<SourceFetchOutcome[]>;
  /** One message's source, by the same path; NOT_FOUND (with its reason) when there is none. */
  source(messageId: number): Promise<MessageSourceInfo>;
  /** The kept bytes of a message's source; null until a fetch kept them. */
  stored(messageId: number): Buffer | null;
}

export interface SourcesServiceOptions {
  store: SourcesStore;
  accounts: Pick<AccountsService, 'credentials'>;
  jobs: Pick<JobQueue, 'run'>;
  timeouts?: ImapTimeouts;
  limits?: FetchLimits;
}

/** The job kind a batch runs as, per account. */
export const SOURCES_JOB = 'sources';

export function createSourcesService(o: SourcesServiceOptions): SourcesService {
  const limits = o.limits ?? DEFAULT_FETCH_LIMITS;

  async function fetch(messageIds: readonly number[]): Promise<SourceFetchOutcome[]> {
    const ids = [...new Set(messageIds)];
    const outcomes = new Map<number, SourceFetchOutcome>();
    const record = (outcome: SourceFetchOutcome) => outcomes.set(outcome.messageId, outcome);
    const keep = (m: SourceLocation, raw: Buffer) => record(kept(o.store, m.id, raw));
    const work = [...plan(o.store, ids, record)].map(
      ([accountId, { local, server }]) =>
        o.jobs.run(
          accountId,
          SOURCES_JOB,
          async (ctx) => {
            await readFromFiles(
              { keep, missing: (m) => record(missing(m.id, 'file-gone', importedFile(m))) },
              local,
            );
            if (server.length === 0) return;
            await fetchFromServer(
              {
                accounts: o.accounts,
                timeouts: o.timeouts,
                limits,
                keep,
                missing: (m, reason) => record(missing(m.id, reason)),
              },
              accountId,
              server,
              ctx,
            );
          },
          { concurrent: true },
        ).done,
    );
    await Promise.all(work);
    return ids.map((id) => outcomes.get(id)!);
  }

  return {
    fetch,
    async source(messageId) {
      const [outcome] = await fetch([messageId]);
      if (!outcome!.ok)
        throw new AppError('NOT_FOUND', outcome!.message, { source: outcome!.reason });
      return outcome!.info;
    },
    stored: (messageId) => o.store.raw(messageId),
  };
}

/**
 * What each account must fetch: its imported messages (from their files) and those on its
 * server. A source already kept, or one that cannot be had, is recorded at once.
 */
function plan(
  store: SourcesStore,
  ids: number[],
  record: (outcome: SourceFetchOutcome) => void,
): Map<string, { local: SourceLocation[]; server: ServerSource[] }> {
  const toFetch = new Map<string, { local: SourceLocation[]; server: ServerSource[] }>();
  const account = (accountId: string) => {
    const existing = toFetch.get(accountId);
    if (existing) return existing;
    const added = { local: [], server: [] };
    toFetch.set(accountId, added);
    return added;
  };
  for (const id of ids) {
    const known = store.info(id);
    const at = known ? null : store.locate(id);
    if (known) record({ messageId: id, ok: true, info: known });
    else if (!at) record(missing(id, 'not-in-store'));
    else if (at.kind === 'local') account(at.account_id).local.push(at);
    else if (onServer(at)) account(at.account_id).server.push(at);
    else record(missing(id, 'left-server'));
  }
  return toFetch;
}

function onServer(m: SourceLocation): m is ServerSource {
  return m.folder_id !== null && m.uid !== null && m.path !== null;
}

/** Keeps a source as it arrived, byte for byte, and answers with what the store kept. */
function kept(store: SourcesStore, messageId: number, raw: Buffer): SourceFetchOutcome {
  store.save(
    {
      messageId,
      size: raw.length,
      sha256: createHash('sha256').update(raw).digest('hex'),
      fetchedAt: new Date().toISOString(),
    },
    raw,
  );
  // The first source kept stays (two fetches may race): answer with that one.
  return { messageId, ok: true, info: store.info(messageId)! };
}

const MISSING_SENTENCES: Record<SourceMissingReason, string> = {
  'not-in-store': 'This message is no longer in the store.',
  'left-server':
    'This message is no longer on the server, and its source was not kept before it left.',
  'folder-gone': 'Its folder is no longer on the server; sync again before opening this message.',
  'folder-recreated':
    'The folder was recreated on the server; sync again before opening this message.',
  'uid-gone': 'The server no longer has this message (it was moved or deleted).',
  'file-gone': 'The imported file no longer holds this message.',
};

function missing(
  messageId: number,
  reason: SourceMissingReason,
  file?: string,
): SourceFetchOutcome {
  const message =
    reason === 'file-gone' && file
      ? `The imported file ${file} no longer holds this message.`
      : MISSING_SENTENCES[reason];
  return { messageId, ok: false, reason, message };
}
