/** User preferences kept in the store, so every door (desktop, serve on any port) shares them. */
import type { Settings } from '../../shared/types.js';
import type { SettingsTable } from './settings.sql.js';

export const DEFAULT_SETTINGS: Settings = {
  language: null,
  goneRetentionDays: 30,
  sourceRetentionDays: 90,
  journalRetentionDays: 365,
};

export interface SettingsStore {
  get(): Settings;
  /** Saves the fields given (others stay); answers the settings as they now are. */
  set(patch: Partial<Settings>): Settings;
}

export function createSettings(table: SettingsTable): SettingsStore {
  const read = (): Settings => {
    // Other capabilities keep their own keys in the same table: return only the user's settings.
    const stored = Object.fromEntries(
      [...table.all()].filter(([key]) => key in DEFAULT_SETTINGS),
    ) as Partial<Settings>;
    return { ...DEFAULT_SETTINGS, ...stored };
  };
  return {
    get: read,
    set(patch) {
      table.save(
        Object.entries(patch).filter(
          ([key, value]) => value !== undefined && key in DEFAULT_SETTINGS,
        ),
      );
      return read();
    },
  };
}
