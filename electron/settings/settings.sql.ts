/**
 * The settings table (key → JSON value): the one module that reads and writes
 * it. The user's preferences (settings/index.ts) and other capabilities' own
 * keys (sync's live-updates choice) all go through this interface.
 */
import type { Database } from '../store/db.js';
import { writeTransaction } from '../store/transaction.js';

export interface SettingsReader {
  /** Every stored key with its value. */
  all(): Map<string, unknown>;
  /** The value stored under `key`; undefined when there is none. */
  value(key: string): unknown;
}

export interface SettingsWriter {
  /** Stores these values (others stay), all in one transaction. */
  save(entries: ReadonlyArray<readonly [key: string, value: unknown]>): void;
}

export type SettingsTable = SettingsReader & SettingsWriter;

export function createSettingsTable(db: Database): SettingsTable {
  const all = db.prepare(`SELECT key, value FROM settings`);
  const one = db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck();
  const upsert = db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  const save = writeTransaction(db, (entries: ReadonlyArray<readonly [string, unknown]>) => {
    for (const [key, value] of entries) upsert.run(key, JSON.stringify(value));
  });
  return {
    all() {
      const rows = all.all() as Array<{ key: string; value: string }>;
      return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    },
    value(key) {
      const json = one.get(key) as string | undefined;
      return json === undefined ? undefined : (JSON.parse(json) as unknown);
    },
    save: (entries) => save(entries),
  };
}
