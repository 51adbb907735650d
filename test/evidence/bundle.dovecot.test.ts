/**
 * A full case on the test servers (marketing received, a letter sent by the objections capability,
 * the deadline passed, two violations): exported, every file there, the .eml
 * bytes equal to the server's, hashes matching, DKIM kept with its record;
 * `npx --no-install inbox-guard verify-bundle` passes on the folder and the ZIP,
 * fails naming the file when one byte is altered, and when a file is removed.
 */
import BetterSqlite3 from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.js';
import type { ExportedEvidence } from '../../shared/api/evidence.js';
import { connectAlice, dovecotReady } from '../support/dovecot-account.js';
import {
  ADVERTISER,
  buildServerCase,
  DEADLINE,
  OBJECTED_AT,
  SPAMMER,
  type ServerCase,
} from './case-on-servers.js';
import { keysAsked } from './dkim-keys.js';

const ready = dovecotReady('evidence bundle');
const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** The real command, as a user types it in the checkout. */
async function inboxGuard(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('npx', ['--no-install', 'inbox-guard', ...args], { cwd: ROOT });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** The same command in this process (the checks beyond the two that run it for real). */
async function inboxGuardHere(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(args, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(!ready)('evidence bundle of a case on the test servers', () => {
  let c: ServerCase;
  let e: ExportedEvidence;
  let work: string;
  const serverSources = new Map<string, Buffer>();

  beforeAll(async () => {
    c = await buildServerCase();
    e = await c.t.value('evidence.export', { advertiser: ADVERTISER, lang: 'fr' });
    work = mkdtempSync(path.join(os.tmpdir(), 'ig-bundle-'));
    const other = await connectAlice(c.server.port);
    try {
      // The follow-up filed the two violations into Violations.
      for (const folder of ['INBOX', 'Violations']) {
        await other.mailboxOpen(folder);
        for await (const m of other.fetch('1:*', { source: true, envelope: true }))
          serverSources.set(m.envelope!.messageId!, m.source!);
      }
    } finally {
      await other.logout();
    }
  }, 60_000);
  afterAll(async () => {
    await c?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const file = (p: string) => readFileSync(path.join(e.folder, p));

  it('holds every file of the case, the originals byte for byte as the server has them', () => {
    expect(e).toMatchObject({ messages: 4, violations: 2 });
    const messages = readdirSync(path.join(e.folder, 'messages')).sort();
    expect(messages).toEqual([
      '2026-09-15-Boutique Soleil.eml',
      '2026-09-20-Boutique Soleil.eml',
      '2026-11-10-Boutique Soleil.eml',
      '2026-11-20-Boutique Soleil.eml',
    ]);
    for (const [n, name] of messages.entries())
      expect(
        file(`messages/${name}`).equals(serverSources.get(`<offre-${n + 1}@news.${ADVERTISER}>`)!),
      ).toBe(true);
    expect(existsSync(e.zip)).toBe(true);
    for (const p of ['timeline.csv', 'manifest.json', 'SHA256SUMS'])
      expect(existsSync(path.join(e.folder, p)), p).toBe(true);
    for (const p of ['rapport.pdf', 'plainte-cnil.txt'])
      expect(existsSync(path.join(e.folder, p)), p).toBe(true);
    // An objected advertiser's case goes to the CNIL, not to Signal Spam.
    expect(existsSync(path.join(e.folder, 'signal-spam'))).toBe(false);
  });

  it('keeps the letter as the SMTP server received it, with its reply as proof', () => {
    const letters = readdirSync(path.join(e.folder, 'objections')).sort();
    expect(letters).toEqual(['2026-10-01-1-letter-proof.json', '2026-10-01-1-letter.eml']);
    expect(file('objections/2026-10-01-1-letter.eml').equals(c.letter.raw)).toBe(true);
    const proof = JSON.parse(file('objections/2026-10-01-1-letter-proof.json').toString()) as {
      answer: string;
      proof: { messageId: string };
    };
    expect(proof).toMatchObject({
      channel: 'letter',
      to: `dpo@${ADVERTISER}`,
      sentAt: OBJECTED_AT,
      sha256: sha256(c.letter.raw),
    });
    expect(proof.answer).toBe(c.letter.response);
    expect(proof.answer).toMatch(/^250 /);
    // The ledger's proof names the letter as it left (its Message-ID).
    expect(c.letter.raw.toString('latin1')).toContain(`Message-ID: ${proof.proof.messageId}`);
  });

  it('finds no case for an address the advertiser never wrote to', async () => {
    const r = await c.t.call('evidence.export', {
      advertiser: ADVERTISER,
      lang: 'fr',
      identity: 'bob@exemple.fr',
    });
    expect(r.ok ? 'exported' : r.error.code).toBe('NOT_FOUND');
  });

  it('keeps each message’s DKIM result with the key record used at receipt', () => {
    const auth = JSON.parse(file('authentication/2026-11-20-Boutique Soleil.json').toString()) as {
      file: string;
      sourceSha256: string;
      dkim: {
        result: string;
        domain: string;
        selector: string;
        signatures: Array<{ keyRecord: string }>;
      };
      spfDmarc: {
        about: string;
        spf: { result: string; domain: string; ip: string; helo: string; record: string };
        dmarc: { result: string; policy: string; fromDomain: string };
      };
      receivedAuthenticationResults: string[];
      receivedAuthenticationResultsAbout: string;
    };
    expect(auth.file).toBe('messages/2026-11-20-Boutique Soleil.eml');
    expect(auth.sourceSha256).toBe(sha256(file(auth.file)));
    expect(auth.dkim).toMatchObject({ result: 'pass', domain: ADVERTISER, selector: 'soleil2026' });
    expect(auth.dkim.signatures[0]!.keyRecord).toBe(c.signerRecord);
    expect(auth.receivedAuthenticationResults[0]).toContain('spf=pass');
    expect(auth.receivedAuthenticationResultsAbout).toContain('written by the receiving server');
    // Our own SPF/DMARC, from the hop the receiving server recorded, saying it is ours.
    expect(auth.spfDmarc.spf).toEqual({
      result: 'pass',
      notCheckable: null,
      domain: `news.${ADVERTISER}`,
      ip: '192.0.2.4',
      helo: `mta.${ADVERTISER}`,
      record: 'v=spf1 ip4:192.0.2.0/24 -all',
    });
    expect(auth.spfDmarc.dmarc).toMatchObject({
      result: 'pass',
      policy: 'reject',
      fromDomain: ADVERTISER,
    });
    expect(auth.spfDmarc.about).toContain('checked by Inbox Guard');
    // One DNS question for the selector, whatever the number of messages it signed.
    expect(keysAsked(c.dns)).toEqual([`soleil2026._domainkey.${ADVERTISER}`]);
    // And one for the SPF record, cached like the key.
    expect(c.dns.asked.filter((n) => n === `news.${ADVERTISER}`)).toHaveLength(1);
  });

  it('writes the timeline: received, objection, deadline, violations, each with its file', () => {
    const rows = file('timeline.csv')
      .toString()
      .trim()
      .split('\r\n')
      .map((r) => r.split(','));
    expect(rows[0]).toEqual(['date', 'event', 'summary', 'file']);
    expect(rows.slice(1).map((r) => [r[0]!.slice(0, 10), r[1]])).toEqual([
      ['2026-09-15', 'message_received'],
      ['2026-09-20', 'message_received'],
      ['2026-10-01', 'objection_sent'],
      ['2026-11-01', 'deadline'],
      ['2026-11-10', 'violation'],
      ['2026-11-20', 'violation'],
    ]);
    expect(rows[4]![0]).toBe(DEADLINE);
    expect(rows[5]![3]).toBe('messages/2026-11-10-Boutique Soleil.eml');
  });

  it('lists every file in the manifest and SHA256SUMS with its hash and size', () => {
    const manifest = JSON.parse(file('manifest.json').toString()) as {
      createdAt: string;
      files: Array<{ path: string; sha256: string; size: number }>;
    };
    expect(manifest.createdAt).toBe(e.createdAt);
    const onDisk = readdirSync(e.folder, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(e.folder, path.join(d.parentPath, d.name)))
      .filter((p) => p !== 'manifest.json' && p !== 'SHA256SUMS')
      .sort();
    expect(manifest.files.map((f) => f.path)).toEqual(onDisk);
    for (const f of manifest.files)
      expect([sha256(file(f.path)), file(f.path).length]).toEqual([f.sha256, f.size]);
    const sums = file('SHA256SUMS').toString();
    expect(sums).toContain(`${sha256(file('manifest.json'))}  manifest.json\n`);
    expect(e.check).toMatchObject({ ok: true, problems: [] });
  });

  /** pdftotext's text, the no-break spaces French typography puts in read as spaces. */
  async function pdfText(pdf: string): Promise<string> {
    const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
    return stdout.replace(/[\u00A0\u202F]/g, ' ').replace(/[ \t]+/g, ' ');
  }

  it('writes rapport.pdf in French: advertiser, dates, articles, DKIM, accents and « » ’ intact', async () => {
    const text = await pdfText(path.join(e.folder, 'rapport.pdf'));
    for (const expected of [
      'Dossier de plainte : Boutique Soleil',
      'boutique-soleil.fr',
      'alice@exemple.fr',
      'Entre le 15 septembre 2026 et le 20 novembre 2026, 4 messages de prospection',
      'Le 1ᵉʳ octobre 2026, opposition envoyée (courriel d’opposition, à dpo@boutique-soleil.fr)',
      'a expiré le 1ᵉʳ novembre 2026',
      'Aucune réponse de l’annonceur n’a été reçue',
      '2 nouveaux messages de prospection',
      'réponse du serveur : « 250',
      'art. 21(3)',
      'art. 12(3)',
      'art. 17(1)(c)',
      'L.34-5',
      'R.10-1',
      '226-18-1',
      '10 novembre 2026 Nouveautés d’hiver rien que pour valide (d=boutique- SPF conforme ; DMARC',
      'SPF/DMARC : vérifiés par Inbox Guard',
      'Les résultats inscrits par le serveur de réception lui-même',
      'Black Friday : jusqu’à -50 %',
      'échéance',
      'Il ne constitue pas un avis juridique.',
    ])
      expect(text).toContain(expected);
  });

  it('renders rapport.pdf as pages an image tool can draw', async () => {
    const prefix = path.join(work, 'page');
    await run('pdftoppm', ['-r', '50', '-png', path.join(e.folder, 'rapport.pdf'), prefix]);
    const page = readFileSync(`${prefix}-1.png`);
    expect(page.subarray(1, 4).toString()).toBe('PNG');
    // An A4 page at 50 dpi (IHDR width and height).
    expect([page.readUInt32BE(16), page.readUInt32BE(20)]).toEqual([414, 585]);
  });

  it('writes the report in English on request', async () => {
    await new Promise((r) => setTimeout(r, 1_000)); // a bundle's name has the second it was made
    const en = await c.t.value('evidence.export', { advertiser: ADVERTISER, lang: 'en' });
    const text = await pdfText(path.join(en.folder, 'rapport.pdf'));
    for (const expected of [
      'Complaint file: Boutique Soleil',
      'On 1 October 2026, an objection was sent (objection email, to dpo@boutique-soleil.fr)',
      'The one-month deadline to act on it (GDPR Art. 12(3)) passed on 1 November 2026',
      'It is not legal advice.',
    ])
      expect(text).toContain(expected);
    // The CNIL takes complaints in French, whatever the report's language.
    expect(readFileSync(path.join(en.folder, 'plainte-cnil.txt'), 'utf8')).toContain(
      'PLAINTE À LA CNIL',
    );
  });

  it('writes the CNIL form’s fields: the steps with their dates, and that no answer came', () => {
    const text = file('plainte-cnil.txt')
      .toString('utf8')
      .replace(/[\u00A0\u202F]/g, ' ');
    const steps = text
      .split('== Démarches effectuées auprès de l’organisme (avec dates) ==\n')[1]!
      .split('\n\n')[0]!;
    expect(steps.split('\n')).toEqual([
      '- 15 septembre 2026 : message de prospection reçu (pièce : messages/2026-09-15-Boutique Soleil.eml).',
      '- 20 septembre 2026 : message de prospection reçu (pièce : messages/2026-09-20-Boutique Soleil.eml).',
      '- 1er octobre 2026 : opposition envoyée (courriel d’opposition à dpo@boutique-soleil.fr) au titre du RGPD art. 21(2) et 17(1)(c) (pièce : objections/2026-10-01-1-letter.eml).',
      '- 1er novembre 2026 : fin du délai d’un mois pour répondre (RGPD art. 12(3)).',
      '- 10 novembre 2026 : nouveau message de prospection reçu après l’échéance (pièce : messages/2026-11-10-Boutique Soleil.eml).',
      '- 20 novembre 2026 : nouveau message de prospection reçu après l’échéance (pièce : messages/2026-11-20-Boutique Soleil.eml).',
    ]);
    expect(text).toContain(
      '== Réponses de l’organisme ==\nAucune réponse n’a été reçue à la date du',
    );
    expect(text).toContain('alors que le délai d’un mois a expiré le 1er novembre 2026.');
    expect(text).toContain('Site / domaine : boutique-soleil.fr');
  });

  it('verify-bundle passes on the folder and on the ZIP, repeating DKIM offline', async () => {
    const folder = await inboxGuard(['verify-bundle', e.folder]);
    expect(folder.code, folder.out).toBe(0);
    expect(folder.out).toContain('OK: the bundle is intact');
    expect(folder.out).toContain(
      'dkim messages/2026-11-20-Boutique Soleil.eml: pass at receipt, pass offline now',
    );
    expect(folder.out).toContain(
      'SPF/DMARC as kept (they need DNS as it was when checked: not repeatable offline)',
    );
    expect(folder.out).toContain(
      'spf/dmarc messages/2026-11-20-Boutique Soleil.eml: SPF pass, DMARC pass (policy reject), checked 20',
    );
    const zip = await inboxGuardHere(['verify-bundle', e.zip]);
    expect(zip.code, zip.out).toBe(0);
  }, 60_000);

  it('verify-bundle fails naming the file when one byte of it was altered', async () => {
    const copy = path.join(work, 'altered');
    cpSync(e.folder, copy, { recursive: true });
    const target = path.join(copy, 'messages', '2026-11-10-Boutique Soleil.eml');
    const bytes = readFileSync(target);
    const at = bytes.indexOf('Black') === -1 ? bytes.length - 5 : bytes.indexOf('Black');
    bytes[at] = bytes[at]! ^ 0x20;
    writeFileSync(target, bytes);
    const r = await inboxGuard(['verify-bundle', copy]);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('ALTERED messages/2026-11-10-Boutique Soleil.eml');
    expect(r.out).toContain('FAILED');
  }, 60_000);

  it('verify-bundle fails naming the file that was removed', async () => {
    const copy = path.join(work, 'removed');
    cpSync(e.folder, copy, { recursive: true });
    unlinkSync(path.join(copy, 'objections', '2026-10-01-1-letter.eml'));
    const r = await inboxGuardHere(['verify-bundle', copy]);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('MISSING objections/2026-10-01-1-letter.eml');
  }, 60_000);

  it('narrows a case to a period when asked', async () => {
    await new Promise((r) => setTimeout(r, 1_000)); // a bundle's name has the second it was made
    const late = await c.t.value('evidence.export', {
      advertiser: ADVERTISER,
      lang: 'fr',
      since: '2026-11-01T00:00:00Z',
    });
    expect(late).toMatchObject({ messages: 2, violations: 2, check: { ok: true } });
    expect(readdirSync(path.join(late.folder, 'messages')).sort()).toEqual([
      '2026-11-10-Boutique Soleil.eml',
      '2026-11-20-Boutique Soleil.eml',
    ]);
  });

  it('gives plain spam its Signal Spam folder: full sources, and no CNIL complaint to make', async () => {
    const spam = await c.t.value('evidence.export', { advertiser: SPAMMER, lang: 'fr' });
    expect(spam).toMatchObject({ messages: 2, violations: 0, check: { ok: true } });
    const names = readdirSync(path.join(spam.folder, 'signal-spam')).sort();
    expect(names).toEqual(['2026-11-01-Promo Flash.eml', '2026-11-02-Promo Flash.eml']);
    for (const [n, name] of names.entries())
      expect(
        readFileSync(path.join(spam.folder, 'signal-spam', name)).equals(
          serverSources.get(`<flash-${n + 1}@${SPAMMER}>`)!,
        ),
      ).toBe(true);
    expect(existsSync(path.join(spam.folder, 'objections'))).toBe(false);
    const auth = JSON.parse(
      readFileSync(path.join(spam.folder, 'authentication', '2026-11-01-Promo Flash.json'), 'utf8'),
    ) as { dkim: { result: string } };
    expect(auth.dkim.result).toBe('none');
    const cnil = readFileSync(path.join(spam.folder, 'plainte-cnil.txt'), 'utf8');
    expect(cnil).toContain('ce cas relève de Signal Spam (signal-spam.fr)');
  });

  it('export-evidence writes the same bundle into the folder asked, from the data folder', async () => {
    // A copy of the data folder as it is now (SQLite's own backup: consistent while in use).
    const dataCopy = path.join(work, 'data');
    cpSync(c.t.dataDir, dataCopy, {
      recursive: true,
      filter: (src) => !/inbox-guard\.sqlite|exports/.test(path.basename(src)),
    });
    const live = new BetterSqlite3(path.join(c.t.dataDir, 'inbox-guard.sqlite'), {
      readonly: true,
    });
    await live.backup(path.join(dataCopy, 'inbox-guard.sqlite'));
    live.close();
    const out = path.join(work, 'out');
    const r = await inboxGuard([
      'export-evidence',
      '--advertiser',
      ADVERTISER,
      '--out',
      out,
      '--data-dir',
      dataCopy,
    ]);
    const log = path.join(dataCopy, 'logs', 'inbox-guard.log');
    expect(
      r.code,
      `${r.out}\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-3000) : ''}`,
    ).toBe(0);
    expect(r.out).toContain('4 messages, 2 after the deadline');
    expect(r.out).toContain('OK: the bundle is intact');
    const [folder] = readdirSync(out).filter((n) => !n.endsWith('.zip'));
    expect(readdirSync(out).sort()).toEqual([folder, `${folder}.zip`]);
    expect(
      readFileSync(path.join(out, folder!, 'objections', '2026-10-01-1-letter.eml')).equals(
        c.letter.raw,
      ),
    ).toBe(true);
    expect(readFileSync(path.join(out, folder!, 'plainte-cnil.txt'), 'utf8')).toContain(
      'PLAINTE À LA CNIL',
    );
  }, 90_000);

  it('keeps the case’s messages after they leave the server, whatever the retention', async () => {
    const listed = await c.t.value('messages.list', { accountId: c.accountId, limit: 100 });
    // The objected offer, still in INBOX (the violations were filed into Violations).
    const lastOffer = listed.items.find((m) => m.messageId === `<offre-2@news.${ADVERTISER}>`)!;
    await c.t.value('settings.set', { goneRetentionDays: 0 });
    const other = await connectAlice(c.server.port);
    try {
      await other.mailboxOpen('INBOX');
      await other.messageDelete(String(lastOffer.uid), { uid: true });
    } finally {
      await other.logout();
    }
    await c.t.syncAndDetect(c.accountId);
    const kept = await c.t.value('messages.get', { id: lastOffer.id });
    expect(kept).toMatchObject({ id: lastOffer.id, folderId: null });
    const again = await c.t.value('evidence.export', { advertiser: ADVERTISER, lang: 'fr' });
    expect(again).toMatchObject({ messages: 4, violations: 2, check: { ok: true } });
  });
});
