/**
 * Brings one folder of the store in line with the server:
 * - first, a resumable scan of every message's header block;
 * - then incremental passes: new UIDs, flag changes and expunges, with
 *   CONDSTORE/QRESYNC where the server has them and a UID/flags comparison
 *   where it does not. A UIDVALIDITY change starts the folder over.
 */
import type { FlagChange, LocationsReader } from '../mailbox/locations.sql.js';
import { quoteMailbox, type ImapWire } from './imap-wire.js';
import { fetchHeaders, asFlags, modseqOf, type FetchHeadersOptions } from './fetch-headers.js';
import { expandSequenceSet, fetchItems, toSequenceSet, type Untagged } from './response-parser.js';
import type { FolderSyncState, SyncStateStore } from './sync-state.sql.js';

export interface FolderSyncDeps {
  wire: ImapWire;
  locations: LocationsReader;
  state: Omit<SyncStateStore, 'reset'>;
  /** Changes to the folder's places, made by the writer thread (resolve once committed). */
  writes: FolderWrites;
  accountId: string;
  signal?: AbortSignal;
  /** Stores a batch of fetched messages of this folder. */
  store: FetchHeadersOptions['store'];
  /** Each message's PREVIEW comes in the header FETCH (the server has it, the mail is received). */
  preview: boolean;
  /** The excerpt of most messages comes in the header FETCH (received mail, no PREVIEW). */
  firstPart: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface FolderWrites {
  /** The server no longer holds these UIDs in the folder; answers how many places went. */
  removeUids(folderId: number, uids: number[]): Promise<number>;
  /** Flags that changed on the server; answers how many places changed. */
  updateFlags(folderId: number, changes: FlagChange[]): Promise<number>;
  /** A new UIDVALIDITY: the folder's places and problems are dropped and its scan starts over. */
  resetFolder(folderId: number, uidvalidity: number): Promise<void>;
}

export interface FolderSyncResult {
  added: number;
  removed: number;
  flagsChanged: number;
  problems: number;
  rescanned: boolean;
}

interface ExamineResult {
  exists: number;
  uidvalidity: number;
  uidnext: number | null;
  highestmodseq: string | null;
}

export async function syncFolder(
  folder: FolderSyncState,
  deps: FolderSyncDeps,
): Promise<FolderSyncResult> {
  const { wire, state, locations } = deps;
  const condstore = wire.capabilities.has('CONDSTORE') || wire.capabilities.has('QRESYNC');
  const qresync = wire.capabilities.has('QRESYNC');
  const result: FolderSyncResult = {
    added: 0,
    removed: 0,
    flagsChanged: 0,
    problems: 0,
    rescanned: false,
  };

  const box = await examine(wire, folder.listedPath, condstore);
  if (folder.uidvalidity !== null && folder.uidvalidity !== box.uidvalidity) {
    await deps.writes.resetFolder(folder.id, box.uidvalidity);
    result.rescanned = true;
  }
  let current = state.get(folder.id)!;

  if (!current.scanComplete) {
    state.beginScan(folder.id, box.uidvalidity, box.highestmodseq);
    const fetched = await scanMissing(folder.id, box, deps);
    result.added += fetched.added;
    result.problems += fetched.problems;
    state.completeScan(folder.id, box.uidnext);
    current = state.get(folder.id)!;
  }

  const unchanged =
    condstore &&
    current.highestmodseq !== null &&
    current.highestmodseq === box.highestmodseq &&
    current.uidnext === box.uidnext &&
    locations.countInFolder(folder.id) + state.problems(folder.id).length === box.exists;
  if (!unchanged) {
    const delta =
      condstore && current.highestmodseq !== null
        ? await incrementalCondstore(folder.id, current, box, qresync, deps)
        : await incrementalByComparison(folder.id, current, box, deps);
    result.added += delta.added;
    result.removed += delta.removed;
    result.flagsChanged += delta.flagsChanged;
    result.problems += delta.problems;
  }
  const changed = !unchanged || result.added > 0 || result.rescanned;
  state.saveSynced(folder.id, {
    uidnext: box.uidnext,
    highestmodseq: box.highestmodseq,
    messages: locations.countInFolder(folder.id),
    // Counting unread mail reads every row of the folder: only when something changed.
    unseen: changed ? locations.countUnseen(folder.id) : null,
  });
  return result;
}

async function examine(
  wire: ImapWire,
  listedPath: string,
  condstore: boolean,
): Promise<ExamineResult> {
  const out: ExamineResult = { exists: 0, uidvalidity: 0, uidnext: null, highestmodseq: null };
  await wire.command(
    `EXAMINE ${quoteMailbox(listedPath)}${condstore ? ' (CONDSTORE)' : ''}`,
    (u) => {
      if (u.type === 'EXISTS' && u.number !== null) out.exists = u.number;
      const code = /^\[([A-Z]+) ?([^\]]*)\]/i.exec(u.text);
      if (u.type !== 'OK' || !code) return;
      const name = code[1]!.toUpperCase();
      if (name === 'UIDVALIDITY') out.uidvalidity = Number(code[2]);
      else if (name === 'UIDNEXT') out.uidnext = Number(code[2]);
      else if (name === 'HIGHESTMODSEQ') out.highestmodseq = code[2]!.trim();
    },
  );
  return out;
}

/** Fetches every message the server has and the store lacks (all of them on a first scan). */
async function scanMissing(folderId: number, box: ExamineResult, deps: FolderSyncDeps) {
  if (box.exists === 0) return { added: 0, problems: 0 };
  const stored = deps.locations.storedUids(folderId);
  const skipped = new Set(deps.state.problems(folderId).map((p) => p.uid));
  let uidSet = '1:*';
  let total = box.exists;
  if (stored.length > 0 || skipped.size > 0) {
    const have = new Set(stored);
    const missing = (await searchAll(deps.wire)).filter(
      (uid) => !have.has(uid) && !skipped.has(uid),
    );
    if (missing.length === 0) return { added: 0, problems: 0 };
    uidSet = toSequenceSet(missing);
    total = missing.length;
  }
  deps.onProgress?.(0, total);
  return fetchHeaders({
    wire: deps.wire,
    state: deps.state,
    folderId,
    uidSet,
    signal: deps.signal,
    store: deps.store,
    preview: deps.preview,
    firstPart: deps.firstPart,
    onBatch: (done) => deps.onProgress?.(done, total),
  });
}

async function fetchNew(folderId: number, fromUid: number, deps: FolderSyncDeps) {
  return fetchHeaders({
    wire: deps.wire,
    state: deps.state,
    folderId,
    uidSet: `${fromUid}:*`,
    minUid: fromUid,
    signal: deps.signal,
    store: deps.store,
    preview: deps.preview,
    firstPart: deps.firstPart,
  });
}

/** CONDSTORE/QRESYNC: only what changed since the stored modseq comes back. */
async function incrementalCondstore(
  folderId: number,
  current: FolderSyncState,
  box: ExamineResult,
  qresync: boolean,
  deps: FolderSyncDeps,
) {
  const delta = { added: 0, removed: 0, flagsChanged: 0, problems: 0 };
  const knownEnd = (current.uidnext ?? 1) - 1;
  if (knownEnd >= 1) {
    const changes: FlagChange[] = [];
    const vanished: number[] = [];
    await deps.wire.command(
      `UID FETCH 1:${knownEnd} (UID FLAGS) (CHANGEDSINCE ${current.highestmodseq}${qresync ? ' VANISHED' : ''})`,
      (u) => collectFlagsAndVanished(u, changes, vanished, knownEnd),
    );
    delta.flagsChanged += await deps.writes.updateFlags(folderId, changes);
    delta.removed += await deps.writes.removeUids(folderId, vanished);
  }
  if (box.uidnext === null || box.uidnext > (current.uidnext ?? 1)) {
    const fetched = await fetchNew(folderId, current.uidnext ?? 1, deps);
    delta.added += fetched.added;
    delta.problems += fetched.problems;
  }
  // Without QRESYNC an expunge leaves no trace in CHANGEDSINCE, and VANISHED covers only the
  // UIDs known at the last sync, not those this app's own moves placed above them since (an
  // undone block's messages): when the counts differ, compare UID sets.
  if (
    deps.locations.countInFolder(folderId) + deps.state.problems(folderId).length !==
    box.exists
  ) {
    delta.removed += await removeExpunged(folderId, deps);
  }
  return delta;
}

/** Plain IMAP4rev1: new UIDs by range, then every message's flags compared with the store. */
async function incrementalByComparison(
  folderId: number,
  current: FolderSyncState,
  box: ExamineResult,
  deps: FolderSyncDeps,
) {
  const delta = { added: 0, removed: 0, flagsChanged: 0, problems: 0 };
  if (current.uidnext !== null && (box.uidnext === null || box.uidnext > current.uidnext)) {
    const fetched = await fetchNew(folderId, current.uidnext, deps);
    delta.added += fetched.added;
    delta.problems += fetched.problems;
  }
  const onServer = new Map<number, string[]>();
  if (box.exists > 0) {
    await deps.wire.command('UID FETCH 1:* (UID FLAGS)', (u) => {
      if (u.type !== 'FETCH') return;
      const data = fetchItems(u.values);
      const uid = data.get('UID');
      if (typeof uid === 'number') onServer.set(uid, asFlags(data.get('FLAGS')));
    });
  }
  const stored = deps.locations.storedFlags(folderId);
  const changes = [...onServer]
    .filter(([uid, flags]) => stored.has(uid) && stored.get(uid) !== flags.join(' '))
    .map(([uid, flags]) => ({ uid, flags, modseq: null }));
  delta.flagsChanged += await deps.writes.updateFlags(folderId, changes);
  delta.removed += await deps.writes.removeUids(
    folderId,
    [...stored.keys()].filter((uid) => !onServer.has(uid)),
  );
  // A gap (a message the server has and the store lacks) is filled, never left.
  const skipped = new Set(deps.state.problems(folderId).map((p) => p.uid));
  const gaps = [...onServer.keys()]
    .filter((uid) => !stored.has(uid) && !skipped.has(uid))
    .sort((a, b) => a - b);
  if (gaps.length) {
    const filled = await fetchHeaders({
      wire: deps.wire,
      state: deps.state,
      folderId,
      uidSet: toSequenceSet(gaps),
      signal: deps.signal,
      store: deps.store,
      preview: deps.preview,
      firstPart: deps.firstPart,
    });
    delta.added += filled.added;
    delta.problems += filled.problems;
  }
  return delta;
}

async function removeExpunged(folderId: number, deps: FolderSyncDeps): Promise<number> {
  const onServer = new Set(await searchAll(deps.wire));
  return deps.writes.removeUids(
    folderId,
    deps.locations.storedUids(folderId).filter((uid) => !onServer.has(uid)),
  );
}

function collectFlagsAndVanished(
  u: Untagged,
  changes: FlagChange[],
  vanished: number[],
  knownEnd: number,
) {
  if (u.type === 'FETCH') {
    const data = fetchItems(u.values);
    const uid = data.get('UID');
    if (typeof uid === 'number')
      changes.push({
        uid,
        flags: asFlags(data.get('FLAGS')),
        modseq: modseqOf(data.get('MODSEQ')),
      });
  } else if (u.type === 'VANISHED') {
    const set =
      u.values.find((v) => typeof v === 'string' && /^[\d:,*]+$/.test(v)) ??
      u.values.find((v) => typeof v === 'number');
    if (set !== undefined) vanished.push(...expandSequenceSet(String(set), knownEnd));
  }
}

/** Every UID in the selected folder (ESEARCH keeps the answer compact on large folders). */
async function searchAll(wire: ImapWire): Promise<number[]> {
  const uids: number[] = [];
  const esearch = wire.capabilities.has('ESEARCH');
  await wire.command(esearch ? 'UID SEARCH RETURN (ALL) ALL' : 'UID SEARCH ALL', (u) => {
    if (u.type === 'SEARCH')
      uids.push(...u.values.filter((v): v is number => typeof v === 'number'));
    if (u.type === 'ESEARCH') {
      const i = u.values.findIndex((v) => typeof v === 'string' && v.toUpperCase() === 'ALL');
      const set = i >= 0 ? u.values[i + 1] : undefined;
      if (set !== undefined && set !== null) uids.push(...expandSequenceSet(String(set)));
    }
  });
  return uids.sort((a, b) => a - b);
}
