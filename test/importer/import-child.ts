/**
 * Runs one `import.local` through a real core in a process of its own, so a
 * test can measure the import's peak memory (not the test runner's) or run it
 * as another user. Prints one JSON line: the result envelope, the peak RSS
 * (VmHWM) in bytes, and the local accounts left in the data folder.
 *
 * usage: node --import tsx test/importer/import-child.ts <dataDir> <path>
 */
import { readFileSync } from 'node:fs';
import { createCore } from '../../electron/core/index.js';

const [dataDir, inputPath] = process.argv.slice(2);
if (!dataDir || !inputPath) throw new Error('usage: import-child.ts <dataDir> <path>');

function peakRssBytes(): number {
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  if (!kb) throw new Error('no VmHWM in /proc/self/status');
  return Number(kb[1]) * 1024;
}

// The store's writer thread is unref'd: keep this process alive until the import is done.
const keepAlive = setInterval(() => undefined, 60_000);
const core = createCore({ dataDir });
await core.ready();
const result = await core.call('import.local', { path: inputPath });
const accounts = await core.call('accounts.list', {});
await core.close();
clearInterval(keepAlive);
process.stdout.write(JSON.stringify({ result, accounts, peakRss: peakRssBytes() }) + '\n');
