/**
 * The process boundary, checked from the file system (ESLint checks it too):
 * only the Electron entry points and platform adapters import `electron`, the
 * shared contract is platform-neutral, and the renderer reaches the core only
 * through shared/.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IPC_CALL, IPC_EVENT } from '../shared/api/index.js';

const root = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(c|m)?tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Module specifiers of static imports, dynamic imports and requires. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specs = [
    ...text.matchAll(/\b(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
  ];
  return specs.map((m) => m[1]!);
}

const ELECTRON_ALLOWED = /^electron\/(main\.ts|preload\.cts|platform\/[\w-]+\.electron\.ts)$/;

describe('process boundaries', () => {
  const all = ['electron', 'shared', 'renderer', 'test', 'bench'].flatMap(sourceFiles);

  it('only main, preload and platform adapters import electron', () => {
    const offenders = all.filter(
      (f) => importsOf(f).includes('electron') && !ELECTRON_ALLOWED.test(f),
    );
    expect(offenders).toEqual([]);
    // The check must see the files that legitimately do import it.
    expect(all.filter((f) => importsOf(f).includes('electron'))).toEqual(
      expect.arrayContaining(['electron/main.ts', 'electron/preload.cts']),
    );
  });

  it('shared/ imports nothing from the processes or the platform', () => {
    const shared = sourceFiles('shared');
    // The API's contract files are among those checked.
    expect(shared).toEqual(
      expect.arrayContaining(['shared/api/index.ts', 'shared/api/accounts.ts', 'shared/result.ts']),
    );
    const offenders = shared.flatMap((f) =>
      importsOf(f)
        .filter(
          (s) =>
            /(^|\/)(electron|renderer)\//.test(s) ||
            s.startsWith('node:') ||
            ['better-sqlite3', 'imapflow', 'electron'].includes(s),
        )
        .map((s) => `${f}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('capabilities do not import the core: only the doors do', () => {
    // The core composes the capabilities' handler slices, handing each what it needs.
    const doors = /^electron\/(transport|cli)\/|^electron\/(main|serve)\.ts$/;
    const importers = sourceFiles('electron').filter(
      (f) => !f.startsWith('electron/core/') && importsOf(f).some((s) => /(^|\/)core\//.test(s)),
    );
    expect(importers.filter((f) => !doors.test(f))).toEqual([]);
    // The check must see the doors that legitimately do.
    expect(importers).toEqual(expect.arrayContaining(['electron/main.ts', 'electron/serve.ts']));
  });

  it('the renderer reaches the core only through shared/', () => {
    const offenders = sourceFiles('renderer').flatMap((f) =>
      importsOf(f)
        .filter((s) => /(^|\/)electron\//.test(s) || s === 'electron' || s.startsWith('node:'))
        .map((s) => `${f}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('detection and the mail format are pure: no I/O, no store, no network', () => {
    // Decisions and parsing take headers in and give results out; whoever calls them does I/O.
    const io =
      /^(node:(fs|net|tls|http|https|dns|child_process|worker_threads)|fs|net|better-sqlite3|imapflow|nodemailer|electron)(\/|$)/;
    const layersAbove =
      /(^|\/)(store|sync|accounts|writer|verdicts|importer|core|transport|cli|platform|mailbox|relationships|secrets)\//;
    const pure = [...sourceFiles('electron/detect'), ...sourceFiles('electron/mail-format')];
    const offenders = pure.flatMap((f) =>
      importsOf(f)
        .filter((s) => io.test(s) || layersAbove.test(s) || /(^|\/)log\.js$/.test(s))
        .map((s) => `${f}: ${s}`),
    );
    expect(offenders).toEqual([]);
    // The check must see the modules it guards.
    expect(pure).toEqual(
      expect.arrayContaining(['electron/detect/classify.ts', 'electron/mail-format/headers.ts']),
    );
  });

  it('the preload uses the channel names of the shared contract', () => {
    const preload = readFileSync(path.join(root, 'electron/preload.cts'), 'utf8');
    expect(preload).toContain(`'${IPC_CALL}'`);
    expect(preload).toContain(`'${IPC_EVENT}'`);
  });
});
