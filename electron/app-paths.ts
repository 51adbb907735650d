/** Where the app's files live: its own install folder and the user's data folder. */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PRODUCT = 'Inbox Guard';

/** The folder holding package.json: the checkout, dist's parent, or the packaged app. */
export function findAppRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'inbox-guard'
    )
      return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`Cannot find the app's package.json above ${from}`);
  }
}

export function appVersion(): string {
  return (
    JSON.parse(readFileSync(path.join(findAppRoot(), 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

/** The same folder Electron's app.getPath('userData') uses, so both modes share data. */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT);
  if (process.platform === 'darwin')
    return path.join(home, 'Library', 'Application Support', PRODUCT);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT);
}

/** --data-dir wins, then INBOX_GUARD_DATA_DIR, then the OS default. */
export function resolveDataDir(flag?: string | null): string {
  const chosen = flag || process.env.INBOX_GUARD_DATA_DIR || defaultDataDir();
  return path.resolve(chosen);
}

export function demoMailDir(): string {
  return path.join(findAppRoot(), 'electron', 'demo', 'mail');
}
