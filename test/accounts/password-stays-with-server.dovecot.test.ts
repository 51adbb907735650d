/**
 * Issue 10, fault 4: editing an account's server without typing the password
 * again sent the stored password to the new server. A stored password only
 * ever goes to the server that accepted it; a new host, port or security
 * needs the password again (as Thunderbird asks).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDraft } from '../../shared/api/index.js';
import type { Account, ServerSettings } from '../../shared/types.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { dovecotReady } from '../support/dovecot-account.js';
import { startRecordingRelay, type RecordingRelay } from './recording-relay.js';

const ALICE_PASSWORD = 'alice-secret-pw';
const BOB_PASSWORD = 'bob-secret-pw';

describe.skipIf(!dovecotReady('password stays with its server'))(
  'a stored password stays with the server that accepted it',
  () => {
    let dovecot: DovecotServer;
    let relay: RecordingRelay;
    let t: TestCore;

    const aliceImap = (): ServerSettings => ({
      host: '127.0.0.1',
      port: dovecot.port,
      security: 'plain',
      user: 'alice',
    });
    /** The account as the edit form sends it back: every field, the password left empty. */
    const editDraft = (account: Account, over: Partial<AccountDraft> = {}) => ({
      email: account.email,
      provider: account.provider,
      imap: account.imap!,
      smtp: account.smtp,
      ...over,
    });
    const addAlice = (email: string, over: Partial<AccountDraft> = {}) =>
      t.value('accounts.add', {
        email,
        provider: 'custom',
        imap: aliceImap(),
        password: ALICE_PASSWORD,
        ...over,
      });
    const secretRow = (accountId: string, name: 'imap' | 'smtp'): Buffer | undefined => {
      const db = new Database(path.join(t.dataDir, 'inbox-guard.sqlite'), { readonly: true });
      try {
        const row = db
          .prepare('SELECT ciphertext FROM secrets WHERE account_id = ? AND name = ?')
          .get(accountId, name) as { ciphertext: Buffer } | undefined;
        return row?.ciphertext;
      } finally {
        db.close();
      }
    };

    beforeAll(async () => {
      dovecot = await startDovecot();
      relay = await startRecordingRelay({ targetHost: '127.0.0.1', targetPort: dovecot.port });
      t = createTestCore({
        imapTimeouts: { connectMs: 5_000, greetingMs: 2_000, socketMs: 20_000 },
      });
    });
    // Each test adds alice afresh (the same mailbox cannot be added twice).
    afterEach(async () => {
      for (const account of await t.value('accounts.list', {}))
        await t.value('accounts.remove', { id: account.id });
    });
    afterAll(async () => {
      await t?.close();
      await relay?.close();
      await dovecot?.stop();
    });

    it('refuses a new port without the password, and the new server receives no login', async () => {
      const account = await addAlice('alice@exemple.fr');
      const moved = editDraft(account, { imap: { ...aliceImap(), port: relay.port } });

      expect(await t.call('accounts.update', { id: account.id, draft: moved })).toMatchObject({
        ok: false,
        error: { code: 'PASSWORD_REQUIRED', details: { field: 'password' } },
      });
      expect(relay.commands()).not.toContain('LOGIN');
      expect(relay.commands()).not.toContain('AUTHENTICATE');
      expect(relay.sawSecret(ALICE_PASSWORD)).toBe(false);
      // Nothing was saved: the account still points at its own server.
      const [saved] = await t.value('accounts.list', {});
      expect(saved?.imap).toEqual(aliceImap());

      // With the password typed for the new server, that one is used, and only that one.
      const edited = await t.value('accounts.update', {
        id: account.id,
        draft: { ...moved, imap: { ...moved.imap, user: 'bob' }, password: BOB_PASSWORD },
      });
      expect(edited.imap).toEqual({ ...aliceImap(), port: relay.port, user: 'bob' });
      expect(relay.sawSecret(BOB_PASSWORD)).toBe(true);
      expect(relay.sawSecret(ALICE_PASSWORD)).toBe(false);
      // The new password is the one stored: the account works on its new server.
      expect((await t.value('accounts.check', { id: account.id })).folders).toBeGreaterThan(0);
    });

    it('asks for the password again when only the host name or the security changes', async () => {
      const account = await addAlice('alice.host@exemple.fr');
      for (const imap of [
        { ...aliceImap(), host: 'localhost' },
        { ...aliceImap(), security: 'starttls' as const },
      ]) {
        expect(
          await t.call('accounts.update', { id: account.id, draft: editDraft(account, { imap }) }),
          `${imap.host} ${imap.security}`,
        ).toMatchObject({ ok: false, error: { code: 'PASSWORD_REQUIRED' } });
      }
    });

    it('keeps the stored password when only the name changes', async () => {
      const account = await addAlice('alice.name@exemple.fr');
      const edited = await t.value('accounts.update', {
        id: account.id,
        draft: editDraft(account, { name: 'Perso' }),
      });
      expect(edited).toMatchObject({ name: 'Perso', hasPassword: true, imap: aliceImap() });
      expect((await t.value('accounts.check', { id: account.id })).folders).toBeGreaterThan(0);
    });

    it('asks for the SMTP password again when the SMTP server changes', async () => {
      const smtp: ServerSettings = {
        host: 'smtp.exemple.fr',
        port: 587,
        security: 'starttls',
        user: 'alice',
      };
      const account = await addAlice('alice.smtp@exemple.fr', {
        smtp,
        smtpPassword: 'smtp-secret',
      });
      const storedSmtpSecret = secretRow(account.id, 'smtp');
      expect(storedSmtpSecret).toBeDefined();
      const elsewhere = { ...smtp, host: 'smtp.ailleurs.fr' };

      for (const moved of [
        elsewhere,
        { ...smtp, port: 465 },
        { ...smtp, security: 'tls' as const },
      ])
        expect(
          await t.call('accounts.update', {
            id: account.id,
            draft: editDraft(account, { smtp: moved }),
          }),
          `${moved.host}:${moved.port} ${moved.security}`,
        ).toMatchObject({
          ok: false,
          error: { code: 'PASSWORD_REQUIRED', details: { field: 'smtpPassword' } },
        });
      expect(secretRow(account.id, 'smtp')).toEqual(storedSmtpSecret);

      // A new SMTP password for the new server replaces the stored one.
      await t.value('accounts.update', {
        id: account.id,
        draft: editDraft(account, { smtp: elsewhere, smtpPassword: 'other-smtp-secret' }),
      });
      const replaced = secretRow(account.id, 'smtp');
      expect(replaced).toBeDefined();
      expect(replaced).not.toEqual(storedSmtpSecret);

      // Typing only the IMAP password: SMTP follows it (as when adding), the old SMTP one is dropped.
      await t.value('accounts.update', {
        id: account.id,
        draft: editDraft(account, { smtp: smtp, password: ALICE_PASSWORD }),
      });
      expect(secretRow(account.id, 'smtp')).toBeUndefined();
    });

    it('does not lend the IMAP password to a new SMTP server', async () => {
      const account = await addAlice('alice.follow@exemple.fr');
      const smtp: ServerSettings = {
        host: 'smtp.exemple.fr',
        port: 587,
        security: 'starttls',
        user: 'alice',
      };
      expect(
        await t.call('accounts.update', { id: account.id, draft: editDraft(account, { smtp }) }),
      ).toMatchObject({
        ok: false,
        error: { code: 'PASSWORD_REQUIRED', details: { field: 'smtpPassword' } },
      });
      const edited = await t.value('accounts.update', {
        id: account.id,
        draft: editDraft(account, { smtp, smtpPassword: 'smtp-secret' }),
      });
      expect(edited.smtp).toEqual(smtp);
    });
  },
);
