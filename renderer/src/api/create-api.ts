import type { InboxGuardApi } from '../../../shared/api/index.js';
import { createServeApi } from './serve-transport.js';
import { takeSessionToken } from './session-token.js';

declare global {
  interface Window {
    /** Set by Electron's preload; absent when the UI runs in a browser (serve mode). */
    inboxGuard?: InboxGuardApi;
  }
}

/** The same UI runs in Electron (IPC through the preload) and in a browser (serve mode). */
export function createApi(): InboxGuardApi {
  if (window.inboxGuard) return window.inboxGuard;
  return createServeApi(takeSessionToken());
}

/** The desktop app shows the system's dialogs; a browser (serve mode) asks for a typed path. */
export function hasSystemDialogs(): boolean {
  return window.inboxGuard !== undefined;
}
