import type { Migration } from './types.js';

/**
 * Messages by sender address, ignoring ASCII case as corrections look them up
 * (`from_address = ? COLLATE NOCASE`): a correction finds its sender's mail
 * through this index instead of reading every message. The index 0002 had
 * (binary collation, unusable for that lookup) went with 0008's rebuild.
 * A domain correction's `LIKE '%@domain'` reads this index rather than the
 * table: it holds only the addresses.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'sender-index',
  up(db) {
    db.exec(`CREATE INDEX messages_by_from_address ON messages (from_address COLLATE NOCASE)`);
  },
};
