/**
 * `inbox-guard run-rules [--dry-run] [--account ID] [--data-dir DIR] [--batch N]`
 *
 * Runs the enabled rules headless (cron, a server) over the data folder the
 * app uses, through the same core: each account is synced, then its run is a
 * job of its queue, journaled. Prints a table of what each rule did (or would
 * do, with --dry-run) per account and folder. Exit code 0 when every run
 * finished, 2 when one failed or a call was refused, 1 on a usage error.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveDataDir } from '../app-paths.js';
import { createCore, type Core } from '../core/index.js';
import { DATABASE_FILE } from '../data-dir.js';
import type { RuleCount } from '../../shared/api/rules.js';
import type { Result } from '../../shared/result.js';
import type { CliIo } from './classify.js';

export const RUN_RULES_USAGE =
  'usage: inbox-guard run-rules [--dry-run] [--account ID] [--data-dir DIR] [--batch N]';

interface RunRulesArgs {
  dryRun: boolean;
  accountId?: string;
  dataDir?: string;
  /** Messages per server command (a server that refuses or times out on big ones). */
  batch?: number;
}

export function parseRunRulesArgs(args: readonly string[]): RunRulesArgs | string {
  const parsed: RunRulesArgs = { dryRun: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--dry-run') parsed.dryRun = true;
    else if (arg === '--account' || arg === '--data-dir' || arg === '--batch') {
      const value = args[++i];
      if (!value || value.startsWith('--')) return `${arg} needs a value`;
      if (arg === '--account') parsed.accountId = value;
      else if (arg === '--data-dir') parsed.dataDir = value;
      else if (/^[1-9]\d{0,5}$/.test(value)) parsed.batch = Number(value);
      else return '--batch needs a whole number of messages, 1 to 999999';
    } else return `unknown argument ${arg}`;
  }
  return parsed;
}

export async function runRules(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseRunRulesArgs(args);
  if (typeof parsed === 'string') {
    io.err(`inbox-guard run-rules: ${parsed}\n${RUN_RULES_USAGE}`);
    return 1;
  }
  const dataDir = resolveDataDir(parsed.dataDir);
  // A mistyped folder must not become a new, empty data folder.
  if (!existsSync(path.join(dataDir, DATABASE_FILE))) {
    io.err(`inbox-guard run-rules: no Inbox Guard data in ${dataDir}`);
    return 1;
  }
  // The core's writer thread is unref'd (a door keeps the process alive): this one must,
  // or Node exits mid-run while only the writer is working.
  const keepAlive = setInterval(() => undefined, 60_000);
  const core = createCore({ dataDir, rulesBatchSize: parsed.batch });
  try {
    await core.ready();
    return await runWith(core, parsed, io);
  } finally {
    await core.close();
    clearInterval(keepAlive);
  }
}

async function runWith(core: Core, args: RunRulesArgs, io: CliIo): Promise<number> {
  const names = await namesOf(core);
  const refused = (r: Result<unknown> & { ok: false }) => {
    io.err(`inbox-guard run-rules: ${r.error.code}: ${r.error.message}`);
    return 2;
  };
  if (args.dryRun) {
    const dry = await core.call('rules.dryRun', { accountId: args.accountId, limit: 0 });
    if (!dry.ok) return refused(dry);
    printTable(io, dry.value.counts, names);
    io.out(`dry run: ${dry.value.total} message(s) would be touched; nothing was changed.`);
    return 0;
  }
  const runs = await core.call('rules.run', { accountId: args.accountId });
  if (!runs.ok) return refused(runs);
  printTable(
    io,
    runs.value.flatMap((r) => r.counts),
    names,
  );
  let failed = false;
  for (const run of runs.value) {
    io.out(`run ${run.id} (${names.accounts.get(run.accountId) ?? run.accountId}): ${run.state}`);
    if (run.state !== 'done') {
      failed = true;
      io.err(`run ${run.id}: ${run.error ?? run.state}`);
    }
  }
  return failed ? 2 : 0;
}

async function namesOf(core: Core) {
  const rules = await core.call('rules.list', {});
  const accounts = await core.call('accounts.list', {});
  return {
    rules: new Map(rules.ok ? rules.value.map((r) => [r.id, r.name]) : []),
    accounts: new Map(accounts.ok ? accounts.value.map((a) => [a.id, a.email]) : []),
  };
}

function printTable(
  io: CliIo,
  counts: readonly RuleCount[],
  names: Awaited<ReturnType<typeof namesOf>>,
): void {
  const rows = [
    ['rule', 'account', 'folder', 'messages'],
    ...counts.map((c) => [
      names.rules.get(c.ruleId) ?? `#${c.ruleId}`,
      names.accounts.get(c.accountId) ?? c.accountId,
      c.folder,
      String(c.count),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    io.out(
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
}
