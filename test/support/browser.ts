/**
 * End-to-end helpers: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), and the real serve mode started as a child process on
 * a fresh data folder, exactly as `npm run serve` runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_INDEX = path.join(REPO_ROOT, 'dist', 'renderer', 'index.html');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-artifacts', 'screenshots');

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumUnavailableReason(): string | undefined {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return undefined;
  } catch {
    return `${CHROMIUM_PATH} is absent (apt-get install -y chromium)`;
  }
}

export function chromiumAvailable(): boolean {
  return chromiumUnavailableReason() === undefined;
}

/** Headless Chromium with the flags that keep it quiet on a closed network and work as root. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A desktop-sized page whose navigator.language is `locale` (the app picks its language from it). */
export async function openAppPage(
  browser: Browser,
  url: string,
  locale: 'fr-FR' | 'en-US',
): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({
    locale,
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  // A script error or a CSP violation is a failure even when the screen looks fine.
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(url);
  return { context, page, pageErrors };
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export interface ServeProcess {
  /** The printed address, token included. */
  url: string;
  dataDir: string;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
  /** SIGTERM, then waits for a clean exit (code 0); throws if it does not stop. */
  stop(): Promise<void>;
}

const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/;

/**
 * Starts `electron/serve.ts` on a fresh data folder and a free port. It runs
 * as one Node process (`node --import tsx`, what `npx tsx` does minus the
 * wrapper processes) so the SIGTERM reaches the server itself and its exit
 * code can be checked.
 */
export async function startServeProcess(
  options: {
    env?: Record<string, string>;
    timeoutMs?: number;
    /** A data folder already filled (the bench's generated store); removed on stop. */
    dataDir?: string;
  } = {},
): Promise<ServeProcess> {
  if (!existsSync(RENDERER_INDEX)) {
    throw new Error(
      `${RENDERER_INDEX} is missing: build the UI first with "npm run build:renderer" (npm test does it).`,
    );
  }
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ig-e2e-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/serve.ts', '--data-dir', dataDir, '--port', '0'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  let url: string;
  try {
    url = await waitForUrl(child, () => output, exited, options.timeoutMs ?? 30_000);
  } catch (err) {
    killGroup(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }

  return {
    url,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await Promise.race([
        exited,
        // 20 s: on a loaded 2-core machine a stop has taken over 10 s (serve logs held event loops).
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000)),
      ]);
      // What it was doing is in its log, which goes with the data folder.
      const log = code === 'timeout' ? logTail(dataDir) : '';
      rmSync(dataDir, { recursive: true, force: true });
      if (code === 'timeout') {
        killGroup(child);
        throw new Error(`serve mode did not stop within 20 s of SIGTERM.\n${output}\n${log}`);
      }
      if (code !== 0) throw new Error(`serve mode exited with code ${code} on SIGTERM.\n${output}`);
    },
  };
}

/** Calls the serve mode's API from outside the page, as another window of the app would. */
export async function callServeApi(serve: ServeProcess, name: string, input: unknown = {}) {
  const address = new URL(serve.url);
  const token = new URLSearchParams(address.hash.slice(1)).get('token') ?? '';
  const response = await fetch(`${address.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-inbox-guard-token': token },
    body: JSON.stringify(input),
  });
  return (await response.json()) as
    { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
}

function waitForUrl(
  child: ChildProcess,
  output: () => string,
  exited: Promise<number | null>,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`serve mode printed no address within ${timeoutMs} ms.\n${output()}`));
    }, timeoutMs);
    const onData = () => {
      const match = URL_LINE.exec(output());
      if (match?.[1]) {
        cleanup();
        resolve(match[1]);
      }
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => {
      cleanup();
      reject(
        new Error(`serve mode exited (code ${code}) before printing its address.\n${output()}`),
      );
    });
  });
}

function killGroup(child: ChildProcess) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The last lines of a data folder's log (what a process was doing when it would not stop). */
function logTail(dataDir: string): string {
  const file = path.join(dataDir, 'logs', 'inbox-guard.log');
  if (!existsSync(file)) return '(no log)';
  return `Log, last lines:\n${readFileSync(file, 'utf8').split('\n').slice(-40).join('\n')}`;
}
