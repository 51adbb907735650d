/**
 * The app's own requests (an unsubscribe, an objection letter, an abuse report) sit in the Sent
 * folder like the user's mail, but asking a sender to stop makes no correspondent of it: its
 * later marketing, violations included, must not pass as mail from someone the user wrote to.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { summarizeHeaders, splitHeaderBlock } from '../../electron/mail-format/index.js';
import {
  composeAbuseReport,
  composeLetter,
  composeMailtoUnsubscribe,
} from '../../electron/objections/compose.js';
import {
  createRelationshipRecorder,
  createRelationshipsStore,
  loadRelationshipIndex,
} from '../../electron/relationships/index.js';
import { runMigrations } from '../../electron/store/db.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';

const ME = 'alice@exemple.fr';

function storeWithAccount() {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  runMigrations(db, MIGRATIONS);
  db.prepare(
    `INSERT INTO accounts (id, kind, name, email, provider, created_at, updated_at)
     VALUES ('a', 'imap', 'Alice', ?, 'custom', 't', 't')`,
  ).run(ME);
  return createRelationshipsStore(db);
}

describe('relationships and the app’s own requests', () => {
  it('records no correspondent for an unsubscribe, a letter or an abuse report', async () => {
    const original = Buffer.from('From: Shop <news@brand.fr>\r\nSubject: Promo\r\n\r\nSoldes\r\n');
    const sent = [
      await composeMailtoUnsubscribe(ME, 'mailto:unsubscribe@brand.fr?subject=stop'),
      await composeLetter({
        from: ME,
        to: 'dpo@brand.fr',
        letter: { subject: 'Opposition', text: 'Je m’oppose.' },
        language: 'fr',
        referenceToken: 'IG-TEST-1',
        original,
      }),
      composeAbuseReport({
        from: ME,
        to: 'abuse@mailchimp.com',
        identity: ME,
        advertiser: 'brand.fr',
        routerName: 'Mailchimp',
        routerAccountId: null,
        arrivalDate: null,
        original,
      }),
    ];
    const store = storeWithAccount();
    const recorder = createRelationshipRecorder(store, 'a', new Set([ME]));
    for (const mail of sent) {
      const summary = summarizeHeaders(splitHeaderBlock(mail.raw));
      expect(summary.sentByApp).toBe(true);
      recorder.record(summary);
    }
    const index = loadRelationshipIndex(store);
    expect(index.hasWrittenTo('unsubscribe@brand.fr')).toBe(false);
    expect(index.hasWrittenTo('dpo@brand.fr')).toBe(false);
    expect(index.hasWrittenToDomain('brand.fr')).toBe(false);
    expect(index.hasWrittenToDomain('mailchimp.com')).toBe(false);
    // The company's answer to the letter still belongs to the user's thread.
    expect(index.isReplyToOwnMessage([sent[1]!.messageId])).toBe(true);
  });

  it('still records the user’s own mail to a company', () => {
    const store = storeWithAccount();
    const recorder = createRelationshipRecorder(store, 'a', new Set([ME]));
    recorder.record(
      summarizeHeaders(
        Buffer.from(`From: ${ME}\r\nTo: contact@brand.fr\r\nMessage-ID: <m1@exemple.fr>\r\n\r\n`),
      ),
    );
    expect(loadRelationshipIndex(store).hasWrittenToDomain('brand.fr')).toBe(true);
  });
});
