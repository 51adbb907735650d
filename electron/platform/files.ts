/**
 * Files through the doors: how the user points the core at mail to import,
 * and how a file the core produced reaches the user. One interface, two
 * implementations: the desktop app's system dialogs (`files.electron.ts`),
 * and the browser's downloads for serve mode (below), where the server has no
 * screen to show a dialog on and the page saves what it fetched.
 */
import { AppError } from '../errors.js';
import type { FileDelivery } from '../../shared/types.js';
import type { DownloadRegistry } from './downloads.js';

/** A file the core made: its name for the user, its media type, and its bytes or its path. */
export type ProducedFile = { name: string; type: string } & (
  | { bytes: Buffer }
  /** A file the core wrote under the data folder's exports/. */
  | { path: string }
);

export type ImportSourceKind = 'file' | 'folder';

export interface PlatformFiles {
  /** The system's open dialog: the chosen path, or null when the user closed it. */
  chooseImportSource(kind: ImportSourceKind): Promise<string | null>;
  /** The save dialog then the write (desktop), or a download for the page to fetch (browser). */
  saveFile(file: ProducedFile): Promise<FileDelivery>;
  /** Shows a file the user saved, in the system's file manager. */
  showFolder(filePath: string): Promise<void>;
}

/** The path of the download route for an id; the page fetches it with its session token. */
export function downloadPath(id: string): string {
  return `/api/download/${id}`;
}

/** Serve mode: files leave as downloads; dialogs and folders belong to the user's browser. */
export function createBrowserFiles(downloads: DownloadRegistry): PlatformFiles {
  return {
    chooseImportSource() {
      return Promise.reject(
        new AppError(
          'INVALID_INPUT',
          'Serve mode cannot show a dialog on the server: type the path of the mailbox to import (import.local).',
        ),
      );
    },
    saveFile(file) {
      return Promise.resolve({
        downloadUrl: downloadPath(downloads.register(file)),
        fileName: file.name,
      });
    },
    showFolder() {
      return Promise.reject(
        new AppError('INVALID_INPUT', 'In serve mode, saved files are in the browser’s downloads.'),
      );
    },
  };
}
