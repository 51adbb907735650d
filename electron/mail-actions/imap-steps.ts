/**
 * Each action's work on the server, through imapflow's own commands
 * (messageMove, messageCopy, messageFlagsAdd/Remove, messageDelete, append),
 * always by UID. imapflow answers `false` when a command fails: with the
 * connection still up, the server refused it (nothing was done); with the
 * connection gone, nobody knows — the caller journals that as unknown.
 */
import type { ImapFlow } from 'imapflow';
import type {
  AppendIntent,
  AppendOutcome,
  FlagsIntent,
  FlagsOutcome,
  FolderRef,
  MessageRef,
  PurgeIntent,
  PurgeOutcome,
  TransferIntent,
  TransferOutcome,
} from './types.js';

/** The server refused, or a check failed before any change: nothing was done. */
export class ActionRefused extends Error {
  constructor(
    readonly code: 'SERVER_REFUSED' | 'FOLDER_RECREATED' | 'NOT_SUPPORTED',
    message: string,
    /** What was done before the refusal, when a step of several had already succeeded. */
    readonly partial?: unknown,
  ) {
    super(message);
    this.name = 'ActionRefused';
  }
}

/** The connection dropped while a command was in flight: its effect is unknown. */
export class ConnectionLost extends Error {
  constructor(what: string) {
    super(`The connection to the server was lost during ${what}.`);
    this.name = 'ConnectionLost';
  }
}

function check<T>(client: ImapFlow, result: T | false | undefined, what: string): T {
  if (result !== false && result !== undefined) return result;
  if (!client.usable) throw new ConnectionLost(what);
  throw new ActionRefused('SERVER_REFUSED', `The server refused ${what}.`);
}

const uidsOf = (messages: MessageRef[]) => messages.map((m) => m.uid);

/**
 * A UID set with runs as ranges ("1:1000,1002"): imapflow sends an array as a comma list,
 * which for thousands of UIDs is a line servers may refuse (Dovecot: 64 KB).
 */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * Opens a folder read-write; refuses when it was recreated since its UIDs were read. A folder
 * already selected read-write is kept: selecting it again costs the server a resync of the
 * whole folder (most of a batch's time on a 100,000-message maildir) for nothing new.
 */
async function openFolder(client: ImapFlow, folder: FolderRef): Promise<number> {
  const current = client.mailbox;
  const box =
    current && current.path === folder.path && !current.readOnly
      ? current
      : await client.mailboxOpen(folder.path);
  const uidValidity = Number(box.uidValidity);
  if (folder.uidValidity !== null && uidValidity !== folder.uidValidity)
    throw new ActionRefused(
      'FOLDER_RECREATED',
      `The folder ${folder.path} was recreated on the server since its messages were read: their UIDs no longer name them, so nothing was done.`,
    );
  return uidValidity;
}

/**
 * Move or copy. MOVE where the server has it; otherwise COPY, then \Deleted and UID EXPUNGE
 * of exactly these UIDs. imapflow's own fallback is not used: it deletes the originals even
 * when the copy failed, and expunges with a bare EXPUNGE on servers without UIDPLUS.
 */
export async function transfer(
  client: ImapFlow,
  intent: TransferIntent,
  mode: 'move' | 'copy',
): Promise<TransferOutcome> {
  await openFolder(client, intent.from);
  const uids = uidsOf(intent.messages);
  const set = uidSet(uids);
  const nativeMove = mode === 'move' && client.capabilities.has('MOVE');
  const response = nativeMove
    ? check(client, await client.messageMove(set, intent.to, { uid: true }), 'the move')
    : check(client, await client.messageCopy(set, intent.to, { uid: true }), 'the copy');
  const located = await locate(client, intent, response.uidMap, response.uidValidity);
  let expunged = mode === 'move';
  if (mode === 'move' && !nativeMove) expunged = await deleteOriginals(client, set, located);
  return { ...located, expunged };
}

async function deleteOriginals(
  client: ImapFlow,
  uids: string,
  copied: Omit<TransferOutcome, 'expunged'>,
): Promise<boolean> {
  const flagged = await client.messageFlagsAdd(uids, ['\\Deleted'], { uid: true });
  if (!flagged) {
    if (!client.usable) throw new ConnectionLost('the deletion of the originals');
    throw new ActionRefused(
      'SERVER_REFUSED',
      'The messages were copied but the server refused to delete the originals: they are now in both folders.',
      { ...copied, expunged: false },
    );
  }
  if (!client.capabilities.has('UIDPLUS')) return false;
  return check(client, await client.messageDelete(uids, { uid: true }), 'the expunge');
}

/**
 * The new UIDs, from COPYUID. Only a server without UIDPLUS is searched by Message-ID: with
 * UIDPLUS, no COPYUID means nothing was moved, and a search could match another copy.
 */
async function locate(
  client: ImapFlow,
  intent: TransferIntent,
  uidMap: Map<number, number> | undefined,
  uidValidity: bigint | undefined,
): Promise<Omit<TransferOutcome, 'expunged'>> {
  if (uidMap || client.capabilities.has('UIDPLUS')) {
    const map = uidMap ?? new Map<number, number>();
    const pairs = intent.messages.flatMap((m): Array<[number, number]> => {
      const to = map.get(m.uid);
      return to === undefined ? [] : [[m.uid, to]];
    });
    const validity =
      uidValidity ?? (await client.status(intent.to, { uidValidity: true })).uidValidity;
    return {
      uidValidity: validity === undefined ? null : Number(validity),
      uidMap: pairs,
      located: 'uidplus',
      missing: intent.messages.filter((m) => !map.has(m.uid)).map((m) => m.uid),
    };
  }
  const found = await findByMessageId(client, intent.to, intent.messages);
  // Back to the source, where the rest of the action (deleting the originals) happens.
  await client.mailboxOpen(intent.from.path);
  return { ...found, located: 'message-id' };
}

async function findByMessageId(client: ImapFlow, folder: string, messages: MessageRef[]) {
  const box = await client.mailboxOpen(folder, { readOnly: true });
  const uidMap: Array<[number, number]> = [];
  const taken = new Set<number>();
  const missing: number[] = [];
  for (const m of messages) {
    const hits = m.messageId
      ? (await client.search({ header: { 'message-id': m.messageId } }, { uid: true })) || []
      : [];
    // The newest copy not already matched: an older one may have been there before.
    const uid = hits.filter((u) => !taken.has(u)).sort((a, b) => b - a)[0];
    if (uid === undefined) missing.push(m.uid);
    else {
      taken.add(uid);
      uidMap.push([m.uid, uid]);
    }
  }
  return { uidValidity: Number(box.uidValidity), uidMap, missing };
}

/** Adds or removes flags; the outcome records which messages really changed, for an exact undo. */
export async function changeFlags(
  client: ImapFlow,
  intent: FlagsIntent,
  mode: 'add' | 'remove',
): Promise<FlagsOutcome> {
  const uidValidity = await openFolder(client, intent.folder);
  const before = new Map<number, Set<string>>();
  for (const m of await client.fetchAll(
    uidSet(uidsOf(intent.messages)),
    { flags: true },
    { uid: true },
  ))
    before.set(m.uid, new Set([...(m.flags ?? [])].map((f) => f.toLowerCase())));
  const changed: Record<string, number[]> = {};
  for (const flag of intent.flags) {
    const targets = intent.onlyOn?.[flag] ?? uidsOf(intent.messages);
    // Messages the server no longer has are left out: nothing changed for them.
    const affected = targets.filter((uid) => {
      const had = before.get(uid)?.has(flag.toLowerCase());
      return had === undefined ? false : mode === 'add' ? !had : had;
    });
    changed[flag] = affected;
    if (affected.length === 0) continue;
    const done =
      mode === 'add'
        ? await client.messageFlagsAdd(uidSet(affected), [flag], { uid: true })
        : await client.messageFlagsRemove(uidSet(affected), [flag], { uid: true });
    if (!done) {
      if (!client.usable) throw new ConnectionLost(`the change of the flag ${flag}`);
      throw new ActionRefused('SERVER_REFUSED', `The server refused the flag ${flag}.`, {
        uidValidity,
        changed: Object.fromEntries(Object.entries(changed).filter(([f]) => f !== flag)),
      });
    }
  }
  return { uidValidity, changed };
}

export async function appendMessage(
  client: ImapFlow,
  intent: AppendIntent,
  raw: Buffer,
): Promise<AppendOutcome> {
  const response = check(client, await client.append(intent.to, raw, intent.flags), 'the append');
  if (response.uid !== undefined && response.uidValidity !== undefined)
    return { uid: response.uid, uidValidity: Number(response.uidValidity) };
  const ref = { uid: 0, messageId: intent.messageId };
  const found = await findByMessageId(client, intent.to, [ref]);
  return { uid: found.uidMap[0]?.[1] ?? null, uidValidity: found.uidValidity };
}

/**
 * Permanent deletion of exactly these UIDs (\Deleted, then UID EXPUNGE). Refused on a server
 * without UIDPLUS: its only EXPUNGE would also remove every other message flagged \Deleted.
 */
export async function purge(client: ImapFlow, intent: PurgeIntent): Promise<PurgeOutcome> {
  await openFolder(client, intent.folder);
  if (!client.capabilities.has('UIDPLUS'))
    throw new ActionRefused(
      'NOT_SUPPORTED',
      'This server cannot delete chosen messages only (no UIDPLUS): nothing was deleted.',
    );
  const uids = uidsOf(intent.messages);
  check(client, await client.messageDelete(uidSet(uids), { uid: true }), 'the permanent deletion');
  return { expunged: uids };
}

/** Creates the folder; an existing one is fine (another client may have made it meanwhile). */
export async function createFolder(client: ImapFlow, path: string): Promise<boolean> {
  return (await client.mailboxCreate(path)).created;
}

/** A command the server answered NO or BAD to (imapflow throws those): it was not carried out. */
export function refusedByServer(client: ImapFlow, err: unknown): boolean {
  const status = (err as { responseStatus?: unknown } | null)?.responseStatus;
  return client.usable && (status === 'NO' || status === 'BAD');
}
