/**
 * `inbox-guard verify-bundle <folder | zip>`: every hash recomputed, every DKIM
 * verification repeated offline from the key records kept; prints what holds,
 * names what does not, exits 0 only when everything holds (2 otherwise, 1 on a
 * usage error).
 *
 * `inbox-guard export-evidence --advertiser DOMAIN --out DIR [--lang fr|en] [--identity ADDRESS]
 * [--since ISO-DATE] [--until ISO-DATE] [--data-dir DIR]`: the same export as the app's (through
 * the core's API, over the data folder, narrowed to an identity and a period when asked),
 * copied into DIR as the bundle's folder and its ZIP, with progress on stderr.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../app-paths.js';
import { createCore } from '../core/index.js';
import { isAppError } from '../errors.js';
import { verifyBundle, type BundleVerification } from '../evidence/verify-bundle.js';
import type { CliIo } from './classify.js';

export const VERIFY_USAGE = 'usage: inbox-guard verify-bundle <folder | file.zip>';
export const EXPORT_USAGE =
  'usage: inbox-guard export-evidence --advertiser DOMAIN --out DIR [--lang fr|en] [--identity ADDRESS] [--since ISO-DATE] [--until ISO-DATE] [--data-dir DIR]';

export async function runVerifyBundle(args: readonly string[], io: CliIo): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('--')) {
    io.err(VERIFY_USAGE);
    return 1;
  }
  let v: BundleVerification;
  try {
    v = await verifyBundle(args[0]!);
  } catch (err) {
    if (!isAppError(err)) throw err;
    io.err(`inbox-guard verify-bundle: ${err.message}`);
    return 2;
  }
  printVerification(v, io);
  return v.ok ? 0 : 2;
}

export function printVerification(v: BundleVerification, io: CliIo): void {
  if (v.manifest) io.out(`bundle of ${v.manifest.advertiser}, made ${v.manifest.createdAt}`);
  io.out(`${v.intact.length} files intact (SHA-256 as in manifest.json and SHA256SUMS)`);
  for (const p of v.problems) io.out(`${p.problem.toUpperCase()} ${p.path}: ${p.detail}`);
  for (const d of v.dkim) {
    const holds = d.kept !== 'pass' || d.now === 'pass';
    io.out(
      `${holds ? 'dkim' : 'DKIM BROKEN'} ${d.file}: ${d.kept} at receipt, ${d.now} offline now`,
    );
  }
  if (v.spfDmarc.length)
    io.out('SPF/DMARC as kept (they need DNS as it was when checked: not repeatable offline)');
  for (const s of v.spfDmarc) {
    const spf = s.spf ?? `not checkable (${s.spfReason ?? 'unknown'})`;
    const dmarc = s.dmarc ?? `not checkable (${s.dmarcReason ?? 'unknown'})`;
    const policy = s.dmarcPolicy ? ` (policy ${s.dmarcPolicy})` : '';
    io.out(`spf/dmarc ${s.file}: SPF ${spf}, DMARC ${dmarc}${policy}, checked ${s.checkedAt}`);
  }
  io.out(v.ok ? 'OK: the bundle is intact' : 'FAILED: the bundle was altered (see above)');
}

/** Every this many, a progress line where stderr is not a terminal (a log, a pipe). */
export const PROGRESS_EVERY = 100;

const STEP_WORDS: Record<string, string> = {
  sources: 'messages prepared',
  files: 'files written',
};

/**
 * The export's progress on stderr: on a terminal, one line kept up to date; elsewhere, a line
 * every PROGRESS_EVERY and at the end of each step, so a log of a large case stays short.
 */
export function exportProgressPrinter(
  io: CliIo,
): (step: string, done: number, total: number) => void {
  return (step, done, total) => {
    const line = `export: ${done}/${total} ${STEP_WORDS[step] ?? step}`;
    if (io.status) {
      io.status(line);
      if (done === total) io.err('');
    } else if (done === total || done % PROGRESS_EVERY === 0) io.err(line);
  };
}

export async function runExportEvidence(args: readonly string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        advertiser: { type: 'string' },
        out: { type: 'string' },
        lang: { type: 'string', default: 'fr' },
        identity: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    io.err(`inbox-guard export-evidence: ${(err as Error).message}\n${EXPORT_USAGE}`);
    return 1;
  }
  const { advertiser, out, lang } = values;
  if (!advertiser || !out || (lang !== 'fr' && lang !== 'en')) {
    io.err(`inbox-guard export-evidence: --advertiser and --out are needed\n${EXPORT_USAGE}`);
    return 1;
  }
  const core = createCore({ dataDir: resolveDataDir(values['data-dir']) });
  // The store's writer thread does not hold the process open (unref'd): this command must,
  // until its work is done.
  const keepAlive = setInterval(() => undefined, 60_000);
  const progress = exportProgressPrinter(io);
  const stop = core.onEvent((e) => {
    if (e.type === 'job.progress' && e.kind === 'evidence.export' && e.total)
      progress(e.note ?? '', e.done, e.total);
  });
  try {
    await core.ready();
    const { identity, since, until } = values;
    const result = await core.call('evidence.export', { advertiser, lang, identity, since, until });
    if (!result.ok) {
      const usage = result.error.code === 'INVALID_INPUT';
      io.err(
        `inbox-guard export-evidence: ${result.error.message}${usage ? `\n${EXPORT_USAGE}` : ''}`,
      );
      return usage ? 1 : 2;
    }
    const e = result.value;
    const folder = path.resolve(out, e.bundle);
    cpSync(e.folder, folder, { recursive: true, errorOnExist: true, force: false });
    cpSync(e.zip, `${folder}.zip`, { errorOnExist: true, force: false });
    io.out(`${e.messages} messages, ${e.violations} after the deadline, ${e.files} files`);
    io.out(`folder: ${folder}`);
    io.out(`zip: ${folder}.zip`);
    const check = await verifyBundle(folder);
    printVerification(check, io);
    return check.ok ? 0 : 2;
  } finally {
    stop();
    await core.close();
    clearInterval(keepAlive);
  }
}
