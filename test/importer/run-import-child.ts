/**
 * Runs `import-child.ts` (one `import.local` through a real core) in a child
 * process, optionally as user `nobody` (CI runs as root, who reads every file).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Account, ImportReport } from '../../shared/types.js';
import type { Result } from '../../shared/result.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ChildImport {
  result: Result<ImportReport>;
  accounts: Result<Account[]>;
  /** The child's peak resident memory (VmHWM), in bytes. */
  peakRss: number;
}

/** The user and group ids of `nobody`, to run a child as someone who cannot read a 000 file. */
export function nobody(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * The command that runs `args` (after node) as nobody when this process is root
 * (through setpriv), as this user otherwise: either way a 000 file is unreadable.
 */
export function commandAsUnprivileged(args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [process.execPath, args];
  const { uid, gid } = nobody();
  return [
    'setpriv',
    [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', process.execPath, ...args],
  ];
}

/** A fresh data folder the child can write, whoever it runs as. */
export function childDataDir(parent: string): string {
  const dataDir = path.join(parent, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  if (process.getuid?.() === 0) {
    const { uid, gid } = nobody();
    chownSync(dataDir, uid, gid);
  }
  return dataDir;
}

export async function importInChild(
  dataDir: string,
  inputPath: string,
  o: { unprivileged?: boolean } = {},
): Promise<ChildImport> {
  const args = ['--import', 'tsx', 'test/importer/import-child.ts', dataDir, inputPath];
  const [command, argv] = o.unprivileged ? commandAsUnprivileged(args) : [process.execPath, args];
  const { stdout } = await promisify(execFile)(command, argv, {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as ChildImport;
}
