/**
 * The data folder holds the user's mail: it is private to its user. Every
 * door (serve mode, the desktop app, createCore) prepares it first: a folder
 * from a newer version is refused before anything is written into it; then
 * the folder is created 0700, and modes loosened since (a copy, a restore)
 * are repaired, each with a warning in the log. The processes that are ours
 * (serve mode, the desktop app) also set their umask, so that whatever they
 * create (Chromium's files included) is private.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { createLogger, type Logger } from './log.js';
import { assertStoreNotFromFuture } from './store/db.js';

export const DATABASE_FILE = 'inbox-guard.sqlite';
export const LOG_DIR = 'logs';
/** The data folder and every folder in it. */
const PRIVATE_DIR_MODE = 0o700;
/** Every file in the data folder. */
export const PRIVATE_FILE_MODE = 0o600;
/** No group or other access for what the process creates. */
const PRIVATE_UMASK = 0o077;

interface RepairedPath {
  path: string;
  was: number;
  now: number;
}

/**
 * For a process that is ours from its start (serve mode, the desktop app):
 * nothing it creates gets group or other access, whatever mode the code asks.
 * Not for createCore, which runs inside other processes (tests, tools) whose
 * own files need their umask; every file the core creates has a private mode.
 */
export function makeNewFilesPrivate(): void {
  // The umask belongs to the process: a worker thread may not set it.
  if (process.platform !== 'win32' && isMainThread) process.umask(PRIVATE_UMASK);
}

/**
 * Checks and prepares `dir`, then returns the logger writing into its logs
 * folder (or `log`, when the caller brings one). Throws DB_FROM_FUTURE with
 * the folder left as it was.
 */
export function prepareDataDir(dir: string, log?: Logger): Logger {
  assertStoreNotFromFuture(path.join(dir, DATABASE_FILE));
  // Modes mean nothing on Windows, where the folder sits in the user's own profile.
  if (process.platform === 'win32') {
    mkdirSync(dir, { recursive: true });
    return log ?? createLogger(path.join(dir, LOG_DIR));
  }
  ensureFolder(dir);
  const repaired = makePrivate(dir);
  const logger = log ?? createLogger(path.join(dir, LOG_DIR));
  for (const r of repaired)
    logger.warn(
      `Data folder: ${r.path} was open to other users (mode ${octal(r.was)}); now ${octal(r.now)}.`,
    );
  return logger;
}

function ensureFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!statSync(dir).isDirectory())
    throw new Error(`The data folder ${dir} is not a folder: choose another with --data-dir.`);
}

/**
 * Folders to 0700 and files to 0600 wherever group or others have any access,
 * the data folder included. Symbolic links are not followed: what they point
 * at is not ours to change.
 */
function makePrivate(dir: string): RepairedPath[] {
  const repaired: RepairedPath[] = [];
  const visit = (p: string) => {
    const st = lstatIfPresent(p);
    if (!st || st.isSymbolicLink()) return;
    const wanted = st.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    const was = st.mode & 0o777;
    if ((was & 0o077) !== 0) {
      try {
        chmodSync(p, wanted);
      } catch (err) {
        throw new Error(
          `Cannot make ${p} private to you (${(err as NodeJS.ErrnoException).code}): it holds mail other users could read. Fix its owner or mode, then start again.`,
          { cause: err },
        );
      }
      repaired.push({ path: p, was, now: wanted });
    }
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
  return repaired;
}

/** A file that went away while the folder was walked (a closing store's -shm) is not an error. */
function lstatIfPresent(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

const octal = (mode: number) => `0${mode.toString(8).padStart(3, '0')}`;
