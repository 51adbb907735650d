/**
 * The Electron main process: one hardened window, the IPC door to the core,
 * and the platform adapters. Everything else lives in the core (plain Node).
 */
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { IPC_CALL, IPC_EVENT } from '../shared/api/index.js';
import { fail } from '../shared/result.js';
import { resolveDataDir } from './app-paths.js';
import { createCore, type Core } from './core/index.js';
import { makeNewFilesPrivate, prepareDataDir } from './data-dir.js';
import type { Logger } from './log.js';
import { createElectronFiles } from './platform/files.electron.js';
import { createSafeStorageSecretBox } from './platform/secrets.electron.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Compiled layout: dist/electron/main.js, dist/electron/preload.cjs, dist/renderer/index.html.
const rendererIndex = path.join(here, '..', 'renderer', 'index.html');
const preloadScript = path.join(here, 'preload.cjs');

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

function dataDirFromArgs(): string {
  const { values } = parseArgs({
    args: process.argv.slice(1),
    options: { 'data-dir': { type: 'string' } },
    strict: false,
  });
  const flag = typeof values['data-dir'] === 'string' ? values['data-dir'] : null;
  return flag || process.env.INBOX_GUARD_DATA_DIR ? resolveDataDir(flag) : app.getPath('userData');
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Inbox Guard',
    show: false,
    webPreferences: {
      preload: preloadScript,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
    },
  });
  // Links from the UI open in the user's browser; the window itself never navigates away.
  // (a link in a message comes here only after the user confirmed its host).
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
  return win;
}

/** Only web pages and mail addresses leave the app, parsed rather than matched. */
function isExternalLink(url: string): boolean {
  return URL.canParse(url) && ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol);
}

function isOurPage(url: string): boolean {
  return url === pathToFileURL(rendererIndex).href;
}

async function start() {
  const dataDir = dataDirFromArgs();
  let log: Logger;
  try {
    // First, before the window: a folder from a newer version is refused untouched, and the
    // process's umask and the folder's modes make what it holds private.
    makeNewFilesPrivate();
    log = prepareDataDir(dataDir);
  } catch (err) {
    dialog.showErrorBox('Inbox Guard cannot open its data folder', (err as Error).message);
    app.exit(1);
    return;
  }
  await app.whenReady();
  // No camera, notifications, geolocation... for anything shown in the window.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  core = createCore({
    dataDir,
    log,
    secrets: createSafeStorageSecretBox(),
    // Dialogs open over the window (it is made just below, before any call can arrive).
    files: createElectronFiles(() => (mainWindow?.isDestroyed() ? null : mainWindow)),
    authenticateAfterSync: true,
  });

  ipcMain.handle(IPC_CALL, (event, name: unknown, input: unknown) => {
    if (!isOurPage(event.senderFrame?.url ?? '')) {
      return fail('UNAUTHORIZED', 'Only the app window may call the core.');
    }
    return core!.callUnchecked(String(name), input);
  });

  const win = createWindow();
  mainWindow = win;
  core.startBackgroundSync();
  core.onEvent((e) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, e);
  });
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => void core?.close());
void start();
