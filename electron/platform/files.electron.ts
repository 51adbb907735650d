/**
 * Files in the desktop app: the system's open and save dialogs, and the file
 * manager. Electron cannot run on our build machines, so this adapter stays
 * small and is checked by the type checker only; the core's side of each call
 * is tested through the browser implementation.
 */
import { app, dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import type { PlatformFiles } from './files.js';

const MAIL_FILES = { name: 'Mail (.mbox, .mbx, .eml)', extensions: ['mbox', 'mbx', 'eml'] };
// Thunderbird's mbox files have no extension at all.
const ALL_FILES = { name: '*', extensions: ['*'] };

/** `window`: the app's window, so the dialogs open over it (null before it exists). */
export function createElectronFiles(window: () => BrowserWindow | null): PlatformFiles {
  // Only what the user saved in this session may be shown: the renderer cannot name other paths.
  const saved = new Set<string>();
  return {
    async chooseImportSource(kind) {
      const options: OpenDialogOptions =
        kind === 'folder'
          ? { properties: ['openDirectory'] }
          : { properties: ['openFile'], filters: [MAIL_FILES, ALL_FILES] };
      const win = window();
      const chosen = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options);
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
    async saveFile(file) {
      const options = { defaultPath: path.join(app.getPath('downloads'), file.name) };
      const win = window();
      const chosen = win
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return { cancelled: true };
      if ('bytes' in file) await writeFile(chosen.filePath, file.bytes);
      else await copyFile(file.path, chosen.filePath);
      saved.add(chosen.filePath);
      return { saved: chosen.filePath };
    },
    async showFolder(filePath) {
      if (!saved.has(filePath))
        throw new AppError('NOT_FOUND', 'Only a file saved in this session can be shown.');
      shell.showItemInFolder(filePath);
    },
  };
}
