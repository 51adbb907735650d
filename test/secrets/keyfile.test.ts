/** The serve mode's secret box: a 0600 key file, authenticated encryption. */
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyFileSecretBox } from '../../electron/secrets/index.js';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'ig-secrets-'));

describe('key file secret box', () => {
  it('creates its key with mode 0600 and round-trips a password', () => {
    const dir = tempDir();
    const box = createKeyFileSecretBox(dir);
    const blob = box.encrypt('mot de passe é');
    expect(blob.includes(Buffer.from('mot de passe'))).toBe(false);
    expect(box.decrypt(blob)).toBe('mot de passe é');
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    // A second box over the same folder reads the same key.
    expect(createKeyFileSecretBox(dir).decrypt(blob)).toBe('mot de passe é');
  });

  it('encrypts the same password differently each time', () => {
    const box = createKeyFileSecretBox(tempDir());
    expect(box.encrypt('x').equals(box.encrypt('x'))).toBe(false);
  });

  it('refuses a blob made with another key or tampered with, with a clear error', () => {
    const blob = createKeyFileSecretBox(tempDir()).encrypt('secret');
    const other = createKeyFileSecretBox(tempDir());
    expect(() => other.decrypt(blob)).toThrow(
      expect.objectContaining({ code: 'SECRETS_UNAVAILABLE' }),
    );
    const box = createKeyFileSecretBox(tempDir());
    const tampered = box.encrypt('secret');
    tampered[tampered.length - 1]! ^= 1;
    expect(() => box.decrypt(tampered)).toThrow(/enter it again/);
  });

  it('tightens a key file whose permissions were loosened', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'secret.key'), Buffer.alloc(32, 7));
    chmodSync(path.join(dir, 'secret.key'), 0o644);
    createKeyFileSecretBox(dir);
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });
});
