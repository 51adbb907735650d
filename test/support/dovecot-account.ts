/** What the Dovecot-backed tests share: the skip notice, and alice's account on loopback. */
import { ImapFlow } from 'imapflow';
import type { Account } from '../../shared/types.js';
import { dovecotUnavailableReason } from '../servers/dovecot.js';
import type { TestCore } from './core.js';

/** True when Dovecot can run here; otherwise prints why the suite is skipped. */
export function dovecotReady(suite: string): boolean {
  const reason = dovecotUnavailableReason();
  if (reason) console.warn(`[skip] ${suite}: ${reason}`);
  return reason === undefined;
}

/** Adds the test user alice over plain IMAP on loopback (directly, or through a proxy's port). */
export function addAlice(t: TestCore, port: number): Promise<Account> {
  return t.value('accounts.add', {
    email: 'alice@exemple.fr',
    provider: 'custom',
    password: 'alice-secret-pw',
    imap: { host: '127.0.0.1', port, security: 'plain', user: 'alice' },
  });
}

/** Alice's own mail client beside the app (imapflow, plain IMAP on loopback), connected. */
export function connectAlice(port: number): Promise<ImapFlow> {
  return connectUser(port, 'alice');
}

/** A test user's own mail client (its password is `<user>-secret-pw`), connected. */
export async function connectUser(port: number, user: 'alice' | 'bob'): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass: `${user}-secret-pw` },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
