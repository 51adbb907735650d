/**
 * `npm run serve`: the core and the same UI as the desktop app, in a browser,
 * on 127.0.0.1 only. Prints the one address (with its token) to open.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { findAppRoot, resolveDataDir } from './app-paths.js';
import { createCore } from './core/index.js';
import { makeNewFilesPrivate, prepareDataDir } from './data-dir.js';
import type { Logger } from './log.js';
import { startServe } from './transport/serve.js';

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('Usage: npm run serve -- [--port N] [--data-dir DIR]\n');
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not "${values.port}"`);
  const staticDir = path.join(findAppRoot(), 'dist', 'renderer');
  if (!existsSync(path.join(staticDir, 'index.html')))
    throw new Error(
      'The UI is not built: run "npm run build:renderer" (npm run serve does it for you).',
    );

  const dataDir = resolveDataDir(values['data-dir']);
  // Before anything is written: refuses a folder from a newer version, makes the folder private.
  makeNewFilesPrivate();
  const log = prepareDataDir(dataDir);
  keepServingAfterStrayErrors(log);
  logStalls(log);
  const reportUrl = signalSpamUrl(process.env.INBOX_GUARD_SIGNAL_SPAM_URL);
  const core = createCore({
    dataDir,
    log,
    authenticateAfterSync: true,
    objections: reportUrl ? { signalSpamUrl: reportUrl } : undefined,
  });
  const handle = await startServe({ core, staticDir, port });
  core.startBackgroundSync();
  log.info(`serve mode listening on 127.0.0.1:${handle.port}`);
  process.stdout.write(`Inbox Guard is running at ${handle.url}\n`);
  process.stderr.write(`Data folder: ${dataDir}\n`);

  const stop = async (signal: string) => {
    const started = Date.now();
    log.info(`serve mode stopping (${signal})`);
    await handle.close();
    await core.close();
    log.info(`serve mode stopped in ${Date.now() - started} ms`);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * Signal Spam's endpoint when not the public one (INBOX_GUARD_SIGNAL_SPAM_URL: a mirror, or a
 * test's server on this computer): https, or http to loopback only, since the report carries
 * the user's Signal Spam password.
 */
function signalSpamUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const url = new URL(raw);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new Error(
      'INBOX_GUARD_SIGNAL_SPAM_URL must be an https address (http only to this computer).',
    );
  return url.href;
}

/**
 * The last resort: an error no handler caught is logged and the server keeps
 * answering (the request handlers answer their own errors; this is for a bug).
 */
function keepServingAfterStrayErrors(log: Logger): void {
  process.on('uncaughtException', (err) =>
    log.error('uncaught exception (serve mode keeps running)', err),
  );
  process.on('unhandledRejection', (reason) =>
    log.error('unhandled promise rejection (serve mode keeps running)', reason),
  );
}

/**
 * Says in the log when this process's event loop was held for over a second: a request, or a
 * stop signal, waits that long (a stop once took over 10 s on a loaded machine, with nothing
 * logged to say where it waited).
 */
function logStalls(log: Logger): void {
  const delay = monitorEventLoopDelay({ resolution: 50 });
  delay.enable();
  setInterval(() => {
    const heldMs = delay.max / 1e6;
    if (heldMs > 1000) log.warn(`serve mode: the event loop was held for ${Math.round(heldMs)} ms`);
    delay.reset();
  }, 5000).unref();
}

main().catch((err: unknown) => {
  process.stderr.write(`inbox-guard serve: ${(err as Error).message}\n`);
  process.exit(1);
});
