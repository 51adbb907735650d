/**
 * Live updates: one imapflow connection per account sits in IDLE on the
 * Inbox and asks for a sync when the server announces new mail. After any
 * network error it reconnects with exponential backoff and jitter.
 */
import type { ImapFlow } from 'imapflow';
import type { AccountsService } from '../accounts/service.js';
import { toConnectionError } from '../accounts/connection-errors.js';
import type { Logger } from '../log.js';
import type { AppErrorData } from '../../shared/result.js';
import type { ConnectionState } from '../../shared/types.js';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.js';

export interface LiveDeps {
  accounts: AccountsService;
  log: Logger;
  backoff: BackoffOptions;
  onState(state: ConnectionState, error: AppErrorData | null): void;
  /**
   * The connection failed: once per outage (it keeps reconnecting, failing the same way),
   * and again when the failure changes.
   */
  onLost(error: AppErrorData): void;
  onNewMail(): void;
}

export interface LiveHandle {
  stop(): Promise<void>;
}

export function startLive(accountId: string, deps: LiveDeps): LiveHandle {
  const controller = new AbortController();
  const imap = deps.accounts.list().find((a) => a.id === accountId)?.imap;
  const server = { host: imap?.host ?? 'the server', port: imap?.port ?? 0 };
  let client: ImapFlow | null = null;
  /** The code of the failure last told, until the connection is back. */
  let told: string | null = null;

  const runOnce = async () => {
    deps.onState('connecting', null);
    client = await deps.accounts.open(accountId);
    // A stop that came while this connection was opening had no client to log out.
    if (controller.signal.aborted) {
      const c = client;
      await c.logout().catch(() => c.close());
      return;
    }
    const closed = new Promise<void>((resolve) => client!.once('close', () => resolve()));
    client.on('exists', () => deps.onNewMail());
    await client.mailboxOpen('INBOX', { readOnly: true });
    deps.onState('online', null);
    told = null;
    // Catch up on whatever arrived while we were away.
    deps.onNewMail();
    // idle() returns when IDLE is interrupted; loop until the connection closes or we stop.
    while (!controller.signal.aborted && client.usable) {
      await client.idle();
    }
    await closed;
  };

  const loop = async () => {
    let failures = 0;
    while (!controller.signal.aborted) {
      try {
        await runOnce();
        failures = 0;
      } catch (err) {
        if (controller.signal.aborted) break;
        const e = toConnectionError(err, server);
        deps.onState('error', e.toData());
        if (told !== e.code) deps.onLost(e.toData());
        told = e.code;
        deps.log.warn(`live: ${e.code}; reconnecting`);
        failures += 1;
      }
      if (controller.signal.aborted) break;
      await sleep(backoffDelay(failures, deps.backoff), controller.signal).catch(() => undefined);
    }
    deps.onState('offline', null);
  };
  const done = loop();

  return {
    async stop() {
      controller.abort(new Error('stopped'));
      const c = client as ImapFlow | null;
      await c?.logout().catch(() => c?.close());
      await done;
    },
  };
}
