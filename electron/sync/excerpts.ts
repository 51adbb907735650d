/**
 * Body excerpts: the mail a sync just stored gets the start of its first text
 * part and of its first HTML part, found through BODYSTRUCTURE and fetched
 * with a partial BODY.PEEK, never an attachment. A message whose only text is
 * a plain part 1 gets its excerpt in the header scan's own FETCH
 * (excerptFromScan); the pass here fetches the others. (A server's PREVIEW can come with the header block instead;
 * account-sync.ts says why it is not asked for.)
 *
 * Each group of messages costs one BODYSTRUCTURE FETCH over its UID set and
 * one partial FETCH per layout of parts the group uses (text part 1 and HTML
 * part 2, nearly always: one or two FETCHes), asking for both parts at once.
 */
import type { ExcerptRow, ExcerptsReader } from '../mailbox/excerpts.sql.js';
import { decodeTextPart, excerptParts, findTextParts, type TextPart } from './bodystructure.js';
import type { ImapWire } from './imap-wire.js';
import { fetchItems, toSequenceSet, type ImapValue } from './response-parser.js';

/** Bytes of a text/plain part fetched: what the learned model reads (4 KB of text). */
export const EXCERPT_TEXT_BYTES = 4 * 1024;
const NO_TEXT_PART = 'no text part';
/** Bytes of an HTML part: its head and styles come first and are skipped when read. */
export const EXCERPT_HTML_BYTES = 16 * 1024;
/**
 * Messages per BODYSTRUCTURE FETCH: bounds what waits in memory, and what a cut connection
 * loses (each group is saved before the next is asked for).
 */
const GROUP = 500;

export async function fetchExcerpts(o: {
  wire: ImapWire;
  excerpts: ExcerptsReader;
  /** Stores excerpts (on the writer thread, in the app); resolves once they are written. */
  save(rows: ExcerptRow[]): Promise<void>;
  folderId: number;
  /** The first UID this sync stored (the folder's UIDNEXT before it; 1 for a first scan). */
  fromUid: number;
  signal?: AbortSignal;
  /** Called with each group's count once it is saved (a retry after a cut goes on from there). */
  onSaved?: (count: number) => void;
}): Promise<number> {
  const stopWatching = o.wire.abortOn(o.signal);
  let done = 0;
  // One group waits for the writer (which classifies it) while the next is read from the server.
  let saving: Promise<void> = Promise.resolve();
  const save = (rows: ExcerptRow[]) =>
    o.save(rows).then(() => {
      done += rows.length;
      o.onSaved?.(rows.length);
    });
  try {
    for (let below = Number.MAX_SAFE_INTEGER; ;) {
      const candidates = o.excerpts.withoutExcerpt(
        o.folderId,
        { fromUid: o.fromUid, belowUid: below },
        GROUP,
      );
      if (candidates.length === 0) break;
      below = candidates[candidates.length - 1]!.uid;
      const rows = await excerptsOf(o.wire, new Map(candidates.map((c) => [c.uid, c.id])));
      await saving;
      saving = save(rows);
      // Handled where it is awaited (next group, or the end); not an unhandled rejection meanwhile.
      saving.catch(() => undefined);
      if (candidates.length < GROUP) break;
    }
    await saving;
  } catch (err) {
    // The first failure is the one reported; a save still in flight is waited for, not lost.
    await saving.catch(() => undefined);
    throw err;
  } finally {
    stopWatching();
  }
  return done;
}

/** The excerpts of one group of messages (uid → message id). */
async function excerptsOf(wire: ImapWire, byUid: Map<number, number>): Promise<ExcerptRow[]> {
  const parts = new Map<number, TextPart[]>();
  await wire.command(`UID FETCH ${uidSet(byUid.keys())} (UID BODYSTRUCTURE)`, (u) => {
    if (u.type !== 'FETCH') return;
    const data = fetchItems(u.values);
    const uid = data.get('UID');
    if (typeof uid === 'number' && byUid.has(uid))
      parts.set(uid, excerptParts(data.get('BODYSTRUCTURE') ?? null));
  });

  const now = new Date().toISOString();
  const rows: ExcerptRow[] = [];
  const read = new Map<number, { text: string | null; html: string | null }>();
  // A message the server sent no part of (expunged meanwhile) gets no row, not an empty excerpt.
  const answered = new Set<number>();
  // Messages whose parts have the same numbers are fetched together, both parts in one FETCH:
  // the server opens each message once.
  const groups = new Map<string, { found: TextPart[]; uids: number[] }>();
  for (const [uid, found] of parts) {
    if (found.length === 0) {
      rows.push({
        messageId: byUid.get(uid)!,
        text: null,
        html: null,
        note: NO_TEXT_PART,
        fetchedAt: now,
      });
      continue;
    }
    read.set(uid, { text: null, html: null });
    const key = found.map((p) => `${p.part} ${p.subtype}`).join(',');
    const group = groups.get(key) ?? { found, uids: [] };
    group.uids.push(uid);
    groups.set(key, group);
  }
  for (const { found, uids } of groups.values()) {
    const items = found.map(
      (p) =>
        `BODY.PEEK[${p.part}]<0.${p.subtype === 'html' ? EXCERPT_HTML_BYTES : EXCERPT_TEXT_BYTES}>`,
    );
    await wire.command(`UID FETCH ${uidSet(uids)} (UID ${items.join(' ')})`, (u) => {
      if (u.type !== 'FETCH') return;
      const data = fetchItems(u.values);
      const uid = data.get('UID');
      const own = typeof uid === 'number' ? parts.get(uid) : undefined;
      const into = typeof uid === 'number' ? read.get(uid) : undefined;
      if (!own || !into) return;
      for (const part of own) {
        const body = data.get(`BODY[${part.part}]<0>`) ?? data.get(`BODY[${part.part}]`);
        if (!Buffer.isBuffer(body)) continue;
        answered.add(uid as number);
        const got = readPart(body, part);
        if (part.subtype === 'html') into.html = got.html;
        else into.text = got.text;
      }
    });
  }
  for (const [uid, { text, html }] of read)
    if (answered.has(uid))
      rows.push({
        messageId: byUid.get(uid)!,
        text,
        html,
        note: text || html ? null : 'empty text part',
        fetchedAt: now,
      });
  return rows;
}

/** The excerpt a text part's first bytes give: its decoded text, or why there is none. */
export function readPart(body: Buffer, part: TextPart): Pick<ExcerptRow, 'text' | 'html' | 'note'> {
  const text = cleanEnd(decodeTextPart(body, part.encoding, part.charset));
  return {
    text: part.subtype === 'plain' ? text || null : null,
    html: part.subtype === 'html' ? text || null : null,
    note: text ? null : 'empty text part',
  };
}

/**
 * What the header scan's own FETCH (BODYSTRUCTURE and the first EXCERPT_TEXT_BYTES of part 1,
 * fetch-headers.ts) gives as a message's excerpt: its text when its only text part is a plain
 * part 1, that it has no text part, or undefined (an HTML part or a later part is fetched after
 * the scan, as here).
 */
export function excerptFromScan(
  structure: ImapValue | undefined,
  partOne: ImapValue | undefined,
): Pick<ExcerptRow, 'text' | 'html' | 'note'> | undefined {
  if (structure === undefined) return undefined;
  const parts = findTextParts(structure);
  if (parts.length === 0) return { text: null, html: null, note: NO_TEXT_PART };
  const part = parts[0]!;
  if (part.part !== '1' || part.subtype !== 'plain' || parts.some((p) => p.subtype === 'html'))
    return undefined;
  if (!Buffer.isBuffer(partOne)) return undefined;
  return readPart(partOne, part);
}

function uidSet(uids: Iterable<number>): string {
  return toSequenceSet([...uids].sort((a, b) => a - b));
}

/** A part cut at its byte bound may end inside a character: the broken end goes. */
function cleanEnd(text: string): string {
  return text.replace(/\uFFFD+$/, '').trim();
}
