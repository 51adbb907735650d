/**
 * Stored mail is private to its user: after a fresh start the data folder and
 * its sub-folders are 0700 and every file in them 0600, whichever door
 * started the core (the real serve process, or createCore in-process) and
 * whichever box keeps the secrets; a folder loosened by a copy or a restore
 * is repaired at the next start, with one warning per repaired path.
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/index.js';
import type { SecretBox } from '../../electron/secrets/index.js';
import { listDataDir, modes } from './data-dir-listing.js';
import { startServeProcess } from './serve-process.js';

/** Stands in for the desktop app's keychain box: no key file in the data folder. */
const keychainBox: SecretBox = {
  backend: 'safeStorage',
  encrypt: (plain) => Buffer.from(plain, 'utf8').reverse(),
  decrypt: (blob) => Buffer.from(blob).reverse().toString('utf8'),
};

const STORE_FILES = ['inbox-guard.sqlite', 'inbox-guard.sqlite-wal', 'inbox-guard.sqlite-shm'];
const LOG_FILE = path.join('logs', 'inbox-guard.log');

let temps: string[] = [];
afterEach(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  temps = [];
});

/** A data folder path that does not exist yet, in a fresh temporary parent. */
function newDataDir(): string {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'ig-modes-'));
  temps.push(parent);
  return path.join(parent, 'data');
}

/** The modes a fresh start must leave: folders 0700, files 0600. */
function expectedModes(withKeyFile: boolean): Record<string, string> {
  const files = [...STORE_FILES, LOG_FILE, ...(withKeyFile ? ['secret.key'] : [])];
  return {
    '.': '700',
    logs: '700',
    ...Object.fromEntries(files.map((f) => [f, '600'])),
  };
}

/** A process's umask, as Linux reports it. */
function umaskOf(pid: number | 'self'): string {
  return /^Umask:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]!;
}

async function startCore(dataDir: string, secrets?: SecretBox): Promise<Core> {
  const core = createCore({ dataDir, ...(secrets ? { secrets } : {}) });
  await core.ready();
  // Something worth logging, so the log file exists.
  core.log.info('started for the test');
  return core;
}

describe('a fresh data folder is private', () => {
  it('in serve mode (the real process, key-file box)', async () => {
    const dataDir = newDataDir();
    const serve = await startServeProcess(dataDir);
    try {
      expect(await serve.call('app.info')).toMatchObject({ ok: true });
      expect(modes(dataDir)).toEqual(expectedModes(true));
      // Whatever else the process creates is private too.
      expect(umaskOf(serve.child.pid!)).toBe('0077');
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('for a core started in-process with the key-file box', async () => {
    const dataDir = newDataDir();
    const hostUmask = umaskOf('self');
    const core = await startCore(dataDir);
    try {
      expect(modes(dataDir)).toEqual(expectedModes(true));
      // The host process's own files are not the core's business: its umask stays.
      expect(umaskOf('self')).toBe(hostUmask);
    } finally {
      await core.close();
    }
  });

  it('for a core given another secret box, as the desktop app does', async () => {
    const dataDir = newDataDir();
    const core = await startCore(dataDir, keychainBox);
    try {
      expect(modes(dataDir)).toEqual(expectedModes(false));
    } finally {
      await core.close();
    }
  });
});

/**
 * A data folder as a copy or a restore under a 022 umask leaves it: every
 * folder 0755, every file 0644, plus a sub-folder of the user's and a symlink
 * to a file outside, which must be left alone.
 */
async function loosenedDataDir(): Promise<{ dataDir: string; outside: string }> {
  const dataDir = newDataDir();
  const core = await startCore(dataDir);
  await core.close();
  mkdirSync(path.join(dataDir, 'exports'));
  writeFileSync(path.join(dataDir, 'exports', 'old.csv'), 'a,b\n');
  const outside = path.join(path.dirname(dataDir), 'outside.txt');
  writeFileSync(outside, 'not ours');
  chmodSync(outside, 0o644);
  symlinkSync(outside, path.join(dataDir, 'outside-link'));
  for (const entry of listDataDir(dataDir)) {
    if (entry.type === 'symlink') continue;
    chmodSync(path.join(dataDir, entry.path), entry.type === 'dir' ? 0o755 : 0o644);
  }
  return { dataDir, outside };
}

function modeWarnings(dataDir: string): string[] {
  return readFileSync(path.join(dataDir, LOG_FILE), 'utf8')
    .split('\n')
    .filter((line) => / WARN /.test(line) && /open to other users/.test(line));
}

const starts: Record<string, (dataDir: string) => Promise<() => Promise<unknown>>> = {
  'serve mode': async (dataDir) => {
    const serve = await startServeProcess(dataDir);
    return () => serve.stop();
  },
  'createCore in-process': async (dataDir) => {
    const core = await startCore(dataDir);
    return () => core.close();
  },
};

describe('a loosened data folder is repaired at start, with a warning', () => {
  for (const [door, start] of Object.entries(starts)) {
    it(door, async () => {
      const { dataDir, outside } = await loosenedDataDir();
      const loosened = listDataDir(dataDir).filter((e) => e.type !== 'symlink');
      const stop = await start(dataDir);
      try {
        for (const entry of listDataDir(dataDir)) {
          if (entry.type === 'dir') expect([entry.path, entry.mode]).toEqual([entry.path, '700']);
          if (entry.type === 'file') expect([entry.path, entry.mode]).toEqual([entry.path, '600']);
        }
      } finally {
        await stop();
      }
      // The link was not followed: the file outside keeps its mode.
      expect((statSync(outside).mode & 0o777).toString(8)).toBe('644');
      // One warning per repaired path, naming it and its new mode.
      const warnings = modeWarnings(dataDir);
      expect(warnings).toHaveLength(loosened.length);
      for (const entry of loosened) {
        const full = entry.path === '.' ? dataDir : path.join(dataDir, entry.path);
        const mine = warnings.filter((w) => w.includes(`${full} `));
        expect(mine, full).toHaveLength(1);
        expect(mine[0]).toContain(entry.type === 'dir' ? '0700' : '0600');
      }
      // Repaired once: the next start has nothing to say.
      await (
        await starts['createCore in-process']!(dataDir)
      )();
      expect(modeWarnings(dataDir)).toHaveLength(loosened.length);
    });
  }
});
