/**
 * The sources of one account's messages over ONE connection: per folder one
 * EXAMINE (its UIDVALIDITY checked against the stored one), then UID FETCH of
 * its UIDs in bounded groups. Each literal is handed on as its FETCH response
 * completes, so the caller keeps it (and its hash) before the next arrives:
 * never re-encoded, never a whole group held in memory.
 */
import type { ImapTimeouts } from '../accounts/imap-client.js';
import type { AccountsService } from '../accounts/service.js';
import type { JobContext } from '../jobs/index.js';
import { ImapWire, quoteMailbox } from '../sync/imap-wire.js';
import { fetchItems } from '../sync/response-parser.js';
import type { SourceMissingReason } from '../../shared/types.js';
import type { SourceLocation } from './sources.sql.js';

/** A message still on the server: where its source is read. */
export type ServerSource = SourceLocation & { folder_id: number; uid: number; path: string };

/** How much one UID FETCH asks for: at most `messages`, and about `bytes` (one message may exceed it). */
export interface FetchLimits {
  messages: number;
  bytes: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { messages: 50, bytes: 16 * 1024 * 1024 };

export interface ServerFetch {
  accounts: Pick<AccountsService, 'credentials'>;
  timeouts?: ImapTimeouts;
  limits: FetchLimits;
  /** Keeps a source the moment it arrived (synchronous: the next literal waits for it). */
  keep(message: ServerSource, raw: Buffer): void;
  /** A message whose source the server cannot give. */
  missing(message: ServerSource, reason: SourceMissingReason): void;
}

export async function fetchFromServer(
  f: ServerFetch,
  accountId: string,
  wanted: ServerSource[],
  ctx: JobContext,
): Promise<void> {
  const { server, password, pin } = f.accounts.credentials(accountId);
  const wire = await ImapWire.connect(server, password, pin, f.timeouts, ctx.signal);
  const stopWatching = wire.abortOn(ctx.signal);
  try {
    let done = 0;
    ctx.progress(done, wanted.length);
    for (const messages of byFolder(wanted).values()) {
      const folder = messages[0]!.listed_path ?? messages[0]!.path;
      await fetchFolder(f, wire, messages, (n) => {
        done += n;
        ctx.progress(done, wanted.length, folder);
      });
    }
  } finally {
    stopWatching();
    await wire.logout();
  }
}

async function fetchFolder(
  f: ServerFetch,
  wire: ImapWire,
  messages: ServerSource[],
  advanced: (n: number) => void,
): Promise<void> {
  const { listed_path, path, uidvalidity: stored } = messages[0]!;
  const opened = await examine(wire, listed_path ?? path);
  const problem: SourceMissingReason | null =
    opened === 'gone'
      ? 'folder-gone'
      : stored !== null && opened.uidvalidity !== stored
        ? 'folder-recreated'
        : null;
  if (problem) {
    for (const m of messages) f.missing(m, problem);
    advanced(messages.length);
    return;
  }
  for (const group of groups(messages, f.limits)) {
    await fetchGroup(f, wire, group);
    advanced(group.length);
  }
}

/** EXAMINE (read-only: fetching never sets \Seen); 'gone' when the server refuses the folder. */
async function examine(
  wire: ImapWire,
  folder: string,
): Promise<{ uidvalidity: number | null } | 'gone'> {
  let uidvalidity: number | null = null;
  try {
    await wire.command(`EXAMINE ${quoteMailbox(folder)}`, (u) => {
      const code = /^\[UIDVALIDITY (\d+)\]/i.exec(u.text);
      if (u.type === 'OK' && code) uidvalidity = Number(code[1]);
    });
  } catch (err) {
    if (isRefusal(err)) return 'gone';
    throw err;
  }
  return { uidvalidity };
}

async function fetchGroup(f: ServerFetch, wire: ImapWire, group: ServerSource[]): Promise<void> {
  const pending = new Map(group.map((m) => [m.uid, m]));
  const uids = group.map((m) => m.uid).join(',');
  try {
    await wire.command(`UID FETCH ${uids} (UID BODY.PEEK[])`, (u) => {
      if (u.type !== 'FETCH') return;
      const data = fetchItems(u.values);
      const uid = data.get('UID');
      const body = data.get('BODY[]');
      const message = typeof uid === 'number' ? pending.get(uid) : undefined;
      if (!message || !Buffer.isBuffer(body)) return;
      pending.delete(message.uid);
      f.keep(message, body);
    });
  } catch (err) {
    // A server may refuse the messages another session expunged meanwhile (NO), having
    // sent the others: those it did not send are gone.
    if (!isRefusal(err)) throw err;
  }
  for (const m of pending.values()) f.missing(m, 'uid-gone');
}

/** The server's NO to a command (not a broken connection, which rejects otherwise). */
function isRefusal(err: unknown): boolean {
  return (err as { imapStatus?: string } | null)?.imapStatus?.toUpperCase() === 'NO';
}

function byFolder(wanted: ServerSource[]): Map<number, ServerSource[]> {
  const folders = new Map<number, ServerSource[]>();
  for (const m of wanted) {
    const list = folders.get(m.folder_id);
    if (list) list.push(m);
    else folders.set(m.folder_id, [m]);
  }
  return folders;
}

/** Consecutive groups within the limits, in UID order (cheap ranges for the server). */
export function groups(messages: ServerSource[], limits: FetchLimits): ServerSource[][] {
  const sorted = [...messages].sort((a, b) => a.uid - b.uid);
  const out: ServerSource[][] = [];
  let current: ServerSource[] = [];
  let bytes = 0;
  for (const m of sorted) {
    const full = current.length >= limits.messages || bytes + m.size > limits.bytes;
    if (current.length > 0 && full) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += m.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
