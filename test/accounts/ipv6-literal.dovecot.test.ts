/**
 * Issue 10, fault 10b: `[::1]` passed the loopback check, then failed with
 * HOST_NOT_FOUND because the brackets went on to the resolver. An IPv6
 * literal, with or without brackets, connects to that address. Dovecot
 * listens on 127.0.0.1 only, so a relay on ::1 stands in front of it.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Security } from '../../shared/types.js';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { dovecotReady } from '../support/dovecot-account.js';
import { startRecordingRelay, type RecordingRelay } from './recording-relay.js';

/** Some containers have no IPv6 loopback; server-host.test.ts covers the rule there. */
async function ipv6LoopbackReason(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (err) => resolve(`cannot listen on ::1 (${err.message})`));
    probe.listen(0, '::1', () => probe.close(() => resolve(undefined)));
  });
}

const noIpv6 = await ipv6LoopbackReason();
if (noIpv6) console.warn(`[skip] IPv6 literal against Dovecot: ${noIpv6}`);

describe.skipIf(noIpv6 !== undefined || !dovecotReady('IPv6 literal'))(
  'an IPv6 literal as the server name',
  () => {
    let dovecot: DovecotServer;
    let relay: RecordingRelay;
    let t: TestCore;
    const imap = (host: string, security: Security = 'plain') => ({
      host,
      port: relay.port,
      security,
      user: 'alice',
    });

    beforeAll(async () => {
      dovecot = await startDovecot();
      await dovecot.addMessages('alice', 'INBOX', [
        'From: Bob <bob@exemple.fr>\r\nTo: alice@exemple.fr\r\nSubject: Salut\r\nDate: Mon, 2 Nov 2026 10:00:00 +0100\r\nMessage-ID: <v6@exemple.fr>\r\n\r\nBonjour\r\n',
      ]);
      relay = await startRecordingRelay({
        host: '::1',
        targetHost: '127.0.0.1',
        targetPort: dovecot.port,
      });
      t = createTestCore({
        imapTimeouts: { connectMs: 5_000, greetingMs: 2_000, socketMs: 20_000 },
      });
    });
    afterAll(async () => {
      await t?.close();
      await relay?.close();
      await dovecot?.stop();
    });

    it('connects to [::1] and ::1 in clear (loopback), and stores the address without brackets', async () => {
      const draft = (host: string) => ({
        email: 'alice@exemple.fr',
        provider: 'custom',
        imap: imap(host),
        password: 'alice-secret-pw',
      });
      for (const host of ['[::1]', '::1'])
        expect((await t.value('accounts.test', draft(host))).folders, host).toBeGreaterThan(0);

      const account = await t.value('accounts.add', draft('[::1]'));
      expect(account.imap?.host).toBe('::1');
      // Later connections (folders, sync) use the stored address.
      const folders = await t.value('folders.list', { accountId: account.id, refresh: true });
      expect(folders.find((f) => f.specialUse === 'inbox')).toBeDefined();
      expect(await t.value('sync.run', { accountId: account.id })).toMatchObject({ added: 1 });
      // The same mailbox written with brackets is the same mailbox.
      expect(await t.call('accounts.add', draft('[::1]'))).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
    });

    it('refuses brackets around what is not an IPv6 address, with a clear message', async () => {
      expect(
        await t.call('accounts.test', {
          email: 'alice@exemple.fr',
          provider: 'custom',
          imap: imap('[127.0.0.1]'),
          password: 'alice-secret-pw',
        }),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(/IPv6/) },
      });
    });
  },
);
