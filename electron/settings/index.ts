/** User preferences kept in the store, so every door (desktop, serve on any port) shares them. */
import type { Settings } from '../../shared/types.js';
import type { Database } from '../store/db.js';

export const DEFAULT_SETTINGS: Settings = { language: null, goneRetentionDays: 30 };

export interface SettingsStore {
  get(): Settings;
  /** Saves the fields given (others stay); answers the settings as they now are. */
  set(patch: Partial<Settings>): Settings;
}

export function createSettings(db: Database): SettingsStore {
  const read = (): Settings => {
    const rows = db.prepare(`SELECT key, value FROM settings`).all() as Array<{
      key: string;
      value: string;
    }>;
    // Other capabilities keep their own keys in the same table: return only the user's settings.
    const stored = Object.fromEntries(
      rows
        .filter((r) => r.key in DEFAULT_SETTINGS)
        .map((r) => [r.key, JSON.parse(r.value) as unknown]),
    );
    return { ...DEFAULT_SETTINGS, ...(stored as Partial<Settings>) };
  };
  return {
    get: read,
    set(patch) {
      const upsert = db.prepare(
        `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      );
      db.transaction(() => {
        for (const [key, value] of Object.entries(patch))
          if (value !== undefined && key in DEFAULT_SETTINGS)
            upsert.run(key, JSON.stringify(value));
      })();
      return read();
    },
  };
}
