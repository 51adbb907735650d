/**
 * Secrets (account passwords) are stored only as ciphertext. Two boxes hold
 * the key: Electron's safeStorage (the OS keychain) in the desktop app, and a
 * 0600 key file in the data folder for the serve mode, the CLI and tests.
 */
export interface SecretBox {
  readonly backend: 'safeStorage' | 'keyfile';
  /** Throws AppError SECRETS_UNAVAILABLE rather than store anything in clear. */
  encrypt(plain: string): Buffer;
  decrypt(blob: Buffer): string;
}

export { createKeyFileSecretBox } from './keyfile.js';
