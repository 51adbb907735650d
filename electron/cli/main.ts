/**
 * The inbox-guard command line: a thin door over the core, like the IPC and
 * serve transports. Subcommands are dispatched from here.
 */
import { runClassify, CLASSIFY_USAGE, type CliIo } from './classify.js';
import { EXPORT_USAGE, runExportEvidence, runVerifyBundle, VERIFY_USAGE } from './evidence.js';
import { runRules, RUN_RULES_USAGE } from './run-rules.js';

const USAGE = [
  'usage: inbox-guard <command> [options]',
  '',
  'commands:',
  `  classify         ${CLASSIFY_USAGE.replace('usage: inbox-guard classify ', '')}`,
  `  verify-bundle    ${VERIFY_USAGE.replace('usage: inbox-guard verify-bundle ', '')}`,
  `  export-evidence  ${EXPORT_USAGE.replace('usage: inbox-guard export-evidence ', '')}`,
  `  run-rules        ${RUN_RULES_USAGE.replace('usage: inbox-guard run-rules ', '')}`,
].join('\n');

const COMMANDS: Record<string, (args: readonly string[], io: CliIo) => Promise<number>> = {
  classify: runClassify,
  'verify-bundle': runVerifyBundle,
  'export-evidence': runExportEvidence,
  'run-rules': runRules,
};

export const consoleIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  ...(process.stderr.isTTY
    ? { status: (line: string) => process.stderr.write(`\r${line}\x1b[K`) }
    : {}),
};

export async function main(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command ? 0 : 1;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`inbox-guard: unknown command ${command}\n${USAGE}`);
    return 1;
  }
  return run(rest, io);
}
