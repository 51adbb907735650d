/**
 * A large case's report: 150 messages after the deadline make a table over
 * several pages, every row whole and readable (pdftotext), and the first page
 * draws (pdftoppm).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { MessageDetail } from '../../shared/types.js';
import type { BundledMessage, CaseDocument } from '../../electron/evidence/bundle.js';
import type { CaseFacts } from '../../electron/evidence/case-facts.js';
import { reportPdf } from '../../electron/evidence/report-pdf.js';
import { timelineOf } from '../../electron/evidence/timeline.js';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LATE = 150;
function violation(n: number): BundledMessage {
  const date = new Date(Date.UTC(2026, 10, 2, 8, n)).toISOString();
  return {
    id: n,
    role: 'violation',
    detail: {
      id: n,
      date,
      subject: `Offre n° ${n} : « dernière chance »`,
      from: { name: 'Boutique', address: 'offres@boutique.fr' },
    } as MessageDetail,
    file: `messages/2026-11-02-Boutique-${n}.eml`,
    authentication: null,
  };
}

describe('the report of a large case', () => {
  it('spreads the messages after the deadline over pages, no row lost or cut', async () => {
    const messages = Array.from({ length: LATE }, (_, i) => violation(i + 1));
    const facts: CaseFacts = {
      advertiser: { domain: 'boutique.fr', name: 'Boutique', router: null, privacyContact: null },
      complainant: { name: 'Alice Martin', email: 'alice@exemple.fr' },
      identities: ['alice@exemple.fr'],
      messages: messages.map((m) => m.id),
      objections: [
        {
          channel: 'letter',
          sentAt: '2026-09-01T09:00:00.000Z',
          to: 'dpo@boutique.fr',
          raw: null,
          proof: null,
        },
      ],
      deadline: '2026-10-01T09:00:00.000Z',
      replies: [],
      violations: messages.map((m) => m.id),
      scope: { advertiser: 'boutique.fr' },
    };
    const objections = facts.objections.map((o) => ({ ...o, file: null, proofFile: null }));
    const doc: CaseDocument = {
      facts,
      lang: 'fr',
      createdAt: '2026-12-05T10:00:00.000Z',
      messages,
      objections,
      timeline: timelineOf(facts, messages, objections),
    };
    const file = path.join(dir, 'rapport.pdf');
    writeFileSync(file, await reportPdf(doc));
    const { stdout: info } = await run('pdfinfo', [file]);
    // About 55 rows a page: the table fills pages, never one cell per page.
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(6);
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    const text = stdout.replace(/[\u00A0\u202F]/g, ' ');
    for (const n of [1, 75, LATE]) expect(text).toContain(`Offre n° ${n} : « dernière chance »`);
    const rows = text.split('\n').filter((l) => /Offre n° \d+ :/.test(l));
    expect(rows).toHaveLength(LATE);
    expect(text).toContain('source non conservée');
    await run('pdftoppm', ['-r', '30', '-png', '-singlefile', file, path.join(dir, 'p')]);
    expect(readFileSync(path.join(dir, 'p.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});
