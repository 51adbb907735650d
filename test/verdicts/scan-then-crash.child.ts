/**
 * A child process for detection-after-crash.dovecot.test.ts: adds alice's
 * account on the given Dovecot port, syncs it, prints the sync's report as
 * one JSON line, then waits to be killed. Its writer thread stores the scan but
 * holds detection back (held-detection.writer.ts): the state a crash between
 * the two leaves.
 * Usage: node --import tsx scan-then-crash.child.ts <dataDir> <imapPort>
 */
import { createTestCore } from '../support/core.js';
import { addAlice } from '../support/dovecot-account.js';

const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) throw new Error('usage: scan-then-crash.child.ts <dataDir> <imapPort>');
// The writer thread does not keep the process alive; the parent ends it with SIGKILL.
setInterval(() => {}, 60_000);
const t = createTestCore({
  dataDir,
  writerEntry: new URL('./held-detection.writer.ts', import.meta.url),
});
await t.core.ready();
const account = await addAlice(t, Number(port));
const report = await t.value('sync.run', { accountId: account.id });
process.stdout.write(`${JSON.stringify({ accountId: account.id, added: report.added })}\n`);
