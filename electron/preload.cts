/**
 * The only bridge between the renderer and the core: one fixed object with
 * two functions. No raw ipcRenderer crosses over. Sandboxed preloads cannot
 * load our own modules, so the channel names are repeated here; a test
 * checks they equal IPC_CALL / IPC_EVENT in shared/api/index.ts.
 */
import electron = require('electron');
import type { InboxGuardApi } from '../shared/api/index.js' with { 'resolution-mode': 'import' };
import type { CoreEvent } from '../shared/types.js' with { 'resolution-mode': 'import' };

const { contextBridge, ipcRenderer } = electron;

const CALL_CHANNEL = 'inbox-guard:call';
const EVENT_CHANNEL = 'inbox-guard:event';

const inboxGuard = {
  call: (name, input) => ipcRenderer.invoke(CALL_CHANNEL, name, input),
  onEvent(listener) {
    const relay = (_event: electron.IpcRendererEvent, payload: CoreEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, relay);
  },
} satisfies InboxGuardApi;

contextBridge.exposeInMainWorld('inboxGuard', inboxGuard);
