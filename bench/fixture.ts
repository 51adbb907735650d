/**
 * Writes the benchmark's mailbox straight into the test Dovecot's maildir:
 * a large generated INBOX (older mail seen, the newest tenth unseen, as in a
 * real inbox) and a small Sent folder, in batches so memory stays flat.
 */
import type { DovecotServer } from '../test/servers/dovecot.js';
import {
  generateMessages,
  generateSentMessages,
  type GenerateOptions,
} from '../test/fixtures/generate-mailbox.js';

export const BENCH_USER = { user: 'alice', password: 'alice-secret-pw', email: 'alice@exemple.fr' };
export const BENCH_SEED = 20_240_601;
const BATCH = 2_000;

export interface FixtureReport {
  inbox: number;
  sent: number;
  bytes: number;
  ms: number;
}

export async function writeFixture(
  server: DovecotServer,
  counts: { inbox: number; sent: number },
  onProgress?: (written: number) => void,
): Promise<FixtureReport> {
  const started = performance.now();
  const base: GenerateOptions = {
    seed: BENCH_SEED,
    identities: [BENCH_USER.email],
    sentCount: counts.sent,
  };
  let bytes = 0;
  bytes += await writeAll(server, 'Sent', generateSentMessages(counts.sent, base), () => true);
  const unseenFrom = Math.floor(counts.inbox * 0.9);
  let index = 0;
  bytes += await writeAll(
    server,
    'INBOX',
    generateMessages(counts.inbox, base),
    () => index++ < unseenFrom,
    onProgress,
  );
  return { inbox: counts.inbox, sent: counts.sent, bytes, ms: performance.now() - started };
}

/** `count` more messages for the INBOX, unseen, different from the fixture's. */
export function newMessages(count: number): Buffer[] {
  return [
    ...generateMessages(count, {
      seed: BENCH_SEED + 1,
      identities: [BENCH_USER.email],
      start: Date.UTC(2026, 0, 1),
    }),
  ];
}

async function writeAll(
  server: DovecotServer,
  folder: string,
  messages: Iterable<Buffer>,
  seen: () => boolean,
  onProgress?: (written: number) => void,
): Promise<number> {
  let bytes = 0;
  let written = 0;
  let batch: Buffer[] = [];
  let batchSeen: boolean | undefined;
  const flush = async () => {
    if (batch.length === 0) return;
    // Received when dated, as delivered mail is: the list orders unread rows by INTERNALDATE.
    await server.addMessages(BENCH_USER.user, folder, batch, {
      seen: batchSeen === true,
      receivedAtDate: true,
    });
    written += batch.length;
    onProgress?.(written);
    batch = [];
  };
  for (const raw of messages) {
    const isSeen = seen();
    // A batch holds only seen or only unseen messages (addMessages takes one flag).
    if (batch.length >= BATCH || (batchSeen !== undefined && isSeen !== batchSeen)) await flush();
    batchSeen = isSeen;
    batch.push(raw);
    bytes += raw.length;
  }
  await flush();
  return bytes;
}
