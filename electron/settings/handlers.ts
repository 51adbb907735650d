/** The settings slice of the API. */
import type { Handlers } from '../../shared/api/define.js';
import type { settingsCalls } from '../../shared/api/settings.js';
import type { SettingsStore } from './index.js';

export function settingsHandlers(settings: SettingsStore): Handlers<typeof settingsCalls> {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
  };
}
