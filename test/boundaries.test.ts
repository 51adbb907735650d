/**
 * The process boundary, checked from the file system (ESLint checks it too):
 * only the Electron entry points and platform adapters import `electron`, the
 * shared contract is platform-neutral, and the renderer reaches the core only
 * through shared/. And the store boundary: SQL only in electron/store/ and the
 * `*.sql.ts` files, the database handed around only by composition.
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

/** Specifiers of `import()` calls. */
function dynamicImportsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

/** Our own modules loaded from `entries` by static imports (type-only imports left out). */
function moduleGraph(entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(path.join(root, file), 'utf8');
    const specs = [
      ...text.matchAll(/\b(?:import|export)\s(?!type\s)[^'"]*?from\s*['"](\.[^'"]+)['"]/g),
      ...text.matchAll(/^\s*import\s+['"](\.[^'"]+)['"]/gm),
    ];
    for (const [, spec] of specs) {
      const target = path.join(path.dirname(file), spec!.replace(/\.js$/, '.ts'));
      visit(path.relative(root, path.join(root, target)));
    }
  };
  entries.forEach(visit);
  return [...seen];
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
      /(^|\/)(store|sync|sources|accounts|writer|verdicts|importer|core|transport|cli|platform|mailbox|relationships|secrets)\//;
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

  it("the writer's threads' modules import our own modules statically", () => {
    // From sources the threads load through tsx's require hook, which `import()` bypasses
    // (electron/writer/spawn.ts): an import() of a .ts module would fail there at run time.
    const entries = [
      'electron/writer/worker.ts',
      'electron/writer/detection-worker.ts',
      ...sourceFiles('test').filter((f) => f.endsWith('.writer.ts') || f.endsWith('.detector.ts')),
    ];
    const graph = moduleGraph(entries);
    const offenders = graph.flatMap((f) =>
      dynamicImportsOf(f)
        .filter((s) => s.startsWith('.'))
        .map((s) => `${f}: import('${s}')`),
    );
    expect(offenders).toEqual([]);
    // The walk must reach what the thread runs, and the check must see a dynamic import.
    expect(graph).toEqual(
      expect.arrayContaining([
        'electron/verdicts/service.ts',
        'electron/writer/detection-thread.ts',
        'electron/detect/classify.ts',
      ]),
    );
    expect(dynamicImportsOf('electron/evidence/index.ts')).toContain('./report-pdf.js');
  });

  it('the preload uses the channel names of the shared contract', () => {
    const preload = readFileSync(path.join(root, 'electron/preload.cts'), 'utf8');
    expect(preload).toContain(`'${IPC_CALL}'`);
    expect(preload).toContain(`'${IPC_EVENT}'`);
  });
});

/** The store layer: connection, pragmas and migrations, and each capability's `*.sql.ts`. */
const STORE_LAYER = /^electron\/store\/|\.sql\.ts$/;
/** A call on a database handle, any pragma, a statement prepared from a literal. */
const SQL_CALL =
  /\b(?:db|database|sqlite|connection)\s*\.\s*(?:prepare|exec|pragma|transaction|function)\s*\(|\.pragma\s*\(|\.prepare\s*\(\s*[`'"]/;
/** A string that starts as an SQL statement. */
const SQL_TEXT = /[`'"]\s*(?:SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|WITH)\s/;

/** The lines of `text` (whole-line comments left out) that hold SQL. */
function sqlLines(text: string): string[] {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((line) => !/^\s*\/\//.test(line) && (SQL_CALL.test(line) || SQL_TEXT.test(line)));
}

/**
 * Where the database itself may be handed around: composition, which passes it to the
 * `*.sql.ts` factories once.
 */
const HANDS_THE_DATABASE: Record<string, string> = {
  'electron/core/services.ts': 'opens the main connection',
  'electron/core/stores.ts': "builds the main connection's stores",
  'electron/writer/thread.ts': "opens the writer's connection and builds its stores",
  'electron/writer/detection-thread.ts': "opens the detection thread's read-only connection",
  'electron/verdicts/stores.ts': "builds detection's stores",
};

describe('the store boundary', () => {
  const app = ['electron', 'shared', 'renderer'].flatMap(sourceFiles);
  const text = (f: string) => readFileSync(path.join(root, f), 'utf8');

  it('no SQL outside electron/store/ and the *.sql.ts files', () => {
    const offenders = app
      .filter((f) => !STORE_LAYER.test(f))
      .flatMap((f) => sqlLines(text(f)).map((line) => `${f}: ${line.trim()}`));
    expect(offenders).toEqual([]);
    // The check must see SQL where it lives, and tell a RegExp's exec from a database's.
    expect(sqlLines(text('electron/mailbox/messages.sql.ts')).length).toBeGreaterThan(5);
    expect(sqlLines(text('electron/store/db.ts')).length).toBeGreaterThan(3);
    expect(sqlLines('const m = /a(b)/.exec(text);\nconst n = pattern.exec(line);')).toEqual([]);
    expect(
      sqlLines('o.db.transaction(() => 1)();\nconst q = `SELECT id FROM t`;\nh.pragma(x);'),
    ).toHaveLength(3);
  });

  it('only composition hands the database to the store factories', () => {
    // The database (its type or its opening) from store/db.ts, or better-sqlite3 itself.
    const database =
      /\bimport\s[^;]*?\b(?:Database|openDatabase)\b[^;]*?from\s*['"][^'"]*store\/db\.js['"]|['"]better-sqlite3['"]/;
    const handsIt = app.filter((f) => !STORE_LAYER.test(f) && database.test(text(f)));
    expect(handsIt.sort()).toEqual(Object.keys(HANDS_THE_DATABASE).sort());
  });
});
