/** A core over a fresh temporary data folder, as the serve mode builds it. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../electron/core/index.js';
import type { ApiInput, ApiName, ApiOutput } from '../../shared/api/index.js';
import type { Result } from '../../shared/result.js';

export interface TestCore {
  core: Core;
  dataDir: string;
  call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<Result<ApiOutput<N>>>;
  /** Unwraps a successful result, or fails the test with the error's code and sentence. */
  value<N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>>;
  /**
   * Syncs the account, then waits for the detection that follows the sync: the verdicts read
   * afterwards are the ones the app settles on (the sync's answer does not wait for them).
   */
  syncAndDetect(accountId: string): Promise<ApiOutput<'sync.run'>>;
  close(): Promise<void>;
}

export function createTestCore(options: Partial<CoreOptions> = {}): TestCore {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ig-core-'));
  const core = createCore({ ...options, dataDir });
  const call = <N extends ApiName>(name: N, input: ApiInput<N>) => core.call(name, input);
  return {
    core,
    dataDir,
    call,
    async value(name, input) {
      const result = await call(name, input);
      if (!result.ok) {
        // An INTERNAL error's cause is only in the log: show it.
        const log = result.error.code === 'INTERNAL' ? `\n${readLogTail(dataDir)}` : '';
        throw new Error(`${name} failed: ${result.error.code} ${result.error.message}${log}`);
      }
      return result.value;
    },
    async syncAndDetect(accountId) {
      const report = await this.value('sync.run', { accountId });
      for (;;) {
        const statuses = await this.value('sync.status', {});
        if (!statuses.find((s) => s.accountId === accountId)?.detecting) return report;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function readLogTail(dataDir: string): string {
  const file = path.join(dataDir, 'logs', 'inbox-guard.log');
  return existsSync(file)
    ? readFileSync(file, 'utf8').split('\n').slice(-15).join('\n')
    : '(no log)';
}
