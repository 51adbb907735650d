/**
 * Starting the app's threads (the writer, and the writer's detection thread)
 * from a module, compiled or from TypeScript sources.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The entry module `name` beside `moduleUrl` (import.meta.url), in the same form (.ts or .js). */
export function entryBeside(moduleUrl: string, name: string): URL {
  // Loaded by tsImport (bin/inbox-guard.cjs), a module's URL ends with a query: read the path.
  const here = new URL(moduleUrl);
  return new URL(`./${name}.${here.pathname.endsWith('.ts') ? 'ts' : 'js'}`, here);
}

/**
 * Starts a worker on a module. Compiled (Electron), the .js file loads as is.
 * From TypeScript sources (serve, CLI, tests) loader flags do not carry over
 * to worker threads: the thread loads its modules through tsx's require hook,
 * which runs in the thread itself. tsx's ESM loader would start a hooks thread
 * of its own (one more V8 heap, with tsx and esbuild in it, for the thread's
 * whole life). The require hook does not see `import()`: code the thread runs
 * imports our own modules statically (test/boundaries.test.ts checks it).
 */
export function spawnWorker(url: URL, workerData: unknown): Worker {
  // A bounded young generation and a ceiling on the old one: V8 collects the thread's garbage
  // early rather than letting its heap grow beside the main thread's (a 200 MB import with its
  // detection peaked at 290-320 MB unbounded, 240-255 MB at 4 MB). 8 MB, not 4: detection's
  // short-lived objects then mostly die before a collection, which at 4 MB ran every 40 messages;
  // at 16 MB the 200 MB import went over its 300 MB ceiling.
  const resourceLimits = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 384 };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData, resourceLimits });
  const file = JSON.stringify(fileURLToPath(url));
  const boot = `const load = require('node:module').createRequire(${file}); load('tsx/cjs'); load(${file});`;
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}
