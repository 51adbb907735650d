/**
 * Files the core registers by path (the evidence bundles to come) are served
 * only from the data folder's exports/, checked on the real path when
 * registered and again when sent: a link to elsewhere, or one swapped in
 * after registering, serves nothing. Ids expire.
 */
import { mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTS_DIR } from '../../electron/core/services.js';
import {
  attachmentDisposition,
  createDownloadRegistry,
} from '../../electron/platform/downloads.js';
import { downloadPath } from '../../electron/platform/files.js';
import { startServe, type ServeHandle } from '../../electron/transport/serve.js';
import { createTestCore, type TestCore } from '../support/core.js';

let t: TestCore;
let serve: ServeHandle;
let exportsDir: string;
let outside: string;
const SECRET = 'outside the exports folder\n';

beforeAll(async () => {
  t = createTestCore();
  exportsDir = path.join(t.dataDir, EXPORTS_DIR);
  mkdirSync(exportsDir);
  // Beside exports/, in the data folder: as private as it gets, and still not downloadable.
  outside = path.join(t.dataDir, 'outside.txt');
  writeFileSync(outside, SECRET);
  const staticDir = path.join(t.dataDir, 'static');
  mkdirSync(staticDir);
  serve = await startServe({ core: t.core, staticDir });
});
afterAll(async () => {
  await serve?.close();
  await t.close();
});

function fetchDownload(id: string) {
  return fetch(`http://127.0.0.1:${serve.port}${downloadPath(id)}`, {
    headers: { 'x-inbox-guard-token': serve.token },
  });
}

describe('downloads registered by path', () => {
  it('serves a file inside exports/, whole', async () => {
    const file = path.join(exportsDir, 'bundle.zip');
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 3, 0xff]);
    writeFileSync(file, bytes);
    const id = t.core.registerDownload({
      name: 'dossier CNIL.zip',
      type: 'application/zip',
      path: file,
    });
    const res = await fetchDownload(id);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/zip');
  });

  it('refuses to register a file outside exports/, directly or through a link', () => {
    const link = path.join(exportsDir, 'passwd-link');
    symlinkSync('/etc/passwd', link);
    const sneaky = path.join(exportsDir, '..', 'outside.txt');
    for (const file of [outside, '/etc/passwd', link, sneaky, exportsDir]) {
      expect(
        () => t.core.registerDownload({ name: 'x.txt', type: 'text/plain', path: file }),
        file,
      ).toThrow(/Only regular files under/);
    }
  });

  it('serves nothing when the file was swapped for a link after registering', async () => {
    const file = path.join(exportsDir, 'report.pdf');
    writeFileSync(file, '%PDF-1.7\n');
    const id = t.core.registerDownload({
      name: 'rapport.pdf',
      type: 'application/pdf',
      path: file,
    });
    unlinkSync(file);
    symlinkSync(outside, file);
    const res = await fetchDownload(id);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(SECRET.trim());
  });
});

describe('download ids', () => {
  it('expire ten minutes after registering', async () => {
    let now = 1_000_000;
    const dir = path.join(os.tmpdir(), `ig-exports-${process.pid}`);
    const registry = createDownloadRegistry(dir, () => now);
    const bytes = Buffer.from('From: a@b.fr\n\nx\n');
    const kept = registry.register({ name: 'a.eml', type: 'message/rfc822', bytes });
    const expired = registry.register({ name: 'b.eml', type: 'message/rfc822', bytes });
    now += 9 * 60_000;
    expect((await registry.take(kept))?.body).toEqual(bytes);
    now += 60_000;
    expect(await registry.take(expired)).toBeNull();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('Content-Disposition', () => {
  it('carries any name in UTF-8 with an ASCII stand-in (RFC 6266, RFC 5987)', () => {
    expect(attachmentDisposition('2024-03-05-Élodie Café.eml')).toBe(
      `attachment; filename="2024-03-05-Elodie Cafe.eml"; filename*=UTF-8''2024-03-05-%C3%89lodie%20Caf%C3%A9.eml`,
    );
    // Quotes, backslashes and percent signs would break or fool the quoted form; ' ( ) * the encoded one.
    expect(attachmentDisposition(`l'offre "100%" (été) *\\ 📨.eml`)).toBe(
      `attachment; filename="l'offre _100__ (ete) *_ _.eml"; filename*=UTF-8''l%27offre%20%22100%25%22%20%28%C3%A9t%C3%A9%29%20%2A%5C%20%F0%9F%93%A8.eml`,
    );
  });
});
