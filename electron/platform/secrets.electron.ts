import { safeStorage } from 'electron';
import { AppError } from '../errors.js';
import type { SecretBox } from '../secrets/index.js';

/**
 * The OS keychain through Electron. Refuses to store anything when real
 * encryption is unavailable (including Linux's plain-text fallback).
 */
export function createSafeStorageSecretBox(): SecretBox {
  const assertAvailable = () => {
    const weak =
      process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
    if (!safeStorage.isEncryptionAvailable() || weak) {
      throw new AppError(
        'SECRETS_UNAVAILABLE',
        'No system keychain is available to encrypt your password (on Linux, install and unlock GNOME Keyring or KWallet). Nothing was saved.',
      );
    }
  };
  return {
    backend: 'safeStorage',
    encrypt(plain) {
      assertAvailable();
      return safeStorage.encryptString(plain);
    },
    decrypt(blob) {
      assertAvailable();
      return safeStorage.decryptString(blob);
    },
  };
}
