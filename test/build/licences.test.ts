/**
 * "About" lists the licences of what the app ships, generated from the lock
 * file: every runtime dependency with its licence, none of the tools that only
 * build or test it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shippedLicences } from '../../build/licences.js';
import { REPO_ROOT } from '../support/browser.js';

describe('shipped licences', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ig-licences-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('lists the runtime dependencies of this repository with their licences, no dev tools', () => {
    const list = shippedLicences(REPO_ROOT);
    const find = (name: string) => list.find((d) => d.name === name);
    expect(find('react')?.licence).toBe('MIT');
    expect(find('imapflow')?.licence).toBeTruthy();
    expect(find('dompurify')?.licence).toMatch(/Apache-2\.0|MPL-2\.0/);
    // Build and test tools stay out.
    expect(find('vitest')).toBeUndefined();
    expect(find('typescript')).toBeUndefined();
    // One esbuild binary: this machine's, not every platform's.
    expect(list.filter((d) => d.name.startsWith('@esbuild/'))).toHaveLength(1);
    expect(list.every((d) => d.version !== '')).toBe(true);
  });

  it('reads a licence the lock file lacks from the package itself, and says when there is none', () => {
    writeFileSync(
      path.join(tmp, 'package-lock.json'),
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'app' },
          'node_modules/a': { version: '1.0.0', license: 'MIT' },
          'node_modules/b': { version: '2.0.0' },
          'node_modules/a/node_modules/@s/c': { version: '3.0.0' },
          'node_modules/tool': { version: '4.0.0', license: 'ISC', dev: true },
          'node_modules/peer': { version: '5.0.0', license: 'ISC', devOptional: true },
          'node_modules/@esbuild/other-os': { version: '0.1.0', license: 'MIT', optional: true },
        },
      }),
    );
    mkdirSync(path.join(tmp, 'node_modules/b'), { recursive: true });
    writeFileSync(
      path.join(tmp, 'node_modules/b/package.json'),
      JSON.stringify({ licenses: [{ type: 'BSD-2-Clause' }] }),
    );
    expect(shippedLicences(tmp)).toEqual([
      { name: '@s/c', version: '3.0.0', licence: null },
      { name: 'a', version: '1.0.0', licence: 'MIT' },
      { name: 'b', version: '2.0.0', licence: 'BSD-2-Clause' },
    ]);
  });
});
