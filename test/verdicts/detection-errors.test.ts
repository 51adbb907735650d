/**
 * A detection error on a message is loud: the message is left without a
 * verdict and marked failed (what the UI shows), the log names its id with
 * the error, an `error` event announces it, and detect.run counts it. The
 * failure is injected through the writer thread's test entry, whose
 * classifier throws on one message.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/types.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { testMessage } from '../support/mail.js';

const ENTRY = new URL('./failing-detection.writer.ts', import.meta.url);

describe('a detection error on a message', () => {
  let t: TestCore;
  let mailDir: string;
  const events: CoreEvent[] = [];
  let accountId: string;

  beforeAll(async () => {
    mailDir = mkdtempSync(path.join(os.tmpdir(), 'ig-fail-'));
    writeFileSync(path.join(mailDir, '1.eml'), testMessage(1, { subject: 'Fine' }));
    writeFileSync(
      path.join(mailDir, '2.eml'),
      testMessage(2, { subject: 'Breaks detection', extra: 'X-Test-Detection: fail\r\n' }),
    );
    writeFileSync(path.join(mailDir, '3.eml'), testMessage(3, { subject: 'Fine too' }));
    t = createTestCore({ writerEntry: ENTRY });
    t.core.onEvent((event) => events.push(event));
    // The pass every start runs (over an empty store) goes first: one failure, one event, below.
    await t.core.ready();
    accountId = (await t.value('import.local', { path: mailDir })).accountId;
  }, 60_000);

  afterAll(async () => {
    await t.close();
    rmSync(mailDir, { recursive: true, force: true });
  });

  async function messages() {
    return (await t.value('messages.list', { accountId, limit: 10 })).items;
  }

  it('leaves that message without a verdict, marked failed, and classifies the others', async () => {
    const items = await messages();
    const broken = items.find((m) => m.subject === 'Breaks detection')!;
    expect(broken.verdict).toBeNull();
    expect(broken.detectionError).toBe('injected detection bug');
    const others = items.filter((m) => m !== broken);
    expect(others.map((m) => [m.verdict !== null, m.detectionError])).toEqual([
      [true, null],
      [true, null],
    ]);
    const detail = await t.value('messages.get', { id: broken.id });
    expect(detail.classification).toBeNull();
    expect(detail.detectionError).toBe('injected detection bug');
  });

  it('writes the message id and the error in the log', async () => {
    const broken = (await messages()).find((m) => m.subject === 'Breaks detection')!;
    const log = readFileSync(path.join(t.dataDir, 'logs', 'inbox-guard.log'), 'utf8');
    expect(log).toMatch(
      new RegExp(
        `ERROR detection failed on message ${broken.id} TypeError: injected detection bug`,
      ),
    );
  });

  it('emits an error event naming the message', async () => {
    const broken = (await messages()).find((m) => m.subject === 'Breaks detection')!;
    const errors = events.filter((e) => e.type === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'DETECTION_FAILED',
        details: { messageIds: [broken.id], count: 1 },
      }),
    ]);
  });

  it('is counted by detect.run, which tries it again, and not turned into a verdict', async () => {
    const report = await t.value('detect.run', {});
    expect(report).toMatchObject({ classified: 0, detectionErrors: 1 });
    const broken = (await messages()).find((m) => m.subject === 'Breaks detection')!;
    expect(broken).toMatchObject({ verdict: null, detectionError: 'injected detection bug' });
    // The retry failed loudly too.
    expect(events.filter((e) => e.type === 'error')).toHaveLength(2);
  });
});
