/**
 * `inbox-guard classify <file.eml | folder | file.mbox>... [--json] [--identity ADDRESS]... [--lang fr]`
 *
 * Prints each message's verdict, score, router (with account id), advertiser,
 * identity hit and signals; with --json, one JSON object per line. What is
 * not mail (the importer's own check), or cannot be read, gets no verdict: an
 * error line on stderr (and with --json a `{file, error}` object), and the
 * next file is read; so does a message detection fails on (a bug, named with the
 * message). Exit code 0 when every message got its verdict, 2 when something
 * could not be classified, 1 on a usage error.
 */
import { isAppError } from '../errors.js';
import { whyNotMail } from '../importer/looks-like-mail.js';
import { readSourceEntries } from '../importer/sources.js';
import {
  classifyMessage,
  createMemoryContext,
  wordedSignal,
  type Classification,
  type DetectContext,
} from '../detect/index.js';
import { messageInputOf } from './eml.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** A progress line that replaces the previous one; only where stderr is a terminal. */
  status?(line: string): void;
}

export const CLASSIFY_USAGE =
  'usage: inbox-guard classify <file.eml | folder | file.mbox>... [--json] [--identity ADDRESS]... [--lang en|fr]';

interface ClassifyArgs {
  inputs: string[];
  json: boolean;
  identities: string[];
  lang: 'en' | 'fr';
}

export function parseClassifyArgs(args: readonly string[]): ClassifyArgs | string {
  const parsed: ClassifyArgs = { inputs: [], json: false, identities: [], lang: 'en' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') parsed.json = true;
    else if (arg === '--identity' || arg === '--lang') {
      const value = args[++i];
      if (!value || value.startsWith('--')) return `${arg} needs a value`;
      if (arg === '--identity') parsed.identities.push(value);
      else if (value === 'en' || value === 'fr') parsed.lang = value;
      else return `--lang takes en or fr, not ${value}`;
    } else if (arg.startsWith('--identity=')) parsed.identities.push(arg.slice(11));
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else parsed.inputs.push(arg);
  }
  if (parsed.inputs.length === 0) return 'no input given';
  return parsed;
}

export async function runClassify(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseClassifyArgs(args);
  if (typeof parsed === 'string') {
    io.err(`inbox-guard classify: ${parsed}\n${CLASSIFY_USAGE}`);
    return 1;
  }
  const context = createMemoryContext({ identities: parsed.identities });
  let failed = false;
  for (const input of parsed.inputs) {
    const ok = await classifyInput(input, parsed, context, io);
    failed ||= !ok;
  }
  return failed ? 2 : 0;
}

async function classifyInput(
  input: string,
  args: ClassifyArgs,
  context: DetectContext,
  io: CliIo,
): Promise<boolean> {
  let classified = 0;
  let failed = false;
  const fail = (file: string, error: string) => {
    failed = true;
    io.err(`inbox-guard classify: ${file}: ${error}`);
    if (args.json) io.out(JSON.stringify({ file, error }));
  };
  try {
    for await (const entry of readSourceEntries(input)) {
      if (entry.kind === 'skipped') fail(entry.source, entry.reason);
      if (entry.kind !== 'message') continue; // links followed, files not named .eml
      const notMail = whyNotMail(entry);
      if (notMail) {
        fail(entry.source, notMail);
        continue;
      }
      let result: Classification;
      try {
        result = classifyMessage(await messageInputOf(entry.head), context);
      } catch (err) {
        // A bug in detection, not a bad input: named with the message, never a verdict.
        fail(entry.source, `detection failed: ${String(err)}`);
        continue;
      }
      io.out(
        args.json
          ? JSON.stringify(jsonLine(entry.source, result))
          : humanReport(entry.source, result, args.lang),
      );
      classified++;
    }
  } catch (err) {
    if (!isAppError(err)) throw err;
    // The input itself is refused (missing, a device...): the message names it and says why.
    io.err(`inbox-guard classify: ${err.message}`);
    if (args.json) io.out(JSON.stringify({ file: input, error: err.message }));
    return false;
  }
  if (classified === 0 && !failed) fail(input, 'no message found');
  return !failed;
}

export function jsonLine(file: string, result: Classification): Record<string, unknown> {
  return {
    file,
    verdict: result.verdict,
    score: result.score,
    router: result.router ? { name: result.router.name, accountId: result.router.accountId } : null,
    advertiser: result.advertiser
      ? { domain: result.advertiser.domain, name: result.advertiser.name }
      : null,
    identity: result.identity,
    signals: result.signals.map((s) => wordedSignal(s).en),
  };
}

function humanReport(file: string, result: Classification, lang: 'en' | 'fr'): string {
  const router = result.router
    ? `${result.router.name}${result.router.accountId ? ` (account ${result.router.accountId})` : ''}`
    : '-';
  const advertiser = result.advertiser
    ? `${result.advertiser.domain}${result.advertiser.name ? ` (${result.advertiser.name})` : ''}`
    : '-';
  const lines = [
    file,
    `  verdict:    ${result.verdict} (${result.score.toFixed(2)})${result.unsolicited ? ', unsolicited' : ''}`,
    `  router:     ${router}`,
    `  advertiser: ${advertiser}`,
    `  identity:   ${result.identity ?? '-'}${result.plusTag ? ` (+${result.plusTag})` : ''}`,
    '  signals:',
    ...result.signals.map((s) => `    - ${wordedSignal(s)[lang]}`),
  ];
  if (result.legalFlags.length > 0)
    lines.push(
      '  legal flags (hints, not legal advice):',
      ...result.legalFlags.map((f) => `    - ${f[lang]}`),
    );
  return lines.join('\n');
}
