import type { Migration } from './types.js';

/** User preferences kept by the core (language, later retention), as JSON values. */
export const migration0005: Migration = {
  version: 5,
  name: 'settings',
  up(db) {
    db.exec(`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;`);
  },
};
