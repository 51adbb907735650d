/** `inbox-guard classify` on an .eml, a folder and an mbox; exit codes. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.js';
import { MESSAGES_DIR } from '../fixtures/corpus/generate.js';
import { loadCorpus } from './corpus.js';

let dir = '';

function capture(): {
  out: string[];
  err: string[];
  io: { out(l: string): void; err(l: string): void };
} {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

beforeAll(async () => {
  await loadCorpus();
  dir = mkdtempSync(path.join(tmpdir(), 'ig-cli-'));
  const folder = path.join(dir, 'folder');
  mkdirSync(folder);
  const files = ['nl-mailchimp-0.eml', 'cold-lemlist-0.eml', 'personal-friend-0.eml'];
  const raws = files.map((f) => readFileSync(path.join(MESSAGES_DIR, f)));
  files.forEach((f, i) => writeFileSync(path.join(folder, f), raws[i]!));
  const mbox = raws
    .map(
      (raw) =>
        `From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n${raw.toString('latin1').replace(/\r\n/g, '\n')}\n`,
    )
    .join('');
  writeFileSync(path.join(dir, 'box.mbox'), mbox, 'latin1');
}, 120_000);

describe('inbox-guard classify', () => {
  it('prints one JSON object per line with the issue’s fields', async () => {
    const { out, io } = capture();
    const code = await main(
      ['classify', path.join(MESSAGES_DIR, 'nl-mailchimp-0.eml'), '--json'],
      io,
    );
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const line = JSON.parse(out[0]!) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual([
      'file',
      'verdict',
      'score',
      'router',
      'advertiser',
      'identity',
      'signals',
    ]);
    expect(line).toMatchObject({ verdict: 'newsletter', router: { name: 'Mailchimp' } });
  });

  it('classifies a folder and an mbox (file is path#index)', async () => {
    const folder = capture();
    expect(await main(['classify', path.join(dir, 'folder'), '--json'], folder.io)).toBe(0);
    expect(folder.out).toHaveLength(3);
    const box = capture();
    expect(
      await main(
        [
          'classify',
          path.join(dir, 'box.mbox'),
          '--json',
          '--identity',
          'c.martin@acme-industrie.fr',
        ],
        box.io,
      ),
    ).toBe(0);
    const lines = box.out.map(
      (l) => JSON.parse(l) as { file: string; verdict: string; identity: string | null },
    );
    expect(lines.map((l) => l.file)).toEqual(
      [1, 2, 3].map((i) => `${path.join(dir, 'box.mbox')}#${i}`),
    );
    expect(lines.map((l) => l.verdict)).toEqual(['newsletter', 'cold_prospecting', 'personal']);
    expect(lines[1]!.identity).toBe('c.martin@acme-industrie.fr');
  });

  it('prints a readable report without --json', async () => {
    const { out, io } = capture();
    await main(['classify', path.join(MESSAGES_DIR, 'cold-lemlist-0.eml'), '--lang', 'fr'], io);
    expect(out[0]).toContain('verdict:    cold_prospecting');
    expect(out[0]).toContain('pixel de suivi de lemlist');
  });

  it('exits 2 with a clear message on unreadable input, 1 on a usage error', async () => {
    const missing = capture();
    expect(await main(['classify', path.join(dir, 'nope.eml')], missing.io)).toBe(2);
    expect(missing.err.join('\n')).toMatch(/nope\.eml/);
    const usage = capture();
    expect(await main(['classify', '--bogus'], usage.io)).toBe(1);
    expect(usage.err.join('\n')).toContain('usage: inbox-guard classify');
  });

  it('runs from a checkout through the bin launcher', async () => {
    const bin = path.resolve('bin/inbox-guard.cjs');
    const { stdout } = await promisify(execFile)(process.execPath, [
      bin,
      'classify',
      path.join(MESSAGES_DIR, 'tx-postmark-5.eml'),
      '--json',
    ]);
    expect(JSON.parse(stdout.trim())).toMatchObject({
      verdict: 'transactional',
      router: { name: 'Postmark (ActiveCampaign)' },
    });
    await expect(
      promisify(execFile)(process.execPath, [bin, 'classify', path.join(dir, 'missing.mbox')]),
    ).rejects.toMatchObject({ code: 2 });
  }, 30_000);
});
