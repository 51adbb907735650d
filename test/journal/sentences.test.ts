/**
 * Every kind of journal entry the core writes reads as a sentence in French
 * and in English through journal.list (who did what, by which channel, to
 * whom), never as its raw kind. The kinds come from the core's own types: a
 * new kind added to them without a sample here does not type-check, and one
 * without a sentence fails below.
 */
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createJournal, createJournalStore } from '../../electron/journal/index.js';
import type { MailActionKind } from '../../electron/mail-actions/index.js';
import type { ObjectionJournalKind } from '../../electron/objections/index.js';
import { DATABASE_FILE } from '../../electron/data-dir.js';
import { openDatabase } from '../../electron/store/db.js';
import { OBJECTION_CHANNELS } from '../../shared/api/objections.js';
import { createTestCore, type TestCore } from '../support/core.js';

type CoreJournalKind = MailActionKind | ObjectionJournalKind;

const folder = { path: 'INBOX', uidValidity: 7 };
const messages = [{ uid: 12, messageId: '<a@exemple.fr>' }];
const request = (channel: string, to: string) => ({
  caseId: 1,
  channel,
  to,
  size: 120,
  sha256: 'ab'.repeat(32),
  messageId: null,
  from: 'alice@perso.fr',
});

const transferred = { uidValidity: 9, uidMap: [[12, 40]], located: 'uidplus', missing: [] };
const sent = {
  channel: 'letter',
  messageId: '<c@perso.fr>',
  smtpResponse: '250 OK',
  sentCopy: null,
};

/** One entry per kind, intent and outcome as the core writes them; the key set is the core's type. */
const SAMPLES: Record<CoreJournalKind, { intent: unknown; outcome: unknown }> = {
  move: { intent: { from: folder, to: 'Archive', messages }, outcome: transferred },
  copy: { intent: { from: folder, to: 'Archive', messages }, outcome: transferred },
  trash: { intent: { from: folder, to: 'Trash', messages }, outcome: transferred },
  'flags.add': {
    intent: { folder, messages, flags: ['\\Seen'] },
    outcome: { uidValidity: 7, changed: { '\\Seen': [12] } },
  },
  'flags.remove': {
    intent: { folder, messages, flags: ['\\Seen'] },
    outcome: { uidValidity: 7, changed: { '\\Seen': [12] } },
  },
  append: {
    intent: { to: 'Sent', size: 300, messageId: '<b@perso.fr>' },
    outcome: { uidValidity: 3, uid: 5 },
  },
  purge: { intent: { folder, messages }, outcome: { expunged: [12] } },
  'folder.create': {
    intent: { path: 'Violations' },
    outcome: { path: 'Violations', created: true },
  },
  'objection.one-click': {
    intent: request('one-click', 'https://unsub.exemple.fr/u/1'),
    outcome: { channel: 'one-click', url: '', address: '', status: 200, headers: {} },
  },
  'objection.mailto': { intent: request('mailto', 'unsubscribe@lists.exemple.fr'), outcome: sent },
  'objection.letter': { intent: request('letter', 'dpo@exemple.fr'), outcome: sent },
  'objection.abuse-report': { intent: request('abuse-report', 'abuse@routeur.fr'), outcome: sent },
  'objection.signal-spam': {
    intent: request('signal-spam', 'signal-spam'),
    outcome: { channel: 'signal-spam', status: 202 },
  },
};

let core: TestCore | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

async function listed(entries: Array<{ kind: string; intent: unknown; outcome: unknown }>) {
  core = createTestCore();
  await core.core.ready();
  // Written beside the running core, into its own database, as its services would.
  const db = openDatabase(path.join(core.dataDir, DATABASE_FILE));
  const journal = createJournal(createJournalStore(db));
  for (const e of entries) {
    const entry = journal.begin('acct-1', e.kind, e.intent);
    journal.complete(entry.id, e.outcome);
  }
  db.close();
  return core.value('journal.list', { limit: 200 });
}

describe('journal sentences', () => {
  it('has a sentence in both languages for every kind the core writes', async () => {
    // Objection kinds also follow the channels the API offers, at run time.
    for (const channel of OBJECTION_CHANNELS)
      expect(SAMPLES).toHaveProperty(`objection.${channel}`);
    const kinds = Object.keys(SAMPLES) as CoreJournalKind[];
    const list = await listed(kinds.map((kind) => ({ kind, ...SAMPLES[kind] })));
    expect(list).toHaveLength(kinds.length);
    for (const entry of list) {
      const { en, fr } = entry.sentence;
      expect(en, entry.kind).not.toContain(entry.kind);
      expect(fr, entry.kind).not.toContain(entry.kind);
      expect(en, entry.kind).toMatch(/: done\.$/);
      expect(fr, entry.kind).toMatch(/ : fait\.$/);
      expect(fr, entry.kind).not.toBe(en);
      expect(`${en} ${fr}`, entry.kind).not.toMatch(/undefined|null|\[object/);
    }
  });

  it('says who sent an objection, by which channel and to whom', async () => {
    const list = await listed([
      { kind: 'objection.letter', ...SAMPLES['objection.letter'] },
      {
        kind: 'objection.letter',
        intent: { ...request('letter', 'dpo@exemple.fr'), followUpOf: 4 },
        outcome: sent,
      },
      { kind: 'objection.signal-spam', ...SAMPLES['objection.signal-spam'] },
    ]);
    const [signalSpam, reminder, letter] = list.map((e) => e.sentence);
    expect(letter).toEqual({
      en: 'GDPR letter from alice@perso.fr to dpo@exemple.fr: done.',
      fr: 'Lettre RGPD envoyée depuis alice@perso.fr à dpo@exemple.fr : fait.',
    });
    expect(reminder!.fr).toBe(
      'Relance d’une lettre RGPD envoyée depuis alice@perso.fr à dpo@exemple.fr : fait.',
    );
    expect(signalSpam!.en).toBe(
      'Report to Signal Spam of a message received by alice@perso.fr: done.',
    );
    // What was sent cannot be taken back: the journal says so rather than offering undo.
    expect(
      list.every((e) => !e.undoable && e.whyNot === 'What was sent cannot be taken back.'),
    ).toBe(true);
  });
});
