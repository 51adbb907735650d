/** The app itself: what the UI shows about the data folder and the version. */
import type { AppInfo } from '../types.js';
import { call } from './define.js';
import { empty } from './schemas.js';

export const appCalls = {
  'app.info': call<AppInfo>()(empty),
} as const;
