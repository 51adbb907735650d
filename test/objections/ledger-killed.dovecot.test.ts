/**
 * The ledger across a killed process: a mailto unsubscribe whose process is
 * killed (SIGKILL) between its intent and its outcome shows "unknown" after a
 * restart, with its bytes kept, and is not sent again by itself.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../servers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../servers/smtp-sink.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { dovecotReady } from '../support/dovecot-account.js';
import { provenMarketing } from './fixtures.js';
import { addAliceWithSmtp } from './support.js';

const ready = dovecotReady('objections ledger across a killed process');
const root = path.resolve(import.meta.dirname, '../..');
const MAILTO = 'mailto:unsubscribe@brand.fr?subject=unsubscribe%2042';

describe.skipIf(!ready)('an objection killed between intent and outcome', () => {
  let server: DovecotServer;
  let sink: SmtpSink;
  let restarted: TestCore | undefined;

  beforeAll(async () => {
    server = await startDovecot();
    await server.addMessages('alice', 'INBOX', [provenMarketing()]);
    sink = await startSmtpSink({ auth: { user: 'alice', password: 'alice-smtp-pw' } });
  });
  afterAll(async () => {
    await restarted?.close();
    await sink?.stop();
    await server?.stop();
  });

  it('reads unknown after a restart and is not resent', async () => {
    const first = createTestCore();
    const accountId = (await addAliceWithSmtp(first, server.port, sink.port)).id;
    await first.syncAndDetect(accountId);
    const messageId = (await first.value('messages.list', { accountId })).items[0]!.id;
    await first.core.close();

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/objections/fixtures-bin/send-then-hang.ts',
        first.dataDir,
        String(messageId),
        MAILTO,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const entryId = await intentCommitted(child);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    restarted = createTestCore({ dataDir: first.dataDir });
    const [objectionCase] = await restarted.value('objections.cases', {});
    expect(objectionCase!.requests).toMatchObject([
      { channel: 'mailto', to: MAILTO, state: 'unknown', error: { code: 'INTERRUPTED' } },
    ]);
    // Its intent was kept with the bytes it was about to send.
    expect(objectionCase!.requests[0]!.rawSha256).toMatch(/^[0-9a-f]{64}$/);
    const entries = await restarted.value('journal.list', { accountId });
    expect(entries.map((e) => [e.id, e.kind, e.state])).toEqual([
      [entryId, 'objection.mailto', 'unknown'],
    ]);
    // Unknown deadlines nothing: no request is known to have reached the advertiser.
    expect(objectionCase!.deadline).toBeNull();

    const request = { channel: 'mailto' as const, to: MAILTO };
    const again = await restarted.call('objections.send', {
      messageId,
      requests: [request],
      confirmation: [request],
    });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: /may or may not/ },
    });
    expect(sink.messages).toHaveLength(0);
  });
});

/** Resolves with the entry id the child prints once its intent is committed. */
function intentCommitted(child: ReturnType<typeof spawn>): Promise<number> {
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      const m = /intent-committed (\d+)/.exec(stdout);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', () =>
      reject(new Error(`the child ended before its intent: ${stdout}${stderr}`)),
    );
  });
}
