import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
  closeSync,
} from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';
import type { SecretBox } from './index.js';

const KEY_FILE = 'secret.key';
const FORMAT = 1; // first byte of every blob, so the format can change later

/** AES-256-GCM with a random key kept in `<dataDir>/secret.key`, mode 0600. */
export function createKeyFileSecretBox(dataDir: string): SecretBox {
  const key = loadOrCreateKey(path.join(dataDir, KEY_FILE));
  return {
    backend: 'keyfile',
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(blob) {
      if (blob[0] !== FORMAT || blob.length < 29) {
        throw new AppError(
          'SECRETS_UNAVAILABLE',
          'A stored password is unreadable; enter it again.',
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(1, 13));
        decipher.setAuthTag(blob.subarray(13, 29));
        return Buffer.concat([decipher.update(blob.subarray(29)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new AppError(
          'SECRETS_UNAVAILABLE',
          'A stored password cannot be decrypted with this data folder’s key (was secret.key replaced?); enter it again.',
        );
      }
    },
  };
}

function loadOrCreateKey(file: string): Buffer {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    const key = readFileSync(file);
    if (key.length !== 32)
      throw new AppError('SECRETS_UNAVAILABLE', `${file} is not a valid key file.`);
    // Tighten a key file whose mode was loosened (a copy, a restore from backup).
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process just created.
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, key);
  } finally {
    closeSync(fd);
  }
  return key;
}
