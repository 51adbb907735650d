/**
 * Body excerpts for cold-prospecting candidates: messages with no
 * List-Unsubscribe from senders the user never wrote to. Only the first
 * 64 KB of their text and HTML parts are fetched (found through
 * BODYSTRUCTURE), never attachments, within a per-sync budget.
 */
import type { ExcerptRow, ExcerptsReader } from '../mailbox/excerpts.sql.js';
import { decodeTextPart, findTextParts, type TextPart } from './bodystructure.js';
import type { ImapWire } from './imap-wire.js';
import type { RelationshipLookup } from '../relationships/index.js';
import { fetchItems, toSequenceSet } from './response-parser.js';
import { domainOf, registrableDomain } from '../mail-format/index.js';
import { senderAndUnsubscribe } from '../mail-format/index.js';

export const EXCERPT_BYTES = 64 * 1024;

export interface ExcerptBudget {
  /** Messages left to fetch excerpts for in this sync. */
  messages: number;
  /** Bytes left to download for excerpts in this sync. */
  bytes: number;
}

export const DEFAULT_EXCERPT_BUDGET: ExcerptBudget = { messages: 2_000, bytes: 32 * 1024 * 1024 };

export async function fetchExcerpts(o: {
  wire: ImapWire;
  excerpts: ExcerptsReader;
  /** Stores excerpts (on the writer thread, in the app); resolves once they are written. */
  save(rows: ExcerptRow[]): Promise<void>;
  folderId: number;
  relationships: RelationshipLookup;
  ownAddresses: Set<string>;
  budget: ExcerptBudget;
}): Promise<number> {
  if (o.budget.messages <= 0 || o.budget.bytes <= 0) return 0;
  const rows = o.excerpts.candidates(o.folderId, o.budget.messages * 4);
  const candidates = rows
    .filter((r) => {
      if (!r.pending_headers) return true;
      const { from, hasListUnsubscribe } = senderAndUnsubscribe(r.pending_headers);
      r.from_address = from;
      return !hasListUnsubscribe;
    })
    .filter((r) => isUnknownSender(r.from_address, o.relationships, o.ownAddresses))
    .slice(0, o.budget.messages);
  if (candidates.length === 0) return 0;

  const byUid = new Map(candidates.map((c) => [c.uid, c]));
  const structures = new Map<number, TextPart[]>();
  await o.wire.command(
    `UID FETCH ${toSequenceSet([...byUid.keys()].sort((a, b) => a - b))} (UID BODYSTRUCTURE)`,
    (u) => {
      if (u.type !== 'FETCH') return;
      const data = fetchItems(u.values);
      const uid = data.get('UID');
      if (typeof uid === 'number' && byUid.has(uid))
        structures.set(uid, findTextParts(data.get('BODYSTRUCTURE') ?? null));
    },
  );

  // Messages with the same part numbers are fetched together.
  const groups = new Map<string, number[]>();
  for (const [uid, parts] of structures) {
    const key = parts.map((p) => p.part).join(' ');
    groups.set(key, [...(groups.get(key) ?? []), uid]);
  }
  let done = 0;
  for (const [key, uids] of groups) {
    if (o.budget.bytes <= 0) break;
    const now = new Date().toISOString();
    if (!key) {
      await o.save(
        uids.map((uid) => ({
          messageId: byUid.get(uid)!.id,
          text: null,
          html: null,
          note: 'no text part',
          fetchedAt: now,
        })),
      );
      done += uids.length;
      continue;
    }
    const partList = key.split(' ');
    const bodies = new Map<number, Map<string, Buffer>>();
    await o.wire.command(
      `UID FETCH ${toSequenceSet(uids.sort((a, b) => a - b))} (UID ${partList.map((p) => `BODY.PEEK[${p}]<0.${EXCERPT_BYTES}>`).join(' ')})`,
      (u) => {
        if (u.type !== 'FETCH') return;
        const data = fetchItems(u.values);
        const uid = data.get('UID');
        if (typeof uid !== 'number') return;
        const parts = new Map<string, Buffer>();
        for (const p of partList) {
          const body = data.get(`BODY[${p}]<0>`) ?? data.get(`BODY[${p}]`);
          if (Buffer.isBuffer(body)) {
            parts.set(p, body);
            o.budget.bytes -= body.length;
          }
        }
        bodies.set(uid, parts);
      },
    );
    const rows: ExcerptRow[] = [];
    for (const [uid, parts] of bodies) {
      const excerpt = { text: '', html: '' };
      for (const part of structures.get(uid) ?? []) {
        const body = parts.get(part.part);
        if (body)
          excerpt[part.subtype === 'html' ? 'html' : 'text'] += decodeTextPart(
            body,
            part.encoding,
            part.charset,
          );
      }
      rows.push({
        messageId: byUid.get(uid)!.id,
        text: excerpt.text || null,
        html: excerpt.html || null,
        note: null,
        fetchedAt: now,
      });
    }
    await o.save(rows);
    done += rows.length;
  }
  o.budget.messages -= done;
  return done;
}

function isUnknownSender(
  from: string | null,
  relationships: RelationshipLookup,
  own: Set<string>,
): boolean {
  if (!from || own.has(from)) return false;
  if (relationships.hasWrittenTo(from)) return false;
  const domain = registrableDomain(domainOf(from));
  return !(domain && relationships.hasWrittenToDomain(domain));
}
