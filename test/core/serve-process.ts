/** The real `npm run serve` command (electron/serve.ts under tsx) as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServeProcess {
  child: ChildProcess;
  /** The printed address, with its token. */
  url: string;
  /** Everything it printed on stdout so far. */
  stdout(): string;
  origin: string;
  token: string;
  /** Posts one API call with the token; resolves with the parsed envelope. */
  call(name: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export interface ServeExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnServe(dataDir: string, preload: string[]): ChildProcess {
  const imports = ['tsx', ...preload].flatMap((module) => ['--import', module]);
  return spawn(
    process.execPath,
    [...imports, 'electron/serve.ts', '--data-dir', dataDir, '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/**
 * Starts serve mode on `dataDir` and waits for its address; rejects if it
 * exits first. `preload`: modules (TypeScript allowed) loaded before it.
 */
export async function startServeProcess(
  dataDir: string,
  opts: { preload?: string[] } = {},
): Promise<ServeProcess> {
  const child = spawnServe(dataDir, opts.preload ?? []);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,})/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited early with ${code}: ${stderr}`)));
  });
  const token = url.split('#token=')[1]!;
  const origin = new URL(url).origin;
  return {
    child,
    url,
    stdout: () => stdout,
    origin,
    token,
    async call(name, input = {}) {
      const res = await fetch(`${origin}/api/call/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-inbox-guard-token': token },
        body: JSON.stringify(input),
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs serve mode on `dataDir` expecting it to stop by itself (a refused data folder). */
export function runServeToExit(dataDir: string): Promise<ServeExit> {
  const child = spawnServe(dataDir, []);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
    // It started after all: stop it, so the test fails on its exit code rather than hangs.
    if (stdout.includes('#token=')) child.kill('SIGTERM');
  });
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}
